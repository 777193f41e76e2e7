"""Small mixins shared by the page types of every app."""

from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction


class TranslationStatusMixin:
    """What a template needs to know about the translation state of a page.

    wagtail-localize keeps the locale trees in sync: a page not yet translated exists
    in every locale as an alias of its source. Templates use these properties to mark
    such content with its real language and to tell the visitor.

    Every page type has this mixin, so it also carries two per-page costs kept constant:
    the view-restriction check and the breadcrumbs' ancestors.
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

    @cached_property
    def breadcrumb_ancestors(self) -> list:
        """The page's ancestors, root first: those routing found on the way (no query,
        hub.translation.routing), or one query."""
        routed = getattr(self, "routed_ancestors", None)
        if routed is not None:
            return routed
        return list(self.get_ancestors().only("id", "path", "depth", "title", "url_path"))

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on the page or an ancestor, an alias's taken from
        its source) in one query, whatever the depth: ancestors' paths are prefixes of
        the page's own path. None when routing found that nothing restricts the page."""
        if getattr(self, "routed_unrestricted", False):
            return PageViewRestriction.objects.none()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        chain = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of_id"))
        )
