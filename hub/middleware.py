from django.middleware.locale import LocaleMiddleware


class HubLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its language redirect outside visitor pages.

    Django redirects any 404 to the same path with a language prefix when that path would
    match; Wagtail's catch-all matches everything, so a missing API item, document or
    static file would bounce to ``/en/...``. Those URLs answer for themselves instead.
    """

    unprefixed_paths = (
        "/api/",
        "/admin/",
        "/documents/",
        "/static/",
        "/media/",
        "/sitemap",
        "/robots.txt",
        "/favicon.ico",
    )

    def process_response(self, request, response):
        if request.path_info.startswith(self.unprefixed_paths):
            return response
        return super().process_response(request, response)
