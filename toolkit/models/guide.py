"""GuidePage: a long-form how-to in chapters, with its table of contents and reading time."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.blocks import GUIDE_BLOCKS
from hub.links import saved_links
from hub.models import Facet, SearchableMixin, TranslationStatusMixin
from toolkit.choices import Audience, Stage
from toolkit.fields import MultipleChoiceField
from toolkit.forms import ExplainedRequiredFieldsMixin
from toolkit.reading import count_words, reading_minutes, stream_text

from .relations import (
    CASE_STUDY_PAGE,
    TOOL_PAGE,
    RelatedPageLink,
    localized_in_order,
    page_model,
)
from .tool import ToolPage


def chapter_anchors(chapters) -> list[str]:
    """One anchor per chapter of a guide's stream, made unique by numbering repeats."""
    anchors = []
    seen = set()
    for child in chapters:
        base = child.block.anchor_for(child.value)
        anchor, number = base, 1
        while anchor in seen:
            number += 1
            anchor = f"{base}-{number}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


class GuidePageForm(ExplainedRequiredFieldsMixin, WagtailAdminPageForm):
    """Tells the editor when two chapters would share an anchor (a broken table of contents)."""

    def clean(self):
        cleaned_data = super().clean()
        chapters = cleaned_data.get("chapters")
        if not chapters:
            return cleaned_data
        positions = {}
        for position, child in enumerate(chapters, start=1):
            anchor = child.block.anchor_for(child.value)
            if anchor in positions:
                self.add_error(
                    "chapters",
                    _(
                        "Chapters %(first)s and %(second)s both have the anchor “%(anchor)s”: "
                        "give one of them another heading or its own anchor."
                    )
                    % {"first": positions[anchor], "second": position, "anchor": anchor},
                )
            else:
                positions[anchor] = position
        return cleaned_data


class GuidePage(SearchableMixin, TranslationStatusMixin, Page):
    """A long-form how-to for building the network, in chapters."""

    summary = models.TextField(
        verbose_name=_("summary"),
        help_text=_(
            "Two or three sentences: what the reader will be able to do after reading. "
            "Shown in listings and search results."
        ),
        error_messages={"blank": _("Write a short summary: it is shown in every listing.")},
    )
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        verbose_name=_("network-building stage"),
        help_text=_("The stage of building the network this guide helps with."),
        error_messages={"blank": _("Choose the stage of network building this guide is for.")},
    )
    audience = MultipleChoiceField(
        item_choices=Audience.choices,
        verbose_name=_("audience"),
        help_text=_("Who this guide is written for. Tick every group that applies."),
        error_messages={"blank": _("Tick at least one audience: who is this guide for?")},
    )
    chapters = StreamField(
        GUIDE_BLOCKS,
        verbose_name=_("chapters"),
        help_text=_(
            "Each chapter's heading appears in the table of contents at the top of the guide. "
            "Use ordered steps inside a chapter for things to do in sequence."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("chapters")]
    audience_panels = [FieldPanel("stage"), FieldPanel("audience")]
    related_panels = [
        InlinePanel(
            "related_tools",
            label=_("Tool"),
            heading=_("Related tools"),
            help_text=_("Tools a reader of this guide will need, most useful first."),
        ),
        InlinePanel(
            "related_case_studies",
            label=_("Case study"),
            heading=_("Related case studies"),
            help_text=_("Spaces or networks that show this guide in practice."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(audience_panels, heading=_("Stage & audience")),
            ObjectList(related_panels, heading=_("Related")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = GuidePageForm

    search_text_fields = (("summary", 2), "chapters")
    search_facets = {"stage": Facet("stage", _("Network-building stage"))}
    search_fields = [*SearchableMixin.search_fields, index.FilterField("stage")]

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("chapters"),
        SynchronizedField("stage", overridable=False),
        SynchronizedField("audience", overridable=False),
        SynchronizedField("related_tools", overridable=False),
        SynchronizedField("related_case_studies", overridable=False),
    ]

    api_fields = [
        APIField("summary"),
        APIField("stage"),
        APIField("audience"),
        APIField("reading_time"),
        APIField("chapters"),
    ]
    in_feeds = True  # hub.feeds: new guides appear in the RSS and Atom feeds

    template = "pages/guide_page.html"
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types = []
    page_description = _(
        "A long-form guide in chapters, with a table of contents, for one stage of "
        "building the network."
    )

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @cached_property
    def table_of_contents(self) -> list[dict]:
        """The chapters as ``{"anchor", "heading", "block"}``, anchors unique on the page."""
        chapters = list(self.chapters)
        return [
            {"anchor": anchor, "heading": child.value.get("heading"), "block": child}
            for anchor, child in zip(chapter_anchors(chapters), chapters, strict=True)
        ]

    @cached_property
    def word_count(self) -> int:
        return count_words(self.title, self.summary, *stream_text(self.chapters))

    @property
    def reading_time(self) -> int:
        """Minutes to read the guide (about 200 words a minute, at least one)."""
        return reading_minutes(self.word_count)

    @property
    def audience_labels(self) -> list[str]:
        return self._meta.get_field("audience").labels(self.audience)

    @cached_property
    def _linked_keys(self) -> tuple[list, list]:
        """The translation keys of the related tools and case studies, in editor order.

        One small query in plain SQL for both lists, read on every view of the guide; the
        pages are then fetched only for a list that has links. A preview's links, edited
        in memory, are read as they are.
        """
        edited = getattr(self, "_cluster_related_objects", {})
        if self.pk is None or "related_tools" in edited or "related_case_studies" in edited:
            tools = [link.tool for link in self.related_tools.all()]
            cases = [link.case_study for link in self.related_case_studies.all()]
            return (
                [page.translation_key for page in tools if page is not None],
                [page.translation_key for page in cases if page is not None],
            )
        rows = saved_links(
            self.pk,
            [("0", GuideRelatedTool, "tool"), ("1", GuideRelatedCaseStudy, "case_study")],
        )
        return (
            [key for kind, key, _order in rows if kind == 0],
            [key for kind, key, _order in rows if kind == 1],
        )

    @cached_property
    def tools(self) -> list:
        """The related tools, in the reader's locale and the editor's order."""
        return localized_in_order(self._linked_keys[0], ToolPage, self.locale, prefetch=["files"])

    @cached_property
    def case_studies(self) -> list:
        """The related case studies, in the reader's locale and the editor's order."""
        return localized_in_order(self._linked_keys[1], page_model(CASE_STUDY_PAGE), self.locale)


class GuideRelatedTool(RelatedPageLink):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_tools")
    tool = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("tool")
    )

    panels = [PageChooserPanel("tool", page_type=TOOL_PAGE)]

    target_field = "tool"
    target_page_type = TOOL_PAGE
    wrong_type_message = _("Choose a tool page (from the toolkit), not another kind of page.")

    class Meta(RelatedPageLink.Meta):
        verbose_name = _("related tool")
        verbose_name_plural = _("related tools")


class GuideRelatedCaseStudy(RelatedPageLink):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_case_studies")
    case_study = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("case study"),
    )

    panels = [PageChooserPanel("case_study", page_type=CASE_STUDY_PAGE)]

    target_field = "case_study"
    target_page_type = CASE_STUDY_PAGE
    wrong_type_message = _("Choose a case study page, not another kind of page.")

    class Meta(RelatedPageLink.Meta):
        verbose_name = _("related case study")
        verbose_name_plural = _("related case studies")
