from .mixins import TranslationStatusMixin

__all__ = ["TranslationStatusMixin"]
