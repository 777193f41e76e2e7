"""CountryIndexPage: the list of country profiles of one language, with their spaces."""

from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from hub.privacy import public_q

from .country_profile import CountryProfilePage, case_study_model, localized_terms
from .mixins import TranslationStatusMixin


class CountryIndexPage(TranslationStatusMixin, Page):
    """The list of country profiles of one language."""

    introduction = models.TextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_(
            "Two or three sentences above the list: what a country profile tells the reader."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    template = "pages/country_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["hub.CountryProfilePage"]
    max_count_per_parent = 1
    page_description = _(
        "The list of country profiles, under the home page. Add one profile per country below it."
    )

    class Meta:
        verbose_name = _("country index page")
        verbose_name_plural = _("country index pages")

    @cached_property
    def profiles(self) -> list:
        """The live profiles below this page, each with ``space_count``, in two queries.

        ``space_count`` is the number of live case studies of the profile's country in
        this locale.
        """
        profiles = (
            CountryProfilePage.objects.child_of(self)
            .live()
            .filter(public_q())
            .select_related("country__locale", "locale", "alias_of__locale")
            .order_by("title")
        )
        model = case_study_model()
        if model is None:
            profiles = profiles.annotate(space_count=Value(0))
        else:
            spaces = (
                model.objects.live()
                .filter(public_q())
                .filter(
                    locale_id=OuterRef("locale_id"),
                    country__translation_key=OuterRef("country__translation_key"),
                )
                .order_by()
                .values("locale_id")
                .annotate(total=Count("pk"))
                .values("total")
            )
            profiles = profiles.annotate(space_count=Coalesce(Subquery(spaces), 0))
        profiles = list(profiles)
        names = localized_terms([profile.country for profile in profiles], self.locale_id)
        for profile in profiles:
            profile.local_country = names.get(profile.country.translation_key, profile.country)
        return profiles
