"""Template tags for the site chrome: language switcher, hreflang alternates, navigation."""

from django import template
from django.conf import settings
from django.db import connection
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from hub import sitewide
from hub.privacy import public_q

register = template.Library()

_CACHE_ATTR = "_hub_page_versions"


def page_versions(request, page) -> dict[str, Page]:
    """The live versions of ``page`` in every locale, keyed by language code.

    One query per request: the switcher and the hreflang links share the result.
    Alias pages (not yet translated) are included; callers that want real
    translations only check ``alias_of_id``.
    """
    cache = getattr(request, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTR, cache)
    if page.pk not in cache:
        # Live and public only: a draft or a private translation must not leak its
        # address through the switcher or hreflang (the page being viewed stays). The
        # site's view restrictions are kept in memory (hub.sitewide): no subquery.
        # Plain SQL through raw(): asked on every page, and the ORM took longer to build
        # the query than the database to answer it. Each version has its language code.
        restrictions = sitewide.restrictions(request)
        cache[page.pk] = {
            version.language_code: version
            for version in _live_versions(page.translation_key)
            if version.pk == page.pk or restrictions.is_public(version)
        }
    return cache[page.pk]


def _live_versions(translation_key):
    """The live pages of a translation key, in tree order, with a few fields and their
    ``language_code``."""
    quote = connection.ops.quote_name
    key = Page._meta.get_field("translation_key").get_db_prep_value(translation_key, connection)
    return Page.objects.raw(
        "SELECT page.id, page.path, page.url_path, page.translation_key, page.locale_id, "  # noqa: S608 (names)
        "page.alias_of_id, page.live, locale.language_code "
        f"FROM {quote(Page._meta.db_table)} page "
        f"INNER JOIN {quote(Locale._meta.db_table)} locale ON locale.id = page.locale_id "
        "WHERE page.translation_key = %s AND page.live = %s ORDER BY page.path",
        [key, True],
    )


def _home_url(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _is_page(page) -> bool:
    return isinstance(page, Page) and page.pk is not None


@register.inclusion_tag("components/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language, or to that language's home."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    versions = page_versions(request, page) if _is_page(page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if _is_page(page):
            version = versions.get(code)
            if version is not None:
                url = version.get_url(request)
            else:
                url = _home_url(code) + "?notice=untranslated"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.inclusion_tag("components/_alternates.html", takes_context=True)
def alternate_links(context):
    """<link rel=alternate hreflang> for each real translation, x-default, and canonical."""
    request = context["request"]
    page = context.get("page")
    alternates = []
    if _is_page(page):
        versions = page_versions(request, page)
        for code, _name in settings.LANGUAGES:
            version = versions.get(code)
            if version is not None and version.alias_of_id is None:
                alternates.append((code, request.build_absolute_uri(version.get_url(request))))
        default = versions.get(settings.LANGUAGE_CODE)
        if default is not None:
            alternates.append(("x-default", request.build_absolute_uri(default.get_url(request))))
    return {"alternates": alternates, "canonical": canonical_url(request, page)}


def canonical_url(request, page) -> str:
    """The address search engines and sharing cards should use for this request."""
    if _is_page(page) and page.alias_of_id is not None:
        # An untranslated alias duplicates its source: point search engines there.
        versions = page_versions(request, page)
        source = next((v for v in versions.values() if v.pk == page.alias_of_id), None)
        if source is not None:
            return request.build_absolute_uri(source.get_url(request))
    if _is_page(page) and getattr(page, "served_from_other_locale", False):
        # Found in another language's tree (hub.translation.routing): same rule.
        return request.build_absolute_uri(page.get_url(request))
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The live, in-menu children of the current language's home page, as (title, URL).

    The same on every page of a site and language: kept between requests until the
    content changes (hub.sitewide), read in one query otherwise.
    """
    request = context["request"]
    cached = getattr(request, "_hub_main_navigation", None)
    if cached is not None:
        return cached
    site = sitewide.site(request)
    items = []
    if site is not None:
        language = translation.get_language()
        items = sitewide.kept(
            request,
            ("main navigation", site.pk, language),
            lambda: _navigation(request, site.root_page, language),
        )
    request._hub_main_navigation = items
    return items


def _navigation(request, root, language) -> list[tuple[str, str]]:
    # The home of the current language (the site's root where it has none), found by
    # the database in the same query as its children.
    home_path = Coalesce(
        Subquery(
            Page.objects.filter(
                translation_key=root.translation_key,
                locale__language_code=language,
            ).values("path")[:1]
        ),
        Value(root.path),
    )
    children = (
        Page.objects.live()
        # A range of paths (children are the home's path plus four characters of
        # 0-9A-Z) that the path index serves; a LIKE prefix scans the page table.
        .filter(
            public_q(),
            depth=root.depth + 1,
            path__gt=home_path,
            path__lte=Concat(home_path, Value("ZZZZ")),
        )
        .in_menu()
        .order_by("path")
        .only("id", "title", "url_path")
    )
    return [(child.title, child.get_url(request)) for child in children]


@register.simple_tag
def home_url():
    return _home_url(translation.get_language())
