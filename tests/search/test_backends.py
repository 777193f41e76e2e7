"""Backends by configuration: what the Elasticsearch/OpenSearch backends would create and send.

No Elasticsearch server can run here; these tests check the index settings, mappings,
documents and queries that the backends build from the project's declarations, for
every supported scheme. The same search suite runs against osmem-server (OpenSearch) in
the other test modules, and against a real cluster with SEARCH_TEST_URL (docs/search.md).
"""

import pytest
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from home.models import StandardPage
from hub.settings.base import search_backends
from search.analysis import analyse
from search.engine import base_queryset

from ..factories import make_standard_page

SCHEMES = [
    "elasticsearch",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch",
    "opensearch2",
    "opensearch3",
]


@pytest.fixture(params=SCHEMES)
def engine_backend(request, settings, closed_port):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(f"{request.param}://127.0.0.1:{closed_port}")
    return get_search_backend()


def test_database_backend_keeps_the_analysed_words_as_they_are():
    config = search_backends("")["default"]
    assert config["BACKEND"] == "search.backends"
    assert config["SEARCH_CONFIG"] == "simple"  # PostgreSQL: no second stemming


def test_the_mapping_indexes_the_analysed_fields(engine_backend):
    mapping = engine_backend.mapping_class(StandardPage).get_mapping()["properties"]
    terms = mapping["hub_searchablemixin__search_terms"]
    assert terms["type"] == "text"
    assert "_all_text" in terms["copy_to"]
    autocomplete = mapping["hub_searchablemixin__search_autocomplete_edgengrams"]
    assert autocomplete["analyzer"] == "edgengram_analyzer"
    for filter_field in [
        "locale_id_filter",
        "content_type_id_filter",
        "live_filter",
        "path_filter",
    ]:
        assert filter_field in mapping
    assert mapping["owner_id_filter"]["type"] in {"integer", "long"}  # facets aggregate on these
    assert "_all_text" in mapping and "_edgengrams" in mapping


def test_index_settings_define_the_autocomplete_analyzer(engine_backend):
    analysis = engine_backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["edgengram_analyzer"]["tokenizer"] == "standard"
    assert "asciifolding" in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    assert engine_backend.get_index_for_model(StandardPage).name == "coworkmed_wagtailcore_page"


def test_documents_carry_analysed_words(home, engine_backend):
    page = make_standard_page(home, "Développement des Communautés", "Rural spaces.")
    document = engine_backend.mapping_class(StandardPage).get_document(page)
    words = document["hub_searchablemixin__search_terms"].split()
    title_terms = analyse("Développement des Communautés", "en")
    assert words[: len(title_terms)] == title_terms
    assert "rural" in words and "space" in words
    assert "developpement des communautes" in document["_edgengrams"]


def test_the_query_is_analysed_words_with_the_locale_and_type_filters(home, engine_backend):
    results = engine_backend.search(
        PlainText("espac rural", operator="and"), base_queryset(home.locale)
    )
    query = results.query_compiler.get_query()
    text = str(query)
    assert "'espac rural'" in text and "'operator': 'and'" in text
    assert "locale_id_filter" in text and "content_type_id_filter" in text and "live_filter" in text
