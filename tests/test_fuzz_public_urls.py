"""Bad input on every public URL gives a page (200, 3xx, 400, 404...), never a 5xx.

The URLs and their parameter generators live in tests/public_urls.py: a new public
feature adds one line there and is fuzzed here.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.public_urls import NASTY, PUBLIC_URLS, free_text

EXAMPLES_PER_URL = 60


def query_strings(known):
    """Known parameters with generated values, unknown ones, repeated keys, raw junk."""
    pairs = st.lists(
        st.one_of(
            *[st.tuples(st.just(name), values) for name, values in known.items()],
            st.tuples(free_text, free_text),
        ),
        max_size=6,
    )
    encoded = pairs.map(lambda items: urlencode(items, safe="%"))
    raw = st.sampled_from(["%", "a=%", "=&=&", "a=%FF%FE", "&&&", "a" * 9000, "x=" + "%00" * 3])
    return st.one_of(encoded, raw)


@pytest.mark.parametrize("route", PUBLIC_URLS, ids=lambda route: route.name)
def test_public_url_never_answers_5xx(route, home, client):
    @settings(
        max_examples=EXAMPLES_PER_URL,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        path=route.path,
        query=query_strings(route.params),
        language=st.one_of(st.sampled_from(NASTY), st.text(max_size=40)),
        method=st.sampled_from(["get", "head"]),
    )
    def check(path, query, language, method):
        url = f"{path}?{query}" if query else path
        response = getattr(client, method)(
            url,
            headers={"accept-language": language.encode("latin-1", "replace").decode("latin-1")},
        )
        assert response.status_code < 500, f"{url} -> {response.status_code}"

    check()
