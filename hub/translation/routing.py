"""Visitors never hit a dead end: a path missing from one language tree is found in another."""

from django.conf import settings
from django.http import Http404


class LocaleFallbackRoutingMixin:
    """For the home page of each language tree (the root of its URLs).

    A path that this language's tree does not have (its not-yet-translated alias was
    deleted, the translation is still a draft, the page exists only in another
    language) is looked up in the other languages' trees, English first. The page found
    is served at the requested URL in the visitor's interface language, with a notice
    and a link to the original (the ``translation_notice`` tag); if it has a live version
    in the visitor's language under another slug, the visitor is redirected there
    (``before_serve_page`` in ``hub/translation/hooks.py``). Unknown paths stay 404s.
    """

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            for home in self._other_language_homes():
                try:
                    result = super(LocaleFallbackRoutingMixin, home).route(request, path_components)
                except Http404:
                    continue
                result.page.served_from_other_locale = True
                return result
            raise

    def _other_language_homes(self):
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        homes = (
            type(self)
            .objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        return sorted(homes, key=lambda home: order.get(home.locale.language_code, 99))
