from .country_pages import CountryContact, CountryIndexPage, CountryProfilePage
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
    "Region",
    "SearchableMixin",
    "SpaceType",
    "Theme",
    "TranslationStatusMixin",
]
