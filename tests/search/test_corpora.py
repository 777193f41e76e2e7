"""Acceptance: in each of the six languages, queries typed as visitors type them find the
expected page in the top three, on the database backend and on OpenSearch."""

import pytest
from django.conf import settings

from search import engine
from search.facets import Filters

from ..factories import make_standard_page
from .corpora import CORPORA


def create_corpora(home, locales, languages):
    """The corpora of ``languages``, each created in its own locale's tree."""
    pages = {}
    for language in languages:
        parent = home.get_translation(locales[language])
        for key, (title, introduction, paragraphs) in CORPORA[language]["pages"].items():
            pages[(language, key)] = make_standard_page(parent, title, introduction, paragraphs)
    return pages


@pytest.fixture
def corpus_pages(home, locales, search_engine):
    """All six corpora, indexed and visible to searches."""
    pages = create_corpora(home, locales, CORPORA)
    search_engine.refresh()
    return pages


def test_every_language_has_a_corpus():
    assert sorted(CORPORA) == sorted(code for code, _name in settings.LANGUAGES)
    assert all(len(corpus["queries"]) >= 12 for corpus in CORPORA.values())


def test_each_query_finds_its_page_in_the_top_three(corpus_pages, search_engine):
    failures = []
    for language, corpus in CORPORA.items():
        for query, expected in corpus["queries"]:
            outcome = engine.search(query, language, Filters())
            top = [item.url for item in outcome.items[:3]]
            if corpus_pages[(language, expected)].url not in top:
                failures.append((language, query, expected, [i.title for i in outcome.items[:3]]))
            # Only pages of the visitor's language, whatever the query.
            assert {item.language for item in outcome.items} <= {language}
    assert failures == [], f"{search_engine.name}: {failures}"


@pytest.mark.parametrize("language", sorted(CORPORA))
def test_the_search_page_shows_the_match_highlighted(
    home, locales, search_engine, client, language
):
    pages = create_corpora(home, locales, [language])
    search_engine.refresh()
    query, expected = CORPORA[language]["queries"][0]
    page = pages[(language, expected)]
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert f'href="{page.url}"' in response.text
    assert "<mark>" in response.text
