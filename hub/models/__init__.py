from .mixins import TranslationStatusMixin
from .search import Facet, SearchableMixin

__all__ = ["Facet", "SearchableMixin", "TranslationStatusMixin"]
