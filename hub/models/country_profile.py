"""CountryProfilePage: one page per country and language, with lists filled in automatically.

``hub`` is the core and never imports the content apps. A profile reaches the country's
case studies through the reverse relation ``Country.case_studies`` (declared by the
case-study page's ``country`` foreign key) and the tools through those case studies'
``tool_links``; both are looked up by name on the model metadata, so the profile also
works, with empty lists, where no app declares them.

Every automatic list matches by *translation key*, not by primary key: a case study not
yet translated is a copy (alias) of its English source and may point to the English
country and terms, a translated one points to the translated ones. Matching the
country's translation key finds both, in the page's own locale.
"""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Subquery
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub import sitewide
from hub.api_fields import TermField
from hub.blocks import COUNTRY_FIGURE_BLOCKS, COUNTRY_SECTION_BLOCKS
from hub.privacy import public_sql

from .mixins import TranslationStatusMixin
from .search import Facet, SearchableMixin
from .taxonomy import Country, Organisation

# Case studies listed on a profile; the finder, filtered by the country, lists them all.
CASE_STUDY_LIST_SIZE = 12
# What a profile shows of each (its card, the link to it, the language of its text).
CASE_STUDY_CARD_FIELDS = (
    *("title", "slug", "url_path", "path", "depth", "live", "content_type", "locale"),
    *("alias_of", "translation_key", "first_published_at", "city", "summary", "space_type"),
)


def related_model(model, relation_name: str):
    """The model behind a (reverse) relation of ``model``, or None if there is none."""
    if model is None:
        return None
    try:
        return model._meta.get_field(relation_name).related_model
    except FieldDoesNotExist:
        return None


def language_name(code: str) -> str:
    """The name of a language in the active language (French, francese, francés...)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def case_study_model():
    """The case-study page model, found through ``Country.case_studies``."""
    return related_model(Country, "case_studies")


def localized_terms(terms, locale_id) -> dict:
    """Translations into ``locale_id`` of taxonomy terms from other locales, by translation key.

    One query per taxonomy model, whatever the number of terms.
    """
    by_model: dict[type, set] = {}
    for term in terms:
        if term is not None and term.locale_id != locale_id:
            by_model.setdefault(type(term), set()).add(term.translation_key)
    found = {}
    for model, keys in by_model.items():
        terms_here = model.objects.filter(locale_id=locale_id, translation_key__in=keys)
        for term in terms_here.select_related("locale"):
            found[term.translation_key] = term
    return found


@dataclass
class CaseStudyCard:
    """A case study as a country profile lists it, with its terms in the page's language."""

    page: Page
    space_type: object = None
    themes: list = field(default_factory=list)


