from .mixins import TranslationStatusMixin
from .taxonomy import Country, Organisation, Region, SpaceType, Theme

__all__ = ["Country", "Organisation", "Region", "SpaceType", "Theme", "TranslationStatusMixin"]
