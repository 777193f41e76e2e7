"""Every public URL of the site, with generators for its path and parameters.

The fuzz test (tests/test_fuzz_public_urls.py) draws requests from this list. A feature
that adds a public URL adds one line to ``PUBLIC_URLS``, for example::

    PublicURL("search", localized("search/"), {"q": free_text, "page": page_numbers}),

Known parameters get realistic values (the fuzz test's site holds the case studies,
countries, themes and pages they name) or nasty ones; unknown parameters are added at
random. The paths of pages (``/en/case-studies/``...) match the fuzz test's site.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from hypothesis import strategies as st

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Values that break naive code: encodings, traversal, markup, SQL, huge numbers.
NASTY = [
    "",
    ".",
    "..",
    "%2e%2e",
    "%",
    "%zz",
    "%FF%FE",
    "%C0%AF",
    "%E2%80%AE",
    "%F0%9F%98%80",
    "%00",
    "%0d%0aSet-Cookie:x=1",
    "<script>alert(1)</script>",
    "'; DROP TABLE wagtailcore_page; --",
    "${7*7}",
    "{{7*7}}",
    "-1",
    "0",
    "1e309",
    "99999999999999999999999999",
    "9223372036854775808",
    "NaN",
    "a" * 300,
    "admin",
    "documents",
    "_util",
    "Ελληνικά",
    "čćžšđ",
]

#: a language code, or something where one is expected
languages = st.one_of(st.sampled_from(LANGUAGE_CODES), st.sampled_from(["xx", "EN", "en-gb", ""]))
#: any text, as a browser would send it (percent-encoded)
free_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200).map(lambda text: quote(text, safe="")),
)
#: a page number, or not
page_numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str), st.sampled_from(NASTY)
)
#: a numeric identifier in a path, small or absurdly large
identifiers = st.one_of(st.integers(min_value=0, max_value=2**80).map(str), st.just("0" * 40))
#: one path segment
segments = st.one_of(
    st.sampled_from(NASTY),
    st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True),
    st.text(max_size=60).map(lambda text: quote(text, safe="")),
)


def realistic(*values, nasty=free_text):
    """One of ``values`` (what the site knows) or anything at all."""
    return st.one_of(st.sampled_from(values), st.sampled_from(values), nasty)


#: ISO country codes, known, unknown and malformed
country_codes = realistic("FR", "IT", "ES", "GR", "HR", "fr", "gr", "XX", "FRA")
#: taxonomy slugs of the seeded themes and space types
theme_slugs = realistic("rural-revitalisation", "urban-regeneration", "entrepreneurship", "Theme")
space_type_slugs = realistic("coworking", "fab-lab", "rural-hub", "coworking ")
#: a small number: a primary key that may exist
small_ids = st.one_of(st.integers(min_value=-3, max_value=60).map(str), page_numbers)
years = st.one_of(
    st.integers(min_value=1800, max_value=2200).map(str),
    st.sampled_from(["20 24", "\uff12\uff10\uff12\uff10"]),
    free_text,
)
content_types = realistic(
    "casestudies.casestudypage",
    "toolkit.guidepage",
    "toolkit.toolpage",
    "hub.countryprofilepage",
    "home.standardpage",
    "wagtailcore.page",
    "auth.user",
)
api_page_types = realistic(
    "casestudies.CaseStudyPage",
    "toolkit.GuidePage",
    "toolkit.ToolPage",
    "hub.CountryProfilePage",
    "casestudies.CaseStudyIndexPage",
    "wagtailcore.Page",
    "auth.User",
    "casestudies.",
    ".",
)
api_fields = realistic(
    "*",
    "_,id,title",
    "title,summary,country,themes,key_figures",
    "-title",
    "country(code)",
    "hero_image_thumbnail",
    "body(*)",
    "owner",
    "*,-*",
    "title(",
)
api_orders = realistic(
    "title", "-title", "id", "random", "first_published_at", "-latitude", "password"
)
booleans = realistic("true", "false", "1", "0", "yes")

#: the finder's filters (casestudies.finder), shared by the finder, its map and its exports
FINDER_PARAMS = {
    "country": country_codes,
    "region": small_ids,
    "theme": theme_slugs,
    "type": space_type_slugs,
    "desks": realistic("1-10", "11-30", "31-80", "81-plus", "0-0"),
    "surface": realistic("0-199", "200-499", "500-999", "1000-plus"),
    "from": years,
    "to": years,
    "sort": realistic("newest", "title", "founded", "-title"),
    "page": page_numbers,
}
#: the filters of Wagtail's API v2 listings
API_PARAMS = {
    "fields": api_fields,
    "limit": page_numbers,
    "offset": page_numbers,
    "order": api_orders,
    "search": free_text,
    "search_operator": realistic("and", "or", "xor"),
    "locale": languages,
    "id": small_ids,
    "title": free_text,
}
API_PAGE_PARAMS = {
    **API_PARAMS,
    "type": api_page_types,
    "child_of": small_ids,
    "descendant_of": small_ids,
    "ancestor_of": small_ids,
    "translation_of": small_ids,
    "show_in_menus": booleans,
    "slug": realistic("case-studies", "olive-mill", "france", "home"),
    "html_path": realistic("/", "/case-studies/", "/en/case-studies/", "/countries/france/"),
    "has_children": booleans,
}
#: a content page of the fuzz test's site, with a trailing slash or not
SITE_PAGES = [
    "",
    "case-studies/",
    "case-studies/olive-mill/",
    "case-studies/volos/",
    "countries/",
    "countries/france/",
    "toolkit/",
    "toolkit/mapping/",
    "toolkit/census/",
]


def localized(suffix: str = ""):
    """``/<language>/<suffix>``."""
    return languages.map(lambda code: f"/{code}/{suffix}")


def page_paths():
    """``/<language>/<segment>/.../`` with or without a trailing slash."""
    return st.builds(
        lambda code, parts, slash: f"/{code}/" + "/".join(parts) + ("/" if slash else ""),
        languages,
        st.lists(segments, max_size=6),
        st.booleans(),
    )


def site_paths():
    """A page of the fuzz test's site in any language, or a misspelt one."""
    return st.builds(
        lambda code, page, tail: f"/{code}/{page}{tail}",
        languages,
        st.sampled_from(SITE_PAGES),
        st.sampled_from(["", "", "x/", "..", "%00/", "index.html", "compare", "export.csv/"]),
    )


