"""Any input gives a page: hostile queries, broken filters, an engine that is down."""

import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from home.models import StandardPage
from hub.settings.base import search_backends

from ..factories import make_standard_page

NASTY_QUERIES = [
    "",
    "   ",
    "\t\n\r",
    '"',
    "'",
    '"unbalanced quote',
    "it's \"half' quoted",
    "coworking AND rural OR NOT city",
    "(coworking OR) AND NOT",
    "+rural -city ~fuzzy^2",
    "*",
    "cowork*",
    "***",
    "null\x00byte",
    "\x00",
    "x" * 10_000,
    " ".join(["word"] * 2_000),
    " ".join(f"word{i}" for i in range(2_000)),
    "😀🏠🌍 coworking 👩‍💻",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "SELECT * FROM auth_user WHERE 1=1",
    "%",
    "100% rural",
    "_",
    "__init__",
    "\\",
    "C:\\path\\",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% debug %}",
    "title:coworking",
    "NEAR(a b) MATCH",
    "\ud7ff\ue000\uffff",
]


@pytest.fixture
def some_pages(home, search_engine):
    make_standard_page(home, "Rural coworking in a village", "Word word word.")
    make_standard_page(home, "Sécurité des données 100 %", "SQL and % and _ and \\ explained.")
    search_engine.refresh()


def test_every_query_gives_a_page(some_pages, client):
    for query in NASTY_QUERIES:
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200, repr(query[:50])
        html = response.text
        assert (
            "results for" in html
            or "result for" in html
            or "search-empty" in html
            or "no words we can look for" in html
        ), repr(query[:50])
        assert "<script>alert(1)</script>" not in html
        autocomplete = client.get("/en/search/autocomplete/", {"q": query})
        assert autocomplete.status_code == 200, repr(query[:50])
        assert isinstance(autocomplete.json()["results"], list)


def test_sql_text_is_only_text(some_pages, client):
    client.get("/en/search/", {"q": "'; DROP TABLE wagtailcore_page; --"})
    assert Page.objects.exists()
    response = client.get("/en/search/", {"q": "100 %"})
    assert "Sécurité des données" in response.text


MALFORMED = [
    "q=word&page=0",
    "q=word&page=-5",
    "q=word&page=1.5",
    "q=word&page=%00",
    "q=word&page=99999999999999999999999",
    "q=word&page=٣",
    "q=word&type=",
    "q=word&type=home.nothing&type=wagtailcore.page&type=auth.user",
    "q=word&type=" + "x" * 5000,
    "q=word&q=second",
    "q=word&unknown=1&other=maybe",
    "q=%FF%FE%00",
    "q=word&" + "&".join(f"type=t{i}" for i in range(500)),
]


def test_malformed_parameters_are_ignored(some_pages, client):
    for query_string in MALFORMED:
        response = client.get(f"/en/search/?{query_string}")
        assert response.status_code == 200, query_string[:80]


@pytest.mark.parametrize("scheme", ["opensearch", "elasticsearch", "elasticsearch8"])
def test_an_engine_that_is_down_gives_a_clear_message(
    home, client, settings, closed_port, scheme, caplog
):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(f"{scheme}://127.0.0.1:{closed_port}")
    with caplog.at_level(logging.ERROR, logger="search.engine"):
        response = client.get("/fr/search/", {"q": "coworking"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "La recherche" in response.text or "Search is unavailable" in response.text
    assert '<html lang="fr"' in response.text  # the whole page, in the visitor's language
    assert "The search engine failed" in caplog.text

    autocomplete = client.get("/fr/search/autocomplete/", {"q": "cow"})
    assert autocomplete.status_code == 503
    assert autocomplete.json()["results"] == []
    assert autocomplete.json()["error"]
    # An empty query needs no engine.
    assert client.get("/fr/search/").status_code == 200


def test_publishing_works_while_the_engine_is_down(
    home, settings, closed_port, caplog, editor_client
):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(f"opensearch://127.0.0.1:{closed_port}")
    with caplog.at_level(logging.ERROR):
        page = make_standard_page(home, "Published during an outage", "Still published.")
        revision = page.save_revision()
        revision.publish()
        response = editor_client.post(
            f"/admin/pages/add/home/standardpage/{home.pk}/",
            {
                "title": "Added in the admin during an outage",
                "slug": "added-during-outage",
                "introduction": "x",
                "body-count": "0",
                "action-publish": "publish",
            },
        )
    assert response.status_code == 302, response.content[:2000]
    assert StandardPage.objects.filter(slug="added-during-outage", live=True).exists()
    page.refresh_from_db()
    assert page.live
    assert "search backend" in caplog.text  # logged by Wagtail's indexing, not raised


def test_a_search_request_writes_nothing(some_pages, client):
    cache.clear()  # no analytics buffered by earlier tests: nothing for a flush to write
    with CaptureQueriesContext(connection) as queries:
        for query in ["coworking village", "xylophone", "rural"]:
            assert client.get("/en/search/", {"q": query}).status_code == 200
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []


queries = st.one_of(
    st.text(max_size=300),
    st.sampled_from(NASTY_QUERIES),
    st.lists(
        st.sampled_from(["coworking", "AND", "OR", '"', "*", "%", "_", "\\", "é", "Σ"]), max_size=30
    ).map(" ".join),
)
filter_values = st.one_of(
    st.sampled_from(["home.standardpage", "home.homepage", "wagtailcore.page", "", "1", "-1"]),
    st.text(max_size=30),
)
parameters = st.lists(
    st.tuples(st.sampled_from(["type", "page", "other", "author", "q2", "type"]), filter_values),
    max_size=8,
)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, extra=parameters)
def test_generated_queries_and_filters_never_fail(some_pages, client, query, extra):
    params = [("q", query), *extra]
    response = client.get("/en/search/", params)
    assert response.status_code == 200


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries)
def test_generated_autocomplete_queries_never_fail(some_pages, client, query):
    response = client.get("/el/search/autocomplete/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