class CountryProfilePageForm(WagtailAdminPageForm):
    """Offers only the countries of the page's language in the country chooser."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = self.fields.get("country")
        if country is None:
            return
        locale_id = self.instance.locale_id
        if locale_id is None and self.parent_page is not None:
            locale_id = self.parent_page.locale_id
        if locale_id is not None:
            country.queryset = country.queryset.filter(locale_id=locale_id)
        country.error_messages["invalid_choice"] = _(
            "Choose one of the countries listed: they are the countries of this page's language."
        )


class CountryProfilePage(SearchableMixin, TranslationStatusMixin, Page):
    """One country of the network: overview, figures, framework, funding, contacts.

    Its case studies, the tools used there, its organisations and its number of spaces
    are listed automatically.
    """

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("country"),
        help_text=_(
            "The country this profile describes. Each country has one profile per language; "
            "the list shows the countries of this page's language."
        ),
    )
    overview = StreamField(
        COUNTRY_SECTION_BLOCKS,
        blank=True,
        verbose_name=_("overview"),
        help_text=_(
            "The landscape of coworking spaces and third places in the country: who runs "
            "them, where they are, what is special about them."
        ),
    )
    key_figures = StreamField(
        COUNTRY_FIGURE_BLOCKS,
        blank=True,
        verbose_name=_("key figures"),
        help_text=_(
            "A few numbers that describe the country's spaces, each with its year and "
            "source. Numbers stay the same in every language; labels are translated."
        ),
    )
    legal_framework = StreamField(
        COUNTRY_SECTION_BLOCKS,
        blank=True,
        verbose_name=_("legal and policy framework"),
        help_text=_(
            "Laws, statuses and public policies that matter to someone opening or running "
            "a space: legal forms, labels, regional or national programmes."
        ),
    )
    funding = StreamField(
        COUNTRY_SECTION_BLOCKS,
        blank=True,
        verbose_name=_("funding"),
        help_text=_(
            "Where spaces find money: public calls, regional funds, foundations, "
            "cooperative banks, and what each one finances."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("country", widget=forms.Select),
        FieldPanel("overview"),
    ]
    figures_panels = [
        HelpPanel(
            content=_(
                "<p>The case studies, tools, organisations and number of spaces of the "
                "country are listed on the page automatically: there is nothing to enter "
                "for them here.</p>"
            )
        ),
        FieldPanel("key_figures"),
    ]
    framework_panels = [FieldPanel("legal_framework"), FieldPanel("funding")]
    network_panels = [
        MultiFieldPanel(
            [InlinePanel("network_contacts", label=_("Contact"))],
            heading=_("Network contacts"),
            help_text=_(
                "People or desks a visitor can write to about the network in this country. "
                "List only people who agreed to appear; prefer a shared address."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(figures_panels, heading=_("Key figures")),
            ObjectList(framework_panels, heading=_("Framework & funding")),
            ObjectList(network_panels, heading=_("Network")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = CountryProfilePageForm

    search_text_fields = (("country", 2), "overview", "legal_framework", "funding")
    search_facets = {"country": Facet("country", _("Country"), label_field="name")}
    search_fields = [*SearchableMixin.search_fields, index.FilterField("country")]
    override_translatable_fields = [
        # The translated page points to the country's translation (seeded in every language).
        TranslatableField("country"),
        TranslatableField("overview"),
        # Labels and sources are translated; values and years are never offered for
        # translation, so they stay synchronised with the source page.
        TranslatableField("key_figures"),
        TranslatableField("legal_framework"),
        TranslatableField("funding"),
        TranslatableField("network_contacts"),
    ]

    api_fields = [
        APIField("country", serializer=TermField(key="code")),
        APIField("overview"),
        APIField("key_figures"),
        APIField("legal_framework"),
        APIField("funding"),
    ]

    template = "pages/country_profile_page.html"
    parent_page_types = ["hub.CountryIndexPage"]
    # Fetched with the page when served (hub.translation.routing): joined, or its country
    # from the site's snippets kept in memory.
    served_select_related = ("alias_of__locale",)
    served_kept_relations = ("country",)
    subpage_types = []
    page_description = _(
        "One country of the network: overview, key figures, legal framework, funding and "
        "contacts. Its case studies, tools and organisations are listed automatically."
    )

    class Meta:
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")

    def clean(self):
        super().clean()
        # An alias mirrors its validated source (and keeps the source's country until it
        # is translated), so only real pages are checked.
        if self.alias_of_id is not None or self.country_id is None:
            return
        country = self.country
        if country.locale_id != self.locale_id:
            raise ValidationError(
                {
                    "country": _(
                        "“%(country)s” is the %(country_language)s version of the country; "
                        "this page is in %(page_language)s. Choose the country of the "
                        "page's language."
                    )
                    % {
                        "country": country.name,
                        "country_language": language_name(country.locale.language_code),
                        "page_language": language_name(self.locale.language_code),
                    }
                }
            )
        existing = (
            CountryProfilePage.objects.filter(
                locale_id=self.locale_id, country__translation_key=country.translation_key
            )
            .exclude(pk=self.pk)
            .first()
        )
        if existing is not None:
            raise ValidationError(
                {
                    "country": _(
                        "%(country)s already has a profile in this language: “%(title)s”. "
                        "Edit that page instead of creating a second one."
                    )
                    % {"country": country.name, "title": existing.title}
                }
            )

    def save(self, *args, **kwargs):
        # An untranslated alias is a copy of its source, country included: point it to
        # the country's version in the alias's own language, as a translation would.
        if self.alias_of_id is not None and self.country_id is not None:
            local = Country.objects.filter(
                locale_id=self.locale_id,
                translation_key=Subquery(
                    Country.objects.filter(pk=self.country_id).values("translation_key")[:1]
                ),
            ).first()
            if local is not None:
                self.country = local
        return super().save(*args, **kwargs)

    @cached_property
    def local_country(self):
        """The country in the page's language (an untranslated alias keeps the source's)."""
        if self.country.locale_id == self.locale_id:
            return self.country
        translation = Country.objects.filter(
            translation_key=self.country.translation_key, locale_id=self.locale_id
        ).first()
        return translation or self.country

    def _case_studies_sql(self, model) -> tuple[str, list]:
        """The live, public case studies of the country in the page's locale, in plain SQL:
        ``WITH mine AS (...)``, their keys and publication dates, for a query to read.

        The two lists that start from it (the newest case studies, the tools they used)
        took the ORM 6 to 10 ms each to build, for queries the database answers in 1 ms.
        On PostgreSQL ``mine`` is materialized: asked for the newest directly, the
        planner walked the publication dates of all 60,000 pages of the tree backwards,
        filtering them one by one (45 ms at 10,000 pages; 24 ms this way)."""
        quote = connection.ops.quote_name
        own, key = quote(model._meta.db_table), quote(model._meta.pk.column)
        country = quote(model._meta.get_field("country").column)
        translation_key = Country._meta.get_field("translation_key").get_db_prep_value(
            self.country.translation_key, connection
        )
        materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
        sql = (
            f"WITH mine AS {materialized}(SELECT p.id, p.first_published_at "  # noqa: S608 (names)
            f"FROM {quote(Page._meta.db_table)} p INNER JOIN {own} c ON c.{key} = p.id "
            f"INNER JOIN {quote(Country._meta.db_table)} k ON k.id = c.{country} "
            f"WHERE p.live = %s AND p.locale_id = %s AND k.translation_key = %s "
            f"AND {public_sql('p')})"
        )
        return sql, [True, self.locale_id, translation_key]

    @cached_property
    def _listed_keys(self) -> tuple[list, int, list]:
        """The keys of the two automatic lists, in one query: the newest case studies
        (at most ``CASE_STUDY_LIST_SIZE``), the number of all of them, and the live tools
        in this locale that they used, with their page types (title order).

        The newest are chosen on narrow rows (ids and dates), then only they are read,
        with the fields a card shows: sorting 1,700 whole case studies to keep 12 took
        56 ms at 10,000 pages."""
        model = case_study_model()
        if model is None:
            return [], 0, []
        quote = connection.ops.quote_name
        pages = quote(Page._meta.db_table)
        sql, params = self._case_studies_sql(model)
        sql += (
            ", newest AS (SELECT id, COUNT(*) OVER () AS total, ROW_NUMBER() OVER "
            "(ORDER BY first_published_at DESC, id DESC) AS position FROM mine) "
            "SELECT 1, id, total, position FROM newest WHERE position <= %s"
        )
        params.append(CASE_STUDY_LIST_SIZE)
        link_model = related_model(model, "tool_links")
        if link_model is not None:
            links = link_model._meta
            tool, page = (quote(links.get_field(name).column) for name in ("tool", "page"))
            used = (
                f"SELECT used.translation_key FROM {pages} used WHERE used.id IN "  # noqa: S608 (names)
                f"(SELECT link.{tool} FROM {quote(links.db_table)} link "
                f"WHERE link.{page} IN (SELECT id FROM mine))"
            )
            sql += (
                " UNION ALL SELECT 2, t.id, t.content_type_id, "  # noqa: S608 (names)
                f"ROW_NUMBER() OVER (ORDER BY t.title, t.id) FROM {pages} t "
                f"WHERE t.live = %s AND t.locale_id = %s AND {public_sql('t')} "
                f"AND t.translation_key IN ({used})"
            )
            params += [True, self.locale_id]
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY 1, 4", params)
            rows = cursor.fetchall()
        newest = [pk for kind, pk, _total, _position in rows if kind == 1]
        total = next((total for kind, _pk, total, _position in rows if kind == 1), 0)
        tools = [(pk, content_type) for kind, pk, content_type, _position in rows if kind == 2]
        return newest, total, tools

    @cached_property
    def case_studies(self) -> list:
        """The country's latest live case studies in this locale (at most
        ``CASE_STUDY_LIST_SIZE``, newest first), ready to list as cards; the finder,
        filtered by the country, lists them all."""
        newest, total, _tools = self._listed_keys
        if not newest:
            return []
        position = {pk: number for number, pk in enumerate(newest)}
        pages = (
            case_study_model()
            .objects.filter(pk__in=position)
            .only(*CASE_STUDY_CARD_FIELDS)
            .select_related("locale", "alias_of__locale", "space_type")
            .prefetch_related("themes")
        )
        cards = sorted(pages, key=lambda page: position[page.pk])
        for page in cards:
            page.total_here = total
        return cards

    @cached_property
    def case_study_cards(self) -> list[CaseStudyCard]:
        """The case studies with their space type and themes in the page's language."""
        terms = []
        for case_study in self.case_studies:
            terms.append(case_study.space_type)
            terms.extend(case_study.themes.all())
        names = localized_terms(terms, self.locale_id)

        def local(term):
            return None if term is None else names.get(term.translation_key, term)

        return [
            CaseStudyCard(
                page=case_study,
                space_type=local(case_study.space_type),
                themes=sorted(
                    (local(theme) for theme in case_study.themes.all()), key=lambda t: t.name
                ),
            )
            for case_study in self.case_studies
        ]

    @cached_property
    def space_count(self) -> int:
        """How many spaces of the country the hub documents: its live case studies here."""
        return self.case_studies[0].total_here if self.case_studies else 0

    @cached_property
    def tools(self) -> list:
        """Live tools, in this locale, that the country's case studies say they used."""
        rows = self._listed_keys[2]
        # Each type's pages read as that type, as ``specific()`` would without its first
        # query (the keys and types are known).
        by_type = {}
        for pk, content_type in rows:
            by_type.setdefault(content_type, []).append(pk)
        tools = {}
        for content_type, pks in by_type.items():
            tool_model = ContentType.objects.get_for_id(content_type).model_class() or Page
            found = tool_model.objects.filter(pk__in=pks)
            found = found.select_related("locale", "alias_of__locale")
            tools.update((page.pk, page) for page in found)
        return [tools[pk] for pk, _content_type in rows if pk in tools]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = self.organisations(request)
        return context

    def organisations(self, request=None) -> list:
        """The country's organisations, in the page's language where translated.

        An organisation not yet translated into the page's language is listed in English
        (or, failing that, in the language it was written in), once. With a request they
        come from the site's small tables kept in memory (``hub.sitewide.rows``).
        """
        key = self.country.translation_key
        if sitewide.keeps(request):
            countries = sitewide.rows(request, Country)
            candidates = [
                organisation
                for organisation in sitewide.rows(request, Organisation).values()
                if countries[organisation.country_id].translation_key == key
            ]
        else:
            candidates = Organisation.objects.filter(country__translation_key=key)
            candidates = candidates.select_related("locale")

        def preference(organisation):
            if organisation.locale_id == self.locale_id:
                return 0
            if organisation.locale.language_code == settings.LANGUAGE_CODE:
                return 1
            return 2

        chosen = {}
        for organisation in candidates:
            current = chosen.get(organisation.translation_key)
            if current is None or preference(organisation) < preference(current):
                chosen[organisation.translation_key] = organisation
        return sorted(chosen.values(), key=lambda organisation: organisation.name.casefold())


class CountryContact(TranslatableMixin, Orderable):
    """A person or desk to contact about the network in one country."""

    page = ParentalKey(
        CountryProfilePage, on_delete=models.CASCADE, related_name="network_contacts"
    )
    name = models.CharField(
        max_length=120,
        verbose_name=_("name"),
        help_text=_("A person's name or a desk, for example: Network secretariat."),
    )
    role = models.CharField(
        max_length=160,
        blank=True,
        verbose_name=_("role"),
        help_text=_("What they can help with, for example: national coordinator."),
    )
    organisation = models.CharField(max_length=200, blank=True, verbose_name=_("organisation"))
    email = models.EmailField(blank=True, verbose_name=_("e-mail address"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("telephone"))
    website = models.URLField(blank=True, verbose_name=_("website"))

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("website"),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("network contact")
        verbose_name_plural = _("network contacts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not (self.email or self.phone or self.website):
            raise ValidationError(
                _("Give at least one way to reach this contact: e-mail, telephone or website.")
            )
