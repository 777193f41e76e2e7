from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from hub.blocks import BODY_BLOCKS
from hub.models import SearchableMixin, TranslationStatusMixin


class HomePage(SearchableMixin, TranslationStatusMixin, Page):
    """The home page of one language tree (one per locale)."""

    introduction = models.TextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences under the site title that say what the hub offers."),
    )
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_text_fields = (("introduction", 2), "body")

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "casestudies.CaseStudyIndexPage",
        "hub.CountryIndexPage",
        "toolkit.ToolkitIndexPage",
    ]
    max_count_per_parent = 1
    page_description = _("The home page of one language of the hub.")

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(SearchableMixin, TranslationStatusMixin, Page):
    """A simple content page: about, legal notice, privacy."""

    introduction = models.TextField(blank=True, verbose_name=_("introduction"))
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_text_fields = (("introduction", 2), "body")

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    page_description = _("A simple page of text: about the network, legal notice, privacy.")

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
