"""The search page as a visitor uses it, on the database backend and on OpenSearch."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import create_aliases_for_new_page

from home.models import HomePage, StandardPage
from hub.models import Facet
from search.analysis import analyse_query
from search.engine import base_queryset

from ..factories import make_standard_page


def result_titles(html: str) -> list[str]:
    """Titles of the main results list, marks removed, in order."""
    results = html.split('<ol class="search-results"', 1)
    if len(results) == 1:
        return []
    listing = results[1].split("</ol>", 1)[0]
    titles = re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', listing)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def test_header_has_a_search_box_in_every_language(home, client):
    for code in ["en", "fr", "el"]:
        html = client.get(f"/{code}/").text
        assert f'<form class="site-search" role="search" action="/{code}/search/"' in html
        assert f'data-autocomplete-url="/{code}/search/autocomplete/"' in html
        assert 'for="site-search-q"' in html


def test_empty_query_gets_a_helpful_page(home, client):
    response = client.get("/fr/search/")
    assert response.status_code == 200
    assert 'class="search-empty"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_results_come_from_the_current_language_only(home, locales, search_engine, client):
    make_standard_page(home, "Rural village office", "A shared office in a village.")
    french_home = home.get_translation(locales["fr"])
    make_standard_page(french_home, "Bureau au village", "Un bureau partagé au village.")
    search_engine.refresh()
    english = client.get("/en/search/", {"q": "village"}).text
    french = client.get("/fr/search/", {"q": "village"}).text
    assert result_titles(english) == ["Rural village office"]
    assert result_titles(french) == ["Bureau au village"]
    assert 'class="search-other-languages"' not in french  # there were French results


def test_untranslated_pages_are_offered_in_their_language(home, locales, search_engine, client):
    page = make_standard_page(home, "Charter of the network", "Principles every member signs.")
    create_aliases_for_new_page(page)
    search_engine.refresh()
    assert StandardPage.objects.filter(alias_of=page).count() == 5

    html = client.get("/fr/search/", {"q": "charter"}).text
    assert result_titles(html) == []  # the French alias is not a French page
    other = html.split('class="search-other-languages"', 1)[1]
    assert '<h3 lang="en">English</h3>' in other
    assert f'href="{page.url}" hreflang="en"' in other
    assert "<mark>Charter</mark>" in other

    # Once translated, the French page is a French result.
    TranslationCreator(user=None, target_locales=[locales["fr"]]).create_translations(page)
    french = page.get_translation(locales["fr"]).specific
    french.title = "Charte du réseau"
    french.introduction = "Les principes que chaque membre signe."
    french.save_revision().publish()
    search_engine.refresh()
    assert result_titles(client.get("/fr/search/", {"q": "chartes"}).text) == ["Charte du réseau"]


def test_other_languages_on_request_even_with_results(home, locales, search_engine, client):
    make_standard_page(home, "Fab lab network", "Makers everywhere.")
    make_standard_page(home.get_translation(locales["it"]), "Rete di fab lab", "Makers ovunque.")
    search_engine.refresh()
    html = client.get("/it/search/", {"q": "fab lab"}).text
    assert result_titles(html) == ["Rete di fab lab"]
    assert "other=1" in html
    html = client.get("/it/search/", {"q": "fab lab", "other": "1"}).text
    assert '<h3 lang="en">English</h3>' in html


def test_type_facet_counts_and_filters(home, search_engine, client):
    for index in range(3):
        make_standard_page(home, f"Mapping survey {index}", "Mapping the spaces.")
    home.introduction = "The hub maps every space of the network."
    home.save_revision().publish()
    search_engine.refresh()
    html = client.get("/en/search/", {"q": "mapping"}).text
    assert "4 results" in html
    assert re.search(
        r'value="home.standardpage">\s*<label[^>]*>Standard page <span[^>]*>\(3\)', html
    )
    assert re.search(r'value="home.homepage">\s*<label[^>]*>Home page <span[^>]*>\(1\)', html)

    filtered = client.get("/en/search/", {"q": "mapping", "type": "home.homepage"}).text
    assert "1 result " in filtered
    assert result_titles(filtered) == [home.title]
    assert re.search(r'value="home.homepage" checked>', filtered)
    # The other type keeps its count, so the visitor can add it (OR within a facet).
    assert re.search(
        r'value="home.standardpage">\s*<label[^>]*>Standard page <span[^>]*>\(3\)', filtered
    )
    assert "Remove filter Type: Home page" in filtered

    both = client.get(
        "/en/search/?q=mapping&type=home.homepage&type=home.standardpage&type=nope.nothing"
    ).text
    assert "4 results" in both


def test_declared_facets_combine_with_the_type_and_stay_in_the_url(
    home, search_engine, client, monkeypatch
):
    """A page type that declares a facet gets filtering and counts, nothing else to do."""
    monkeypatch.setattr(StandardPage, "search_facets", {"author": Facet("owner", "Author")})
    users = get_user_model()
    alice = users.objects.create_user("alice", password="x-long-password-1")
    bruno = users.objects.create_user("bruno", password="x-long-password-2")
    for index in range(3):
        make_standard_page(home, f"Evaluation grid {index}", "Evaluate.", owner=alice)
    make_standard_page(home, "Evaluation report", "Evaluate.", owner=bruno)
    search_engine.refresh()

    html = client.get("/en/search/", {"q": "evaluation"}).text
    assert "<legend>Author</legend>" in html
    assert re.search(rf'value="{alice.pk}">\s*<label[^>]*>alice <span[^>]*>\(3\)', html)
    assert re.search(rf'value="{bruno.pk}">\s*<label[^>]*>bruno <span[^>]*>\(1\)', html)

    url = f"/en/search/?q=evaluation&author={bruno.pk}&type=home.standardpage"
    shared = client.get(url).text
    assert result_titles(shared) == ["Evaluation report"]
    assert 'href="/en/search/?q=evaluation&amp;type=home.standardpage"' in shared  # remove author
    assert "Remove filter Author: bruno" in shared
    # Alice keeps her count: values of one facet are alternatives.
    assert re.search(rf'value="{alice.pk}">\s*<label[^>]*>alice <span[^>]*>\(3\)', shared)

    either = client.get(f"/en/search/?q=evaluation&author={bruno.pk}&author={alice.pk}").text
    assert "4 results" in either
    # Malformed and unknown values are ignored, not errors.
    ignored = client.get("/en/search/?q=evaluation&author=abc&author=&author=99999999999999999999")
    assert ignored.status_code == 200
    assert "4 results" in ignored.text
    nobody = client.get("/en/search/?q=evaluation&author=424242")
    assert nobody.status_code == 200
    assert "0 results" in nobody.text


def test_highlighting_escapes_everything(home, search_engine, client):
    make_standard_page(
        home,
        "<script>alert(1)</script> Développement rural",
        "Le <b>développement</b> & les espaces",
    )
    search_engine.refresh()
    html = client.get("/en/search/", {"q": "developpement"}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Développement</mark> rural" in html
    assert "Le &lt;b&gt;<mark>développement</mark>&lt;/b&gt; &amp; les espaces" in html


def test_pagination(home, search_engine, client):
    for index in range(23):
        make_standard_page(home, f"Governance note {index:02d}", "About governance.")
    search_engine.refresh()
    first = client.get("/en/search/", {"q": "governance"}).text
    assert "23 results" in first
    assert len(result_titles(first)) == 10
    assert "Page 1 of 3" in first
    second = client.get("/en/search/", {"q": "governance", "page": "2"}).text
    assert '<ol class="search-results" start="11">' in second
    assert not set(result_titles(first)) & set(result_titles(second))
    assert 'rel="prev"' in second and 'rel="next"' in second
    for bad, expected in [("abc", "Page 1 of 3"), ("-1", "Page 1 of 3"), ("999", "Page 3 of 3")]:
        response = client.get("/en/search/", {"q": "governance", "page": bad})
        assert response.status_code == 200
        assert expected in response.text


def test_result_pages_follow_the_engines_own_ranking(home, search_engine, client):
    """The pages of results, read together, are the engine's ranking of every match, with
    or without a filter (the database backend reads the whole ranking in one query)."""
    for index in range(14):
        filler = " ".join(["space"] * (index % 5))
        make_standard_page(
            home,
            f"Governance {'governance ' * (index % 3)}note {index:02d}",
            f"About governance {filler}.",
            [" ".join(["governance"] * (index % 4 + 1))],
        )
    make_standard_page(home, "A board for governance", "Not a note.")
    search_engine.refresh()
    words = " ".join(analyse_query("governance", "en"))
    ranked = get_search_backend().search(PlainText(words), base_queryset(home.locale).specific())
    expected = [page.title for page in ranked]
    assert len(expected) == 15
    for query in ({"q": "governance"}, {"q": "governance", "type": "home.standardpage"}):
        shown = []
        for number in (1, 2):
            html = client.get("/en/search/", {**query, "page": number}).text
            assert "15 results" in html
            shown += result_titles(html)
        assert shown == expected


def test_editors_promoted_results_come_first(home, locales, search_engine, client):
    guide = make_standard_page(home, "Starting a coworking space", "A guide.")
    make_standard_page(home, "Coworking spaces of the network", "Coworking coworking coworking.")
    search_engine.refresh()
    query = Query.objects.create(query_string="coworking space")
    SearchPromotion.objects.create(query=query, page=guide, description="Our guide", sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/map",
        external_link_text="Map of spaces",
        sort_order=1,
    )
    html = client.get("/en/search/", {"q": "Coworking Spaces"}).text
    promotions = html.split('class="search-promotions"', 1)[1].split("</section>", 1)[0]
    assert promotions.index(guide.title) < promotions.index("Map of spaces")
    assert "Our guide" in promotions
    assert html.index("search-promotions") < html.index("search-results")
    organic = result_titles(html)
    assert "Coworking spaces of the network" in organic
    assert guide.title not in organic  # promoted, so not repeated
    assert Query.objects.count() == 1  # searching creates no Query rows
    # Not on other queries.
    assert "search-promotions" not in client.get("/en/search/", {"q": "guide"}).text


def test_nothing_found_anywhere(home, search_engine, client):
    response = client.get("/hr/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert 'id="search-none-heading"' in response.text
    assert "search-other-languages" in response.text


def test_only_stop_words(home, search_engine, client):
    response = client.get("/fr/search/", {"q": "le la les de"})
    assert response.status_code == 200
    assert "aucun mot exploitable" in response.text  # the interface speaks French


def test_autocomplete_suggests_titles_in_the_current_language(home, locales, search_engine, client):
    make_standard_page(home, "Évaluation des espaces", "x")
    make_standard_page(home.get_translation(locales["fr"]), "Évaluation des espaces ruraux", "x")
    search_engine.refresh()
    data = client.get("/fr/search/autocomplete/", {"q": "evalu esp"}).json()
    assert [result["title"] for result in data["results"]] == ["Évaluation des espaces ruraux"]
    assert data["results"][0]["url"].startswith("/fr/")
    assert data["results"][0]["type"] == "Page simple"  # the page type, in French
    assert client.get("/fr/search/autocomplete/", {"q": "ÉVAL"}).json()["results"]
    assert client.get("/fr/search/autocomplete/", {"q": "ruraux espaces eval"}).json()["results"]
    assert client.get("/fr/search/autocomplete/", {"q": "evaluations"}).json()["results"] == []
    assert client.get("/fr/search/autocomplete/", {"q": ""}).json() == {"query": "", "results": []}


def test_home_pages_are_searchable_too(home, search_engine, client):
    assert isinstance(home.specific, HomePage)
    html = client.get("/en/search/", {"q": "case studies"}).text
    assert result_titles(html) == [home.title]


@pytest.mark.parametrize("path", ["/en/search/", "/en/search/autocomplete/"])
def test_only_safe_methods(home, client, path):
    assert client.post(path, {"q": "x"}).status_code == 405


@pytest.mark.parametrize("search_engine", ["database"], indirect=True)
def test_a_search_is_kept_until_the_content_or_the_index_changes(home, search_engine, client):
    """A search without filters is summarised once per content generation (count, facets,
    page of results: ``search.engine._kept_summary``); every change shows at once, and so
    does the search index written on its own, as a task worker or update_index writes it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from hub import cache as page_cache

    page_cache.new_generation()
    make_standard_page(home, "Village workshop", "A workshop in the village hall.")
    make_standard_page(home, "Harbour workshop", "A workshop by the sea.")

    def search(word):
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/en/search/", {"q": word}).text
        ranked = any("AS MATERIALIZED" in q["sql"] for q in queries.captured_queries)
        return sorted(result_titles(html)), ranked

    sqlite = connection.vendor == "sqlite"  # PostgreSQL ranks its own way, never kept
    assert search("workshop") == (["Harbour workshop", "Village workshop"], sqlite)
    assert search("workshop") == (["Harbour workshop", "Village workshop"], False)

    third = make_standard_page(home, "Mountain workshop", "A workshop in the hills.")
    assert search("workshop")[0] == ["Harbour workshop", "Mountain workshop", "Village workshop"]
    third.unpublish()
    assert search("workshop")[0] == ["Harbour workshop", "Village workshop"]
    harbour = StandardPage.objects.get(title="Harbour workshop")
    PageViewRestriction.objects.create(
        page=harbour, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert search("workshop")[0] == ["Village workshop"]

    # The index written after the page, without a save: found at once all the same.
    assert search("bakery")[0] == []
    village = StandardPage.objects.get(title="Village workshop")
    StandardPage.objects.filter(pk=village.pk).update(introduction="A bakery turned workshop.")
    get_search_backend().add(StandardPage.objects.get(pk=village.pk))
    assert search("bakery")[0] == ["Village workshop"]
