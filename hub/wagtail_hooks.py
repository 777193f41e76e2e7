"""Admin registration of the shared taxonomies, grouped under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.models import Country, Organisation, Region, SpaceType, Theme


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
