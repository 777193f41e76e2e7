"""Request hygiene and response headers that Django's own middleware does not cover."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _

# NUL and the other C0 control characters (and DEL) never belong in a URL. Some
# databases refuse them in queries (PostgreSQL raises on NUL), so they are turned
# away before any view sees them.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEARCH_PATH = re.compile(r"^/[a-z]{2}/search/")


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class RejectMalformedRequestMiddleware:
    """Answer 400, with the site's error page, to URLs carrying control characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = "".join(key + "".join(values) for key, values in request.GET.lists())
        # The search page cleans its own input (search.query.clean_query) and answers any
        # query, NUL bytes included, with a page of results or a message.
        searching = _SEARCH_PATH.match(request.path_info) is not None
        if _CONTROL_CHARACTERS.search(request.path) or (
            not searching and _CONTROL_CHARACTERS.search(query)
        ):
            return render(
                request,
                "400.html",
                {"message": _("This address contains characters that are not allowed.")},
                status=400,
            )
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; the admin's own Content-Security-Policy.

    Placed after ``ContentSecurityPolicyMiddleware`` in ``MIDDLEWARE``, so that it sees
    the response first and can choose ``settings.ADMIN_CSP`` for admin paths. A view
    that sets its own policy (Wagtail's document view does) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.admin_prefix = settings.ADMIN_PATH_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.admin_prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


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
