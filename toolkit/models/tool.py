"""ToolPage: a downloadable tool, its files per language and the case studies that use it."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.blocks import HOW_TO_BLOCKS
from hub.models import Facet, SearchableMixin, TranslationStatusMixin
from toolkit.choices import Stage, TimeNeeded
from toolkit.forms import ExplainedRequiredFieldsMixin

from .relations import CASE_STUDY_PAGE, page_model, pages_referencing, referencing_keys

GUIDE_PAGE = "toolkit.GuidePage"


class ToolPageForm(ExplainedRequiredFieldsMixin, WagtailAdminPageForm):
    pass


class ToolPage(SearchableMixin, TranslationStatusMixin, Page):
    """A tool to download and use: a charter template, a mapping survey, an event format..."""

    summary = models.TextField(
        verbose_name=_("summary"),
        help_text=_("One or two sentences that say what the tool is. Shown in listings."),
        error_messages={"blank": _("Write a short summary: it is shown in every listing.")},
    )
    purpose = models.TextField(
        verbose_name=_("purpose"),
        help_text=_("What the tool helps to achieve, and when to use it."),
        error_messages={"blank": _("Say what the tool is for, so readers know if it fits.")},
    )
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        verbose_name=_("network-building stage"),
        help_text=_("The stage of building the network at which the tool is used."),
        error_messages={"blank": _("Choose the stage of network building this tool is for.")},
    )
    time_needed = models.CharField(
        max_length=20,
        choices=TimeNeeded.choices,
        verbose_name=_("time needed"),
        help_text=_("Roughly how long it takes to use the tool, preparation included."),
        error_messages={"blank": _("Choose roughly how long the tool takes to use.")},
    )
    time_detail = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("time needed, in detail"),
        help_text=_("Optional, for example: two workshops of three hours, a month apart."),
    )
    how_to = StreamField(
        HOW_TO_BLOCKS,
        block_counts={"steps": {"min_num": 1}},
        verbose_name=_("how to use it"),
        help_text=_(
            "At least one list of ordered steps; add explanations, examples or a video around them."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("how_to"),
    ]
    stage_panels = [FieldPanel("stage"), FieldPanel("time_needed"), FieldPanel("time_detail")]
    file_panels = [
        InlinePanel(
            "files",
            label=_("File"),
            heading=_("Files to download"),
            help_text=_(
                "The tool's files, one per language and format. Upload a new version with "
                "the document's “Replace file” to keep its links."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(stage_panels, heading=_("Stage & time")),
            ObjectList(file_panels, heading=_("Files")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ToolPageForm

    search_text_fields = (("summary", 2), "purpose", "how_to")
    search_facets = {"stage": Facet("stage", _("Network-building stage"))}
    search_fields = [*SearchableMixin.search_fields, index.FilterField("stage")]

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("purpose"),
        TranslatableField("time_detail"),
        TranslatableField("how_to"),
        SynchronizedField("stage", overridable=False),
        SynchronizedField("time_needed", overridable=False),
        # Files are copied to every locale; each file's document can be overridden there.
        TranslatableField("files"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("purpose"),
        APIField("stage"),
        APIField("time_needed"),
        APIField("how_to"),
    ]
    in_feeds = True  # hub.feeds: new tools appear in the RSS and Atom feeds

    template = "pages/tool_page.html"
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types = []
    page_description = _(
        "A tool to download and use (template, survey, event format, evaluation grid), "
        "with its files in several languages."
    )

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    @cached_property
    def downloads(self) -> list:
        """The files with their documents, in the editor's order (one query)."""
        return list(self.files.select_related("document"))

    @property
    def file_languages(self) -> list[tuple[str, str]]:
        """(code, own name) of the languages the files exist in, in the site's order."""
        codes = {file.language for file in self.files.all()}
        return [(code, name) for code, name in settings.LANGUAGES if code in codes]

    @cached_property
    def used_in(self) -> list:
        """Live case studies, in this page's locale, that reference this tool.

        Found through Wagtail's reference index, so a case study that lists the tool
        (or links to it) appears here without anyone maintaining the list.
        """
        model = page_model(CASE_STUDY_PAGE)
        if model is None:
            return []
        pages = pages_referencing(self, model, self.locale, self._referencing_keys)
        return list(pages.select_related("country"))

    @cached_property
    def guides(self) -> list:
        """Live guides, in this page's locale, that recommend this tool."""
        return list(
            pages_referencing(self, page_model(GUIDE_PAGE), self.locale, self._referencing_keys)
        )

    @cached_property
    def _referencing_keys(self) -> list:
        """The pages that reference the tool, read once for both lists."""
        return referencing_keys(self)


class ToolFile(TranslatableMixin, Orderable):
    """One downloadable file of a tool, in one language.

    Translatable so that each locale's copy of the list can point to its own document
    (wagtail-localize offers the document as an overridable segment); the language and
    the order stay synchronised with the source.
    """

    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="files")
    # PROTECT: a tool whose file was deleted would offer a download that no longer
    # exists. Wagtail then refuses to delete the document and lists the tools using it;
    # to update a file, editors replace the document's file, which keeps the link.
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        verbose_name=_("language of the file"),
        help_text=_("The language the file is written in."),
        error_messages={"blank": _("Choose the language the file is written in.")},
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("title"),
        help_text=_("Optional: shown instead of the document's own title."),
    )

    panels = [FieldPanel("document"), FieldPanel("language"), FieldPanel("title")]

    override_translatable_fields = [
        SynchronizedField("document", overridable=True),
        SynchronizedField("language", overridable=False),
        TranslatableField("title"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("tool file")
        verbose_name_plural = _("tool files")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or (self.document.title if self.document_id else "")

    @property
    def language_name(self) -> str:
        """The language's own name (Français, Ελληνικά...), as readers look for it."""
        return settings.SITE_LANGUAGE_NAMES.get(self.language, self.language)
