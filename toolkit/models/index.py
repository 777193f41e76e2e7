"""ToolkitIndexPage: the guides and tools, grouped by stage, filterable and paginated."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from hub.models import TranslationStatusMixin
from toolkit.choices import STAGE_ORDER
from toolkit.forms import ToolkitFilterForm

from .guide import GuidePage
from .tool import ToolPage


class ToolkitIndexPage(TranslationStatusMixin, Page):
    """The toolkit's home: every guide and tool under it, by stage of network building."""

    introduction = models.TextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("A few sentences on what the toolkit offers and how to use it."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    template = "pages/toolkit_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkit.GuidePage", "toolkit.ToolPage"]
    max_count_per_parent = 1
    page_description = _(
        "The toolkit: lists its guides and tools by stage of building the network."
    )

    per_page = 12

    class Meta:
        verbose_name = _("toolkit index")
        verbose_name_plural = _("toolkit indexes")

    def entries(self, *, stage: str = "", kind: str = ""):
        """The live guides and tools under this page, ordered by stage then title."""
        entries = (
            Page.objects.child_of(self)
            .live()
            .type(GuidePage, ToolPage)
            .annotate(
                stage=Coalesce(F("guidepage__stage"), F("toolpage__stage")),
                stage_rank=Case(
                    *(When(stage=value, then=Value(rank)) for value, rank in STAGE_ORDER.items()),
                    default=Value(len(STAGE_ORDER)),
                    output_field=IntegerField(),
                ),
            )
            .order_by("stage_rank", "title", "pk")
        )
        if stage:
            entries = entries.filter(stage=stage)
        if kind == "guide":
            entries = entries.type(GuidePage)
        elif kind == "tool":
            entries = entries.type(ToolPage)
        return entries

    @staticmethod
    def specific_entries(pages) -> list:
        """The guides and tools behind ``pages``, in order, with what the listing shows.

        One query per page type, and one for the tools' file languages.
        """
        ids = [page.pk for page in pages]
        guide_type = ContentType.objects.get_for_model(GuidePage).pk
        guides = GuidePage.objects.filter(
            pk__in=[page.pk for page in pages if page.content_type_id == guide_type]
        )
        tools = ToolPage.objects.filter(
            pk__in=[page.pk for page in pages if page.content_type_id != guide_type]
        ).prefetch_related("files")
        found = {}
        for queryset in (guides, tools):
            for page in queryset.select_related("locale", "alias_of__locale"):
                found[page.pk] = page
        return [found[pk] for pk in ids if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ToolkitFilterForm(request.GET or None)
        filters = form.filters() if form.is_bound else {}
        paginator = Paginator(self.entries(**filters), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            filters=filters,
            paginator=paginator,
            page_obj=page_obj,
            entries=self.specific_entries(page_obj.object_list),
        )
        return context
