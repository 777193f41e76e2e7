"""Small mixins shared by the page types of every app."""

from django.utils.functional import cached_property


class TranslationStatusMixin:
    """What a template needs to know about the translation state of a page.

    wagtail-localize keeps the locale trees in sync: a page not yet translated exists
    in every locale as an alias of its source. Templates use these properties to mark
    such content with its real language and to tell the visitor.
    """

    @cached_property
    def is_untranslated_alias(self) -> bool:
        return self.alias_of_id is not None and self.alias_of.locale_id != self.locale_id

    @cached_property
    def content_language(self) -> str:
        """The language the page's content is written in (the source's for an alias)."""
        if self.is_untranslated_alias:
            return self.alias_of.locale.language_code
        return self.locale.language_code