def export_paths():
    """``export.<format>`` under the finder, under another page, or nowhere."""
    return st.builds(
        lambda code, parent, ext: f"/{code}/{parent}export.{ext}",
        languages,
        st.sampled_from(
            ["case-studies/", "case-studies/", "", "countries/", "case-studies/volos/"]
        ),
        st.sampled_from(["csv", "json", "geojson", "csv", "json", "geojson"]),
    )


def very_long_paths():
    return st.builds(
        lambda code, length, char: f"/{code}/" + char * length + "/",
        languages,
        st.integers(min_value=1_000, max_value=12_000),
        st.sampled_from(["a", "-", "%C3%A9", "a/"]),
    )


@dataclass(frozen=True)
class PublicURL:
    name: str
    path: st.SearchStrategy
    params: dict[str, st.SearchStrategy] = field(default_factory=dict)


PUBLIC_URLS = [
    PublicURL("root", st.just("/")),
    PublicURL("home", localized(), {"notice": free_text}),
    PublicURL("page", page_paths(), {"page": page_numbers, "notice": free_text}),
    PublicURL("long path", very_long_paths()),
    PublicURL("favicon", st.just("/favicon.ico")),
    PublicURL(
        "document", st.builds(lambda i, name: f"/documents/{i}/{name}", identifiers, segments)
    ),
    PublicURL(
        "page password",
        st.builds(
            lambda code, a, b: f"/{code}/_util/authenticate_with_password/{a}/{b}/",
            languages,
            identifiers,
            identifiers,
        ),
    ),
    PublicURL("login", localized("_util/login/"), {"next": free_text}),
    PublicURL("admin login", st.just("/admin/login/"), {"next": free_text}),
    PublicURL("admin password reset", st.just("/admin/password_reset/")),
    PublicURL("site page", site_paths(), {"page": page_numbers, "notice": free_text}),
    # Search (search.views): the query, paging, content type and facets (search.facets).
    PublicURL(
        "search",
        localized("search/"),
        {
            "q": realistic("coworking", "Volos", "κοινότητα", "čćžšđ", "rural hub", "co*"),
            "page": page_numbers,
            "type": content_types,
            "country": small_ids,
            "theme": small_ids,
            "space_type": small_ids,
            "stage": realistic("mapping", "convening", "charter", "platform", "evaluation"),
            "other": booleans,
        },
    ),
    PublicURL(
        "autocomplete",
        localized("search/autocomplete/"),
        {"q": realistic("cow", "vol", "κοι", "ol mi", "a")},
    ),
    # The case-study finder, its comparison and its exports (casestudies.routes).
    PublicURL("finder", localized("case-studies/"), {**FINDER_PARAMS, "view": free_text}),
    PublicURL("compare", localized("case-studies/compare/"), {"case": small_ids, **FINDER_PARAMS}),
    PublicURL("export", export_paths(), FINDER_PARAMS),
    # Wagtail API v2 (hub.api).
    PublicURL("api pages", st.just("/api/v2/pages/"), API_PAGE_PARAMS),
    PublicURL(
        "api page", st.builds(lambda i: f"/api/v2/pages/{i}/", small_ids), {"fields": api_fields}
    ),
    PublicURL("api find", st.just("/api/v2/pages/find/"), API_PAGE_PARAMS),
    PublicURL("api images", st.just("/api/v2/images/"), API_PARAMS),
    PublicURL("api documents", st.just("/api/v2/documents/"), API_PARAMS),
    PublicURL(
        "api item",
        st.builds(
            lambda kind, i: f"/api/v2/{kind}/{i}/",
            st.sampled_from(["images", "documents"]),
            small_ids,
        ),
        {"fields": api_fields},
    ),
    PublicURL("api root", st.builds(lambda s: f"/api/v2/{s}", segments)),
    # Feeds, sitemaps, robots.txt (hub.urls).
    PublicURL("rss", localized("feeds/rss.xml")),
    PublicURL("atom", localized("feeds/atom.xml")),
    PublicURL("sitemap", st.just("/sitemap.xml"), {"p": page_numbers, "section": free_text}),
    PublicURL(
        "sitemap section",
        st.builds(lambda s: f"/sitemap-{s}.xml", st.one_of(st.just("pages"), segments)),
        {"p": page_numbers},
    ),
    PublicURL("robots", st.just("/robots.txt")),
]
