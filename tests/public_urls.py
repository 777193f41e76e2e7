"""Every public URL of the site, with generators for its path and parameters.

The fuzz test (tests/test_fuzz_public_urls.py) draws requests from this list. A feature
that adds a public URL adds one line to ``PUBLIC_URLS``, for example::

    PublicURL("search", localized("search/"), {"q": free_text, "page": page_numbers}),
    PublicURL("finder", localized("case-studies/"), {"country": codes, "theme": codes}),
    PublicURL("export", localized("case-studies/export.csv"), {"country": codes}),
    PublicURL("api", st.just("/api/v2/pages/"), {"type": free_text, "locale": languages}),
    PublicURL("feed", localized("feed.xml")),

Known parameters get values from their generator; unknown ones are added at random.
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
]
