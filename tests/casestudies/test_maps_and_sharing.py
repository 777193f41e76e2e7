"""Maps on the home page, country profiles and case studies; sharing metadata; citations."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from casestudies.citation import bibtex_escape
from hub.models import Country
from tests.factories import CountryIndexPageFactory, CountryProfilePageFactory

from .builders import map_markers


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_maps_every_case_study_of_its_language(client, catalogue):
    response = client.get("/en/")
    page = soup(response)
    # Markers are loaded by the map, not written into the page.
    assert not page.find("script", id="map-case-studies-data")
    markers = map_markers(page, "map-case-studies", client)
    assert len(markers) == 4
    assert {m["code"] for m in markers} == {"FR", "IT", "GR"}
    assert page.find("script", src=lambda s: s and "vendor/leaflet/leaflet.js" in s)
    assert page.find("script", src=lambda s: s and "markercluster" in s)
    # The Greek home maps the same spaces (not yet translated) with Greek country names.
    greek = map_markers(soup(client.get("/el/")), "map-case-studies", client)
    assert {m["country"] for m in greek} == {"Γαλλία", "Ιταλία", "Ελλάδα"}
    assert all(m["url"].startswith("/el/case-studies/") for m in greek)


def test_country_profile_maps_its_country_only(client, home, catalogue):
    france = Country.objects.get(code="FR", locale__language_code="en")
    profile = CountryProfilePageFactory(parent=CountryIndexPageFactory(parent=home), country=france)
    page = soup(client.get(profile.url))
    assert page.find(id="map-country-fr")["data-map-source"] == (
        "/en/case-studies/markers.json?country=FR"
    )
    markers = map_markers(page, "map-country-fr", client)
    assert sorted(m["title"] for m in markers) == ["Old factory fab lab", "Olive mill coworking"]


def test_the_finder_map_loads_the_markers_of_its_filters(client, catalogue):
    page = soup(client.get("/en/case-studies/?country=FR&sort=title"))
    container = page.find(id="finder-map")
    assert container["data-map-source"] == "/en/case-studies/markers.json?country=FR"
    markers = map_markers(page, "finder-map", client)
    assert sorted(m["title"] for m in markers) == ["Old factory fab lab", "Olive mill coworking"]
    assert all(m["url"].startswith("/en/case-studies/") for m in markers)
    # No case study matches: no map, the list says so.
    page = soup(client.get("/en/case-studies/?country=FR&theme=unknown&from=1800&to=1801"))
    assert page.find(id="finder-map") is None


def test_case_study_shows_its_point_facts_and_citation(client, catalogue):
    mill = catalogue["mill"]
    page = soup(client.get(mill.url))
    [point] = map_markers(page, f"map-case-{mill.pk}")
    assert (point["lat"], point["lon"]) == (43.96, 5.78)
    assert page.find(id=f"map-case-{mill.pk}")["data-map-single"] == "true"
    cite = page.select_one(".cite")
    text = cite.select_one(".cite__text").get_text()
    assert "Olive mill coworking" in text
    assert "http://testserver/en/case-studies/olive-mill/" in text
    assert "CoWorkMed Hub" in text
    bibtex = cite.select_one(".cite__bibtex code").get_text()
    assert bibtex.startswith("@misc{coworkmed-olive-mill-")
    assert "url = {http://testserver/en/case-studies/olive-mill/}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_bibtex_escapes_special_characters():
    assert bibtex_escape("R&D 100% {open}_lab") == r"R\&D 100\% \{open\}\_lab"


def test_map_tile_url_is_configurable(client, catalogue):
    page = soup(client.get("/en/case-studies/"))
    assert not page.find(id="finder-map").has_attr("data-map-tile-url")
    with override_settings(
        MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="© Us"
    ):
        page = soup(client.get("/en/case-studies/"))
    container = page.find(id="finder-map")
    assert container["data-map-tile-url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert container["data-map-tile-attribution"] == "© Us"


@pytest.mark.parametrize("path", ["/en/", "/en/case-studies/", "/el/case-studies/olive-mill/"])
def test_every_page_has_open_graph_and_twitter_metadata(client, catalogue, path):
    page = soup(client.get(path))

    def meta(key):
        tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
        return tag["content"] if tag else None

    assert meta("og:title")
    assert meta("og:description")
    assert meta("og:url").startswith("http://testserver/")
    assert meta("og:site_name") == "CoWorkMed Hub"
    assert meta("og:locale")
    assert meta("twitter:card") in {"summary", "summary_large_image"}
    assert page.find("link", rel="canonical")["href"] == meta("og:url")


def test_case_study_with_an_image_shares_a_fixed_size_rendition(client, catalogue):
    from wagtail_factories import ImageFactory

    mill = catalogue["mill"]
    mill.hero_image = ImageFactory(file__width=2000, file__height=1400)
    mill.save_revision().publish()
    page = soup(client.get(mill.url))
    image = page.find("meta", attrs={"property": "og:image"})["content"]
    assert image.startswith("http://testserver/")
    assert page.find("meta", attrs={"property": "og:image:width"})["content"] == "1200"
    assert page.find("meta", attrs={"property": "og:image:height"})["content"] == "630"
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    # The hero is a responsive picture with modern formats and a fallback, sized.
    picture = page.select_one(".case-study__hero picture")
    types = {source["type"] for source in picture.find_all("source")}
    assert types == {"image/avif", "image/webp"}
    img = picture.find("img")
    assert img["width"] and img["height"]


def test_greek_case_study_locale_and_alternates(client, catalogue):
    page = soup(client.get("/el/case-studies/olive-mill/"))
    assert page.find("meta", attrs={"property": "og:locale"})["content"] == "el_GR"
