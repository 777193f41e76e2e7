"""Case studies in API v2 (key facts with stable identifiers) and in the language feeds."""

from defusedxml import ElementTree as ET

FIELDS = "city,country,region,space_type,themes,latitude,longitude,year_founded,desks,key_figures"


def test_api_exposes_the_key_facts_of_case_studies(client, catalogue):
    data = client.get(
        "/api/v2/pages/",
        {"type": "casestudies.CaseStudyPage", "locale": "en", "fields": FIELDS},
    ).json()
    by_title = {item["title"]: item for item in data["items"]}
    assert set(by_title) == {
        "Olive mill coworking",
        "Old factory fab lab",
        "Naples social hub",
        "Volos maker space",
    }
    mill = by_title["Olive mill coworking"]
    assert mill["country"] == {"code": "FR", "name": "France"}
    assert mill["region"] == {"name": "Provence"}
    assert mill["space_type"]["slug"] == "rural-hub"
    assert {theme["slug"] for theme in mill["themes"]} == {
        "rural-revitalisation",
        "community-building",
    }
    assert (mill["latitude"], mill["longitude"]) == (43.96, 5.78)
    assert mill["desks"] == 24
    assert by_title["Naples social hub"]["region"] is None


def test_api_detail_shows_key_figures(client, index):
    from tests.casestudies.builders import full_case_study

    page = full_case_study(index, title="Figures")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["key_figures"][0] == {
        "value": 42.0,
        "unit": "",
        "label": "regular members",
        "year": 2024,
        "source": "",
    }
    assert data["licence"] == "CC-BY-4.0"


def test_new_case_studies_are_in_the_feeds(client, catalogue):
    root = ET.fromstring(client.get("/en/feeds/rss.xml").content)
    titles = {item.findtext("title") for item in root.iter("item")}
    assert "Volos maker space" in titles
    # Untranslated aliases are not news in Greek.
    greek = ET.fromstring(client.get("/el/feeds/rss.xml").content)
    assert not list(greek.iter("item"))
