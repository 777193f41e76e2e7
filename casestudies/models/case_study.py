"""CaseStudyPage: one real space or initiative, described so that it can be compared."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Prefetch, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search import index

from hub import sitewide
from hub.blocks import RESOURCE_BLOCKS, RESULTS_BLOCKS, STORY_BLOCKS
from hub.links import saved_links
from hub.models import (
    Country,
    Facet,
    Organisation,
    Region,
    SearchableMixin,
    SpaceType,
    Theme,
    TranslationStatusMixin,
)
from hub.privacy import public_q

from ..api import CASE_STUDY_API_FIELDS
from .choices import BusinessModel, Governance, Licence, RelationType
from .panels import case_study_edit_handler
from .presentation import CaseStudyPresentationMixin
from .translation import (
    CASE_STUDY_TRANSLATABLE_FIELDS,
    LOCALIZED_FOREIGN_KEYS,
    localize_taxonomy_links,
)

EARLIEST_YEAR = 1800
TAXONOMY_LINKS = {*LOCALIZED_FOREIGN_KEYS, "themes"}

# What a card reads of its case study (``CaseStudyPage.cards``): each other field would
# cost a query per card, which the query budgets' tests would see.
CARD_FIELDS = (
    *("title", "slug", "url_path", "path", "depth", "live", "content_type", "locale"),
    *("alias_of", "translation_key", "first_published_at", "hero_image"),
    *("city", "summary", "country", "region", "space_type", "year_founded", "desks"),
)


def validate_not_future_year(value):
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(
            _("%(year)s is in the future: enter the year it actually happened."),
            params={"year": value},
            code="future_year",
        )


def _position(order):
    """A link's place in the editor's order; a link never saved by a form comes first."""
    return (order is not None, order or 0)


@dataclass(frozen=True)
class RelatedCase:
    relation: str
    page: "CaseStudyPage"


class CaseStudyPage(SearchableMixin, TranslationStatusMixin, CaseStudyPresentationMixin, Page):
    """One real space or initiative: where it is, what it is, its story and its results."""

    summary = models.TextField(
        verbose_name=_("summary"),
        help_text=_(
            "Two or three sentences: what the space is, where it is and what others can "
            "learn from it. Shown on cards, in search results and in exports."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("A landscape photo of the space in use, at least 1200 pixels wide."),
    )
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("alternative text of the main image"),
        help_text=_("What the photo shows. Leave empty to use the image's own description."),
    )
    # Location and facts
    city = models.CharField(
        max_length=120,
        verbose_name=_("city or town"),
        help_text=_("The municipality where the space is."),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("region"),
        help_text=_("Optional. Must be a region of the country chosen below."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="case_studies", verbose_name=_("country")
    )
    latitude = models.FloatField(
        validators=[
            MinValueValidator(-90, _("Latitude is between -90 and 90 degrees.")),
            MaxValueValidator(90, _("Latitude is between -90 and 90 degrees.")),
        ],
        verbose_name=_("latitude"),
        help_text=_(
            "In decimal degrees, north positive, e.g. 43.2965 for Marseille. Right-click the "
            "place in OpenStreetMap and choose “Show address” to read it."
        ),
    )
    longitude = models.FloatField(
        validators=[
            MinValueValidator(-180, _("Longitude is between -180 and 180 degrees.")),
            MaxValueValidator(180, _("Longitude is between -180 and 180 degrees.")),
        ],
        verbose_name=_("longitude"),
        help_text=_("In decimal degrees, east positive, e.g. 5.3698 for Marseille."),
    )
    space_type = models.ForeignKey(
        SpaceType,
        on_delete=models.PROTECT,
        related_name="case_studies",
        verbose_name=_("type of space"),
        help_text=_("The kind of place it mainly is."),
    )
    themes = ParentalManyToManyField(
        Theme,
        related_name="case_studies",
        verbose_name=_("themes"),
        help_text=_("Choose every theme the case says something useful about (at least one)."),
    )
    year_founded = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                EARLIEST_YEAR, _("Enter a year from 1800 on: the year the space opened.")
            ),
            validate_not_future_year,
        ],
        verbose_name=_("year founded"),
        help_text=_("The year the space opened to its users."),
    )
    surface_m2 = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("surface (m²)"), help_text=_("Usable floor area.")
    )
    desks = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("desks"), help_text=_("Workstations available.")
    )
    members = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("members"),
        help_text=_("Regular users or members at the last count."),
    )
    business_model = models.CharField(
        max_length=20,
        choices=BusinessModel.choices,
        blank=True,
        verbose_name=_("business model"),
        help_text=_("Where most of the money comes from."),
    )
    governance = models.CharField(
        max_length=20,
        choices=Governance.choices,
        blank=True,
        verbose_name=_("governance"),
        help_text=_("Who owns the project and takes the decisions."),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    operator = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_spaces",
        verbose_name=_("operator"),
        help_text=_("The organisation that runs the space (add it under Taxonomies first)."),
    )
    # The story, in fixed sections
    context = StreamField(
        STORY_BLOCKS,
        verbose_name=_("context"),
        help_text=_("The place, the people and the situation before the project."),
    )
    challenge = StreamField(
        STORY_BLOCKS,
        verbose_name=_("challenge"),
        help_text=_("The problem the space set out to solve, and for whom."),
    )
    approach = StreamField(
        STORY_BLOCKS,
        verbose_name=_("approach"),
        help_text=_("What was done, step by step: partners, funding, decisions."),
    )
    results = StreamField(
        RESULTS_BLOCKS,
        verbose_name=_("results"),
        help_text=_(
            "What changed. Start with key figures (value, unit, what it measures, year, "
            "source): they are compared across cases."
        ),
    )
    lessons = StreamField(
        STORY_BLOCKS,
        verbose_name=_("lessons learned"),
        help_text=_("What worked, what did not, what the team would do differently."),
    )
    transfer = StreamField(
        STORY_BLOCKS,
        blank=True,
        verbose_name=_("conditions for transfer"),
        help_text=_("What another place needs to do the same: conditions, costs, pitfalls."),
    )
    resources = StreamField(
        RESOURCE_BLOCKS,
        blank=True,
        verbose_name=_("resources"),
        help_text=_("Documents to download and links to go further."),
    )
    # Provenance
    source_name = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("source"),
        help_text=_("Where the information comes from: a study, an interview, a database."),
    )
    source_url = models.URLField(blank=True, verbose_name=_("source address"))
    partner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributed_case_studies",
        verbose_name=_("contributing partner"),
        help_text=_("The network partner who documented the case."),
    )
    licence = models.CharField(
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY,
        verbose_name=_("licence"),
        help_text=_("The open licence the text is published under. Keep CC BY 4.0 if unsure."),
    )
    source_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1900, _("Enter a year from 1900 on.")),
            validate_not_future_year,
        ],
        verbose_name=_("year of the information"),
        help_text=_("The year the facts and figures were collected."),
    )

    edit_handler = case_study_edit_handler()
    search_text_fields = (
        ("summary", 2),
        "city",
        "region",
        "country",
        "space_type",
        "themes",
        "operator",
        "context",
        "challenge",
        "approach",
        "results",
        "lessons",
        "transfer",
    )
    search_facets = {
        "country": Facet("country", _("Country"), label_field="name"),
        "theme": Facet("themes", _("Theme"), label_field="name"),
        "space_type": Facet("space_type", _("Type of space"), label_field="name"),
    }
    search_fields = [
        *SearchableMixin.search_fields,
        index.FilterField("country"),
        index.FilterField("themes"),
        index.FilterField("space_type"),
        index.FilterField("year_founded"),
    ]
    override_translatable_fields = CASE_STUDY_TRANSLATABLE_FIELDS
    api_fields = CASE_STUDY_API_FIELDS
    in_feeds = True  # hub.feeds: new case studies appear in the RSS and Atom feeds

    template = "pages/case_study_page.html"
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    # What the page always shows, fetched with it when served (hub.translation.routing):
    # joined, or its terms and organisations from the site's snippets kept in memory.
    served_select_related = ("hero_image", "alias_of__locale")
    served_kept_relations = ("country", "region", "space_type", "operator", "partner")
    page_description = _(
        "One real space or initiative: location, facts, its story in fixed sections, "
        "results in figures, resources and related cases."
    )

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [
            # The finder's facet counts read these columns of every case study of a
            # language; from this index they skip the wide rows (the story's sections).
            models.Index(
                fields=[
                    "page_ptr",
                    "country",
                    "region",
                    "space_type",
                    "desks",
                    "surface_m2",
                    "year_founded",
                ],
                name="casestudy_facets_idx",
            ),
        ]

    def gallery(self) -> list:
        """The gallery's images, with their renditions and the main image's, in one query,
        where Wagtail's image tags look first: the main image's came from Wagtail's
        rendition cache otherwise, which unpickled its 10 renditions (the picture's 9, the
        sharing card's) and wrote them back on every view."""
        gallery = list(self.gallery_images.select_related("image"))
        images = [item.image for item in gallery]
        if self.hero_image is not None:
            images.append(self.hero_image)
        prefetch_related_objects(images, "renditions")
        return gallery

    def _edited_in_memory(self, relation: str) -> bool:
        """Whether the page holds ``relation`` edited in memory (a preview): read as it is."""
        return self.pk is None or relation in getattr(self, "_cluster_related_objects", {})

    def themes_shown(self) -> list:
        """The page's themes, by name. Saved ones through raw(): read on every view of the
        page, where building the ORM query with its join cost several times the query."""
        if self._edited_in_memory("themes"):
            return list(self.themes.all())
        quote = connection.ops.quote_name
        link = CaseStudyPage.themes.through._meta
        return list(
            Theme.objects.raw(
                f"SELECT theme.* FROM {quote(Theme._meta.db_table)} theme "  # noqa: S608 (names)
                f"INNER JOIN {quote(link.db_table)} link "
                f"ON link.{quote(link.get_field('theme').column)} = theme.id "
                f"WHERE link.{quote(link.get_field('casestudypage').column)} = %s "
                f"ORDER BY theme.name",
                [self.pk],
            )
        )

    def _holds_edited_links(self) -> bool:
        """Whether the page holds link rows edited in memory (a preview): read as they are."""
        edited = getattr(self, "_cluster_related_objects", {})
        return self.pk is None or "relations" in edited or "tool_links" in edited

    def _saved_links(self) -> tuple[list[tuple[str, str]], list[str]]:
        """The saved links of the page, in editor order, in one small query:
        ``[(translation key, relation)]`` of the related cases and ``[translation key]`` of
        the tools. Plain SQL: the rows are tiny and read on every view of the page."""
        rows = saved_links(
            self.pk,
            [
                ("link.relation", self.relations.model, "target"),
                ("NULL", self.tool_links.model, "tool"),
            ],
        )
        cases = [(key, (kind, order)) for kind, key, order in rows if kind is not None]
        tools = [(key, order) for kind, key, order in rows if kind is None]
        return cases, tools

    def related_cases(self, request=None, links=None) -> list[RelatedCase]:
        """Related case studies in this page's language, live and public, in editor order.

        ``links``: what ``_saved_links`` read (``get_context`` reads them once for both
        lists). No query for the pages when there is no related case; the view
        restrictions are the site's, kept in memory (hub.sitewide).
        """
        if self._holds_edited_links():
            return self._related_cases_in_memory()
        cases = (links or self._saved_links())[0]
        links = {}
        for key, relation_and_order in cases:
            links.setdefault(key, relation_and_order)  # the first link to a case wins
        if not links:
            return []
        restrictions = sitewide.restrictions(request)
        pages = [
            page
            for page in CaseStudyPage.objects.live()
            .filter(locale_id=self.locale_id, translation_key__in=list(links))
            .select_related("country", "locale", "alias_of__locale")
            if restrictions.is_public(page)
        ]
        pages.sort(key=lambda page: (_position(links[page.translation_key][1]), page.pk))
        return [
            RelatedCase(RelationType(links[page.translation_key][0]).label, page) for page in pages
        ]

    def _related_cases_in_memory(self) -> list[RelatedCase]:
        relations = list(self.relations.all())
        keys = {relation.target.translation_key for relation in relations}
        pages = {
            page.translation_key: page
            for page in CaseStudyPage.objects.live()
            .filter(public_q())
            .filter(locale_id=self.locale_id, translation_key__in=keys)
            .select_related("country", "locale", "alias_of__locale")
        }
        return [
            RelatedCase(relation.get_relation_display(), pages[relation.target.translation_key])
            for relation in relations
            if relation.target.translation_key in pages
        ]

    def tools_used(self, request=None, links=None) -> list[Page]:
        """The toolkit tools the space used, in this page's language, live and public."""
        if self._holds_edited_links():
            tools = [(link.tool.translation_key, None) for link in self.tool_links.all()]
        else:
            tools = (links or self._saved_links())[1]
        restrictions = sitewide.restrictions(request)
        keys = {}
        for key, order in tools:
            keys.setdefault(key, order)  # the first link to a tool wins
        if not keys:
            return []
        pages = [
            page
            for page in Page.objects.live().filter(
                locale_id=self.locale_id, translation_key__in=list(keys)
            )
            if restrictions.is_public(page)
        ]
        if self._holds_edited_links():  # in the order of the form
            position = {key: index for index, key in enumerate(keys)}
            return sorted(pages, key=lambda page: position[page.translation_key])
        pages.sort(key=lambda page: (_position(keys[page.translation_key]), page.pk))
        return pages

    @classmethod
    def listing_queryset(cls):
        """What a card or a list shows, fetched in a fixed number of queries: the pages
        with their terms and hero image, then themes, then the images' renditions."""
        renditions = get_image_model().get_rendition_model().objects.all()
        return (
            cls.objects.live()
            .filter(public_q())
            .select_related(
                "country", "region", "space_type", "locale", "alias_of__locale", "hero_image"
            )
            .prefetch_related(
                "themes",
                Prefetch(
                    "hero_image__renditions",
                    queryset=renditions,
                    to_attr="prefetched_renditions",  # where Wagtail's image tags look
                ),
            )
        )

    @classmethod
    def cards(cls, keys, request=None) -> list:
        """The live case studies with these keys, in this order, with what a card shows
        (``{% case_study_card %}``), in three queries whatever their number: the
        pages with their hero images (only the fields a card shows, ``CARD_FIELDS``: a
        case study's row is wide), their themes' names (``card_themes``), the images'
        renditions.

        Their terms and languages come from the site's small tables kept in memory
        (``hub.sitewide.rows``) instead of four joins and their objects.
        """
        pages = cls.objects.filter(pk__in=keys, live=True).only(*CARD_FIELDS)
        pages = pages.select_related("hero_image").annotate(source_locale=F("alias_of__locale"))
        position = {pk: i for i, pk in enumerate(keys)}
        cards = sorted(pages, key=lambda case: position[case.pk])
        if not cards:
            return []
        languages = sitewide.rows(request, Locale)
        kept = [
            (name, sitewide.rows(request, cls._meta.get_field(name).related_model))
            for name in ("country", "region", "space_type")
        ]
        themes = {case.pk: [] for case in cards}
        for case_pk, name in _theme_names(themes):
            themes[case_pk].append(name)
        for case in cards:
            for name, rows in kept:
                value = getattr(case, f"{name}_id")
                setattr(case, name, rows[value] if value is not None else None)
            # ``content_language`` without reading the alias's source: its language.
            case.locale = languages[case.locale_id]
            language = languages[case.source_locale or case.locale_id].language_code
            case.__dict__["content_language"] = language
            case.card_themes = themes[case.pk]
        # Each card has its own image object, even where two cards show the same image.
        images = {case.hero_image_id: case.hero_image for case in cards if case.hero_image_id}
        renditions = {pk: [] for pk in images}
        rendition_model = get_image_model().get_rendition_model()
        for rendition in rendition_model.objects.filter(image_id__in=images):
            rendition.image = images[rendition.image_id]  # as a prefetch links them
            renditions[rendition.image_id].append(rendition)
        for case in cards:
            if case.hero_image_id:
                # Where Wagtail's image tags look, as a prefetch leaves them.
                case.hero_image.prefetched_renditions = renditions[case.hero_image_id]
        return cards

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = None if self._holds_edited_links() else self._saved_links()
        context.update(
            themes=self.themes_shown(),
            gallery=self.gallery(),
            related_cases=self.related_cases(request, links),
            tools_used=self.tools_used(request, links),
        )
        return context

    def clean(self):
        super().clean()
        errors = {}
        if self.latitude == 0 and self.longitude == 0:
            errors["latitude"] = _(
                "0, 0 is in the Atlantic Ocean: enter the place's real coordinates."
            )
        if self.region_id and self.country_id and not self._region_is_in_country():
            errors["region"] = _(
                "%(region)s is not in %(country)s: choose a region of %(country)s or leave it "
                "empty."
            ) % {"region": self.region.name, "country": self.country.name}
        if errors:
            raise ValidationError(errors)

    def _region_is_in_country(self) -> bool:
        if self.region.country_id == self.country_id:
            return True
        same_key = Country.objects.filter(pk=self.region.country_id).values("translation_key")
        return Country.objects.filter(
            pk=self.country_id, translation_key=Subquery(same_key[:1])
        ).exists()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or TAXONOMY_LINKS.intersection(update_fields):
            localize_taxonomy_links(self)
        return super().save(*args, **kwargs)


def _theme_names(case_pks) -> list[tuple[int, str]]:
    """``(case study's key, theme's name)`` of these case studies' themes, by name."""
    quote = connection.ops.quote_name
    link = CaseStudyPage.themes.through._meta
    page_column = quote(link.get_field("casestudypage").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT link.{page_column}, theme.name "  # noqa: S608 (names)
            f"FROM {quote(Theme._meta.db_table)} theme INNER JOIN {quote(link.db_table)} link "
            f"ON link.{quote(link.get_field('theme').column)} = theme.id "
            f"WHERE link.{page_column} IN ({', '.join(['%s'] * len(case_pks))}) "
            "ORDER BY theme.name",
            list(case_pks),
        )
        return cursor.fetchall()
