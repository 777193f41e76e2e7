"""Open-data exports: CSV, JSON and GeoJSON parse back, follow the filters and the language."""

import csv
import io
import json

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from casestudies.exports import COLUMNS
from tests.factories import CaseStudyPageFactory

BASE = "/en/case-studies/"


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_export_follows_the_filters_with_english_headers(client, catalogue):
    response = client.get(BASE + "export.csv", {"country": "FR", "sort": "title"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="coworkmed-case-studies-en.csv"' in response["Content-Disposition"]
    assert 'rel="license"' in response["Link"]
    rows = read_csv(response)
    assert [row["Title"] for row in rows] == ["Old factory fab lab", "Olive mill coworking"]
    mill = rows[1]
    assert mill["Country code"] == "FR"
    assert mill["Country"] == "France"
    assert mill["Region"] == "Provence"
    assert mill["Themes (identifiers)"] == "community-building; rural-revitalisation"
    assert mill["Web address"] == "http://testserver/en/case-studies/olive-mill/"
    assert float(mill["Latitude"]) == pytest.approx(43.96)
    assert mill["Licence"].startswith("Creative Commons Attribution 4.0")
    assert mill["Attribution"] == "CoWorkMed Hub"


def test_json_export_carries_licence_attribution_and_filters(client, catalogue):
    response = client.get(BASE + "export.json", {"theme": "community-building"})
    data = json.loads(body(response))
    assert data["attribution"] == "CoWorkMed Hub"
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["filters"]["theme"] == ["community-building"]
    assert sorted(case["title"] for case in data["case_studies"]) == [
        "Naples social hub",
        "Olive mill coworking",
    ]
    naples = next(c for c in data["case_studies"] if c["title"] == "Naples social hub")
    assert naples["theme_slugs"] == ["community-building", "social-economy"]
    assert naples["desks"] == 8
    assert naples["language"] == "en"


def test_geojson_export_has_valid_points_in_lon_lat_order(client, catalogue):
    response = client.get(BASE + "export.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(body(response))
    assert data["type"] == "FeatureCollection"
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert len(data["features"]) == 4
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
    volos = next(f for f in data["features"] if f["properties"]["title"] == "Volos maker space")
    assert volos["geometry"]["coordinates"] == [22.942, 39.3622]


def test_exports_hold_live_public_pages_of_the_language_only(client, index, catalogue, locales):
    CaseStudyPageFactory(parent=index, title="Draft space", live=False)
    private = CaseStudyPageFactory(parent=index, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    english = [row["Title"] for row in read_csv(client.get(BASE + "export.csv"))]
    assert "Draft space" not in english
    assert "Members only" not in english
    assert len(english) == 4
    # In Greek nothing is translated yet: the aliases of English pages are not exported.
    greek = read_csv(client.get("/el/case-studies/export.csv"))
    assert greek == []


def test_csv_headers_and_names_are_in_the_visitors_language(client, catalogue, locales):
    mill = catalogue["mill"]
    TranslationCreator(user=None, target_locales=[locales["el"]]).create_translations(mill)
    greek_page = mill.get_translation(locales["el"]).specific
    greek_page.title = "Ελαιοτριβείο"
    greek_page.save_revision().publish()
    response = client.get("/el/case-studies/export.csv")
    text = body(response)
    header = next(csv.reader(io.StringIO(text[1:])))
    with translation.override("el"):
        assert header == [str(label) for _key, label in COLUMNS]
    assert response["Content-Language"] == "el"
    rows = list(csv.reader(io.StringIO(text[1:])))[1:]
    assert len(rows) == 1
    assert rows[0][1] == "Ελαιοτριβείο"
    assert rows[0][7] == "Γαλλία"  # the country, named in Greek
    assert rows[0][2] == "http://testserver/el/case-studies/olive-mill/"


def test_bad_filters_still_give_a_complete_export(client, catalogue):
    response = client.get(BASE + "export.json", {"country": "??", "from": "abc", "region": "x"})
    assert response.status_code == 200
    assert len(json.loads(body(response))["case_studies"]) == 4


def test_export_queries_are_bounded_whatever_the_size(
    client, index, catalogue, django_assert_max_num_queries
):
    def count():
        with django_assert_max_num_queries(30) as captured:
            body(client.get(BASE + "export.geojson"))
        return len(captured.captured_queries)

    count()  # warm the per-process caches (site root paths)
    small = count()
    for number in range(40):
        CaseStudyPageFactory(parent=index, title=f"Bulk {number}")
    count()  # the site-wide values are read again after a change (hub/sitewide.py)
    assert count() == small


def test_exports_are_sent_in_bounded_pieces():
    from casestudies.exports import PIECE_SIZE, _pieces

    rows = [f"row {number}," * 40 for number in range(2_000)]
    pieces = list(_pieces(iter(rows)))
    assert "".join(pieces) == "".join(rows)
    assert 1 < len(pieces) < len(rows)
    longest_row = max(len(row) for row in rows)
    assert all(len(piece) < PIECE_SIZE + longest_row for piece in pieces)
    assert list(_pieces(iter([]))) == []
