"""Admin registration: the shared taxonomies (one menu) and the two-factor views."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub import cache, two_factor
from hub.models import Country, Organisation, Region, SpaceType, Theme
from hub.translation import hooks as translation_hooks  # noqa: F401  (registers them)


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code", "is_partner", "locale"]
    list_filter = ["locale", "is_partner"]
    ordering = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "country", "locale"]
    list_filter = ["locale", "country"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class SpaceTypeViewSet(SnippetViewSet):
    model = SpaceType
    icon = "home"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["locale", "kind", "country"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (CountryViewSet, RegionViewSet, ThemeViewSet, SpaceTypeViewSet, OrganisationViewSet)


register_snippet(TaxonomyGroup)

# Wagtail's page serving is what opts a response into the page cache (hub/cache.py).
hooks.register("before_serve_page", cache.mark_cacheable)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/verify/", two_factor.verify, name="hub_2fa_verify"),
        path("2fa/setup/", two_factor.setup, name="hub_2fa_setup"),
    ]
