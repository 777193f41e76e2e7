from .cache import PageCacheGeneration
from .country_index import CountryIndexPage
from .country_profile import CountryContact, CountryProfilePage
from .mixins import TranslationStatusMixin
from .search import Facet, SearchableMixin
from .taxonomy import Country, Organisation, Region, SpaceType, Theme

__all__ = [
    "Country",
    "CountryContact",
    "CountryIndexPage",
    "CountryProfilePage",
    "Facet",
    "Organisation",
    "PageCacheGeneration",
    "Region",
    "SearchableMixin",
    "SpaceType",
    "Theme",
    "TranslationStatusMixin",
]
