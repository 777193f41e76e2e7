from .country_index import CountryIndexPage
from .country_profile import CountryContact, CountryProfilePage
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
