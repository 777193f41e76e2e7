"""CaseStudyIndexPage: the list of a language's case studies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from hub.models import TranslationStatusMixin

from ..routes import FinderRoutesMixin
from .case_study import CaseStudyPage


class CaseStudyIndexPage(TranslationStatusMixin, FinderRoutesMixin, Page):
    introduction = models.TextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_(
            "A few sentences above the list: what these case studies are and who wrote them."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    template = "pages/case_study_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = 1
    page_description = _("The list of the case studies of one language.")

    class Meta:
        verbose_name = _("case study index")
        verbose_name_plural = _("case study indexes")

    def case_studies(self):
        """The live, public case studies under this index, with what their cards show.

        Filters, map and exports start from this queryset.
        """
        return CaseStudyPage.listing_queryset().child_of(self).order_by("title", "pk")
