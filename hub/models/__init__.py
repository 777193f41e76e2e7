from .country_pages import CountryContact, CountryIndexPage, CountryProfilePage
from .mixins import TranslationStatusMixin
from .taxonomy import Country, Organisation, Region, SpaceType, Theme

__all__ = [
    "Country",
    "CountryContact",
    "CountryIndexPage",
    "CountryProfilePage",
    "Organisation",
    "Region",
    "SpaceType",
    "Theme",
    "TranslationStatusMixin",
]
