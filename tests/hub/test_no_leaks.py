"""Drafts, unpublished and private pages never show in public pages, navigation,
the language switcher or hreflang links."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.casestudies.builders import map_markers
from tests.factories import StandardPageFactory, translate_page


def _about(home, **kwargs):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", show_in_menus=True, **kwargs
    )
    create_aliases_for_new_page(page)
    return page


def _header(html):
    return html.split("</header>", 1)[0]


def test_a_draft_page_is_nowhere(home, client):
    StandardPageFactory(
        parent=home, title="Secret plans", slug="secret", live=False, show_in_menus=True
    )
    assert "Secret plans" not in client.get("/en/").text
    assert client.get("/en/secret/").status_code == 404


def test_draft_changes_stay_out_of_the_live_page_and_menu(home, client):
    page = _about(home)
    page.title = "DRAFT TITLE"
    page.introduction = "DRAFT TEXT"
    page.save_revision()  # saved, not published
    html = client.get("/en/about/").text
    assert "About us" in html
    assert "DRAFT" not in html
    assert "DRAFT" not in client.get("/en/").text


def test_an_unpublished_page_is_nowhere(home, client):
    page = _about(home)
    assert "About us" in _header(client.get("/en/").text)
    page.unpublish()
    assert "About us" not in client.get("/en/").text
    assert client.get("/en/about/").status_code == 404


def test_a_private_page_is_not_in_the_menu_and_shows_no_content(home, client):
    page = _about(home, introduction="Board minutes and budgets.")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert "About us" not in _header(client.get("/en/").text)
    response = client.get("/en/about/")
    assert "Board minutes" not in response.text
    assert "password" in response.text.lower()


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_a_hidden_translation_is_not_linked_from_its_source(home, locales, client, how):
    page = _about(home)
    french = translate_page(page, locales["fr"], "À propos")
    if how == "unpublished":
        french.unpublish()
    else:
        PageViewRestriction.objects.create(page=french, restriction_type="login")
    html = client.get("/en/about/").text
    assert 'hreflang="fr" href=' not in html  # no <link rel="alternate">
    assert "/fr/about/" not in html  # neither in the switcher
    assert 'href="/fr/?notice=untranslated" lang="fr"' in html
    # The public translations are still linked.
    assert '<link rel="alternate" hreflang="en"' in html


def test_a_private_source_keeps_its_untranslated_aliases_out_of_sight(home, client):
    page = _about(home)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    html = client.get("/fr/").text
    assert "About us" not in _header(html)


def test_an_untranslated_alias_of_a_private_page_is_private_too(home, client, locales):
    page = _about(home, introduction="Board minutes and budgets.")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for code in ["fr", "it", "es", "el", "hr"]:
        alias = page.get_translation(locales[code])
        assert alias.alias_of_id == page.pk
        assert "Board minutes" not in client.get(alias.url).text
    restriction.delete()
    assert "Board minutes" in client.get("/fr/about/").text


def test_aliases_created_after_the_restriction_are_private_too(home, client):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", introduction="Board minutes."
    )
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    create_aliases_for_new_page(page)
    assert "Board minutes" not in client.get("/hr/about/").text
    assert client.get("/hr/about/").status_code == 302  # to the login page


# ---- Search, the finder, its map, its exports and the comparison -----------------------

HIDDEN = {
    "draft": "Draft lighthouse hub",
    "unpublished": "Closed lighthouse hub",
    "password": "Password lighthouse hub",
    "login": "Members lighthouse hub",
}
VISIBLE = "Public lighthouse hub"


@pytest.fixture
def lighthouses(home, taxonomy):
    """A public case study and four hidden ones, with their aliases in every language."""
    from casestudies.models import CaseStudyPage
    from hub.models import Country, SpaceType, Theme
    from tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    def en(model, **lookup):
        return model.objects.get(locale__language_code="en", **lookup)

    index = CaseStudyIndexPageFactory(parent=home, title="Case studies", slug="case-studies")
    create_aliases_for_new_page(index)
    pages = {}
    for key, title in [("visible", VISIBLE), *HIDDEN.items()]:
        page = CaseStudyPageFactory(
            parent=index,
            title=title,
            slug=key,
            live=key != "draft",
            country=en(Country, code="FR"),
            space_type=en(SpaceType, slug="coworking"),
            themes=[en(Theme, slug="rural-revitalisation")],
        )
        create_aliases_for_new_page(page)
        pages[key] = page
    pages["unpublished"].unpublish()
    PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    PageViewRestriction.objects.create(page=pages["login"], restriction_type="login")
    # Every language has the five, as aliases of the English ones.
    assert CaseStudyPage.objects.filter(locale__language_code="fr").count() == 5
    return pages


def _unmarked(html):
    """The search page without its highlights (``<mark>``), so titles read whole."""
    return re.sub(r"</?mark>", "", html)


def _assert_hidden(text, where):
    for key, title in HIDDEN.items():
        assert title not in text, (key, where)


@pytest.mark.parametrize("code", ["en", "fr"])
def test_hidden_case_studies_are_not_found_by_the_search(lighthouses, client, code):
    search = _unmarked(client.get(f"/{code}/search/", {"q": "lighthouse", "other": "1"}).text)
    autocomplete = client.get(f"/{code}/search/autocomplete/", {"q": "lighthouse"}).json()
    # The public one is found (in English; from French, among the other languages).
    assert VISIBLE in search
    _assert_hidden(search, "search")
    titles = [result["title"] for result in autocomplete["results"]]
    if code == "en":
        assert titles == [VISIBLE]
    _assert_hidden(" ".join(titles), "autocomplete")


def test_promoting_a_hidden_case_study_does_not_show_it(lighthouses, client):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get("lighthouse")
    for order, page in enumerate(lighthouses.values()):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    for code in ["en", "fr"]:
        html = _unmarked(client.get(f"/{code}/search/", {"q": "lighthouse"}).text)
        assert VISIBLE in html.split('class="search-promotions"', 1)[1]
        _assert_hidden(html, f"promotions in {code}")


@pytest.mark.parametrize("code", ["en", "fr"])
def test_hidden_case_studies_are_not_in_the_finder_its_map_or_the_home_map(
    lighthouses, client, code
):
    finder = client.get(f"/{code}/case-studies/")
    assert finder.status_code == 200
    assert VISIBLE in finder.text
    _assert_hidden(finder.text, "finder")
    markers = map_markers(BeautifulSoup(finder.content, "html.parser"), "finder-map", client)
    assert [marker["title"] for marker in markers] == [VISIBLE]
    home_page = client.get(f"/{code}/")
    _assert_hidden(home_page.text, "home page")
    home_markers = map_markers(
        BeautifulSoup(home_page.content, "html.parser"), "map-case-studies", client
    )
    assert [marker["title"] for marker in home_markers] == [VISIBLE]


@pytest.mark.parametrize("extension", ["csv", "json", "geojson"])
def test_hidden_case_studies_are_not_exported(lighthouses, client, extension):
    english = b"".join(client.get(f"/en/case-studies/export.{extension}").streaming_content)
    assert VISIBLE.encode() in english
    _assert_hidden(english.decode("utf-8-sig"), f"{extension} export")
    french = b"".join(client.get(f"/fr/case-studies/export.{extension}").streaming_content)
    _assert_hidden(french.decode("utf-8-sig"), f"French {extension} export")


@pytest.mark.parametrize("code", ["en", "fr"])
@pytest.mark.parametrize("key", list(HIDDEN))
def test_hidden_case_studies_cannot_be_compared(lighthouses, locales, client, code, key):
    visible = lighthouses["visible"].get_translation(locales[code])
    hidden = lighthouses[key].get_translation(locales[code])
    response = client.get(f"/{code}/case-studies/compare/", {"case": [visible.pk, hidden.pk]})
    assert response.status_code == 200
    assert "compare-table" not in response.text
    _assert_hidden(response.text, "comparison")


@pytest.mark.parametrize("code", ["en", "fr"])
def test_hidden_case_studies_are_not_on_the_country_profile(lighthouses, home, client, code):
    """The profile's cards, its count of spaces and its tools leave out drafts and
    unpublished, password- and login-protected case studies, in every language."""
    from hub.models import Country
    from tests.factories import CountryIndexPageFactory, CountryProfilePageFactory

    france = Country.objects.get(locale__language_code="en", code="FR")
    countries = CountryIndexPageFactory(parent=home, slug="countries")
    create_aliases_for_new_page(countries)
    profile = CountryProfilePageFactory(parent=countries, country=france, slug="france")
    create_aliases_for_new_page(profile)
    response = client.get(f"/{code}/countries/france/")
    assert response.status_code == 200
    text = response.text
    assert VISIBLE in text
    _assert_hidden(text, "country profile")
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".card__title")) == 1
    assert soup.select_one(".lead").get_text(strip=True).startswith("1 ")
