"""sitemap.xml with hreflang alternates, robots.txt and the read-only API."""

import pytest
from defusedxml import ElementTree as ET
from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import StandardPageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _translate(page, locale, title):
    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    translated = page.get_translation(locale).specific
    translated.title = title
    translated.save_revision().publish()
    return translated


def _sitemap_entries(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for loc in index.findall("s:sitemap/s:loc", NS):
        section = ET.fromstring(client.get(loc.text.replace("http://testserver", "")).content)
        for url in section.findall("s:url", NS):
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
            entries[url.find("s:loc", NS).text] = {
                "lastmod": url.find("s:lastmod", NS).text,
                "alternates": alternates,
            }
    return entries


@pytest.fixture
def translated_page(home, locales):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    _translate(page, locales["fr"], "À propos")
    _translate(page, locales["el"], "Σχετικά")
    return page


def test_sitemap_lists_real_pages_with_alternates_both_ways(client, translated_page):
    entries = _sitemap_entries(client)
    about = {code: f"http://testserver/{code}/about/" for code in ["en", "fr", "el"]}
    for code, url in about.items():
        assert url in entries, code
        alternates = entries[url]["alternates"]
        assert alternates == {**about, "x-default": about["en"]}
        assert entries[url]["lastmod"]
    # Aliases of untranslated pages are not listed: they point to their source.
    assert "http://testserver/it/about/" not in entries
    assert "http://testserver/en/" in entries


def test_sitemap_leaves_out_drafts_and_private_pages(client, home):
    draft = StandardPageFactory(parent=home, title="Draft", slug="draft", live=False)
    private = StandardPageFactory(parent=home, title="Members", slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    entries = _sitemap_entries(client)
    assert not any("/draft/" in url for url in entries)
    assert not any("/members/" in url for url in entries)
    assert draft.pk


def test_sitemap_sections_stay_small(home, django_assert_max_num_queries, client):
    for number in range(30):
        StandardPageFactory(parent=home, title=f"Page {number}", slug=f"page-{number}")
    client.get("/sitemap-pages.xml")
    with django_assert_max_num_queries(12):
        response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text


def test_api_filters_pages_by_locale(client, translated_page):
    data = client.get("/api/v2/pages/", {"locale": "fr"}).json()
    titles = {item["title"] for item in data["items"]}
    assert "À propos" in titles
    assert "About" not in titles


@pytest.mark.parametrize(
    "query",
    [
        {"locale": "xx"},
        {"limit": "abc"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"type": "nope.Nope"},
        {"order": "password"},
        {"search": '"'},
        {"child_of": "abc"},
    ],
)
def test_api_bad_parameters_get_a_clear_client_error(client, home, query):
    response = client.get("/api/v2/pages/", query)
    assert 400 <= response.status_code < 500
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize(
    "path, query",
    [
        ("", {"offset": "99999999999999999999999999"}),
        ("", {"offset": "1000000001"}),
        ("find/", {"id": ""}),
        ("find/", {"id": "abc"}),
        ("find/", {"id": "99999999999999999999999999"}),
    ],
)
def test_api_offsets_and_ids_out_of_range_are_client_errors(client, home, endpoint, path, query):
    response = client.get(f"/api/v2/{endpoint}/{path}", query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_api_large_offset_within_range_is_an_empty_page(client, home):
    response = client.get("/api/v2/pages/", {"offset": "1000000000"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_api_missing_item_is_a_json_404_without_language_redirect(client, home):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_api_hides_drafts(client, home):
    StandardPageFactory(parent=home, title="Secret draft", slug="secret", live=False)
    titles = {item["title"] for item in client.get("/api/v2/pages/").json()["items"]}
    assert "Secret draft" not in titles


def _api_titles(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 50, **params})
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_api_lists_public_live_pages_of_every_language_tree(client, translated_page, home):
    """The API applies Wagtail's visibility rules to each page type's own query: drafts,
    restricted sections and their descendants are left out, in every listing form."""
    StandardPageFactory(parent=home, title="Draft", slug="draft", live=False)
    members = StandardPageFactory(parent=home, title="Members", slug="members")
    StandardPageFactory(parent=members, title="Members news", slug="news")
    PageViewRestriction.objects.create(page=members, restriction_type="password", password="x")
    everything = _api_titles(client)
    standard = _api_titles(client, type="home.StandardPage")
    several = _api_titles(client, type="home.StandardPage,home.HomePage")
    for titles in (everything, standard, several):
        assert {"About", "À propos", "Σχετικά"} <= titles
        assert not titles & {"Draft", "Members", "Members news"}
    assert home.title in everything and home.title in several
    assert home.title not in standard
    detail = client.get(f"/api/v2/pages/{members.pk}/")
    assert detail.status_code == 404


def test_api_answers_a_bad_site_with_a_400(client, home):
    response = client.get("/api/v2/pages/", {"site": "nowhere.example:notaport"})
    assert response.status_code == 400


def test_sitemap_xml_is_the_document_djangos_template_writes(settings):
    """The section's XML is written without the template; it must say the same."""
    import datetime

    from django.template.loader import render_to_string
    from django.utils import timezone

    from hub.sitemaps import urlset_xml

    settings.TIME_ZONE = "Europe/Athens"
    late = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # 2 March in Athens
    urls = [
        {
            "location": "http://testserver/en/a&b/",
            "lastmod": late,
            "alternates": [
                {"lang_code": "el", "location": "http://testserver/el/%CE%B1/"},
                {"lang_code": "x-default", "location": "http://testserver/en/a&b/"},
            ],
        },
        {"location": "http://testserver/en/c/", "lastmod": datetime.date(2025, 1, 2)},
        {"location": "http://testserver/en/d/", "lastmod": None, "alternates": []},
    ]
    with timezone.override("Europe/Athens"):
        expected = render_to_string("sitemap.xml", {"urlset": urls})
        written = urlset_xml(urls)
    assert [ET.tostring(url) for url in ET.fromstring(written)] == [
        ET.tostring(url) for url in ET.fromstring(expected)
    ]
    assert "<lastmod>2026-03-02</lastmod>" in written
    assert "a&amp;b" in written
