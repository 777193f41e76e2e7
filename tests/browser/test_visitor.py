"""A visitor's journey in a real browser, the maps, and axe-core on every kind of page.

Home, then the finder; filter by country and theme; open a case study; switch language;
download the CSV. The map draws its markers; axe-core finds no violation on the home
page, the finder, a case study, a guide, a tool, a country profile and the search page,
in English and in Greek.
"""

import csv
import io

import pytest
from wagtail_localize.synctree import create_aliases_for_new_page

from hub.models import Country, SpaceType, Theme
from hub.setup import ensure_taxonomies
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    GuidePageFactory,
    ToolkitIndexPageFactory,
    ToolPageFactory,
)


def _en(model, **lookup):
    return model.objects.get(locale__language_code="en", **lookup)


@pytest.fixture
def content(site):
    """A small hub in the live server's database: every page type a visitor reads."""
    ensure_taxonomies()
    index = CaseStudyIndexPageFactory(
        parent=site, title="Case studies", slug="case-studies", show_in_menus=True
    )
    spaces = [
        ("Olive mill coworking", "olive-mill", "FR", "rural-revitalisation", 43.96, 5.78),
        ("Old factory fab lab", "old-factory", "FR", "urban-regeneration", 43.29, 5.37),
        ("Naples social hub", "naples-hub", "IT", "rural-revitalisation", 40.85, 14.27),
        ("Volos maker space", "volos", "GR", "entrepreneurship", 39.36, 22.94),
    ]
    pages = {}
    for title, slug, code, theme, lat, lon in spaces:
        pages[slug] = CaseStudyPageFactory(
            parent=index,
            title=title,
            slug=slug,
            country=_en(Country, code=code),
            space_type=_en(SpaceType, slug="coworking"),
            themes=[_en(Theme, slug=theme)],
            latitude=lat,
            longitude=lon,
            desks=20,
        )
    toolkit = ToolkitIndexPageFactory(parent=site, show_in_menus=True)
    guide = GuidePageFactory(parent=toolkit, title="Mapping the spaces", slug="mapping")
    tool = ToolPageFactory(parent=toolkit, title="Census survey", slug="census")
    countries = CountryIndexPageFactory(parent=site, title="Countries", slug="countries")
    profile = CountryProfilePageFactory(
        parent=countries, country=_en(Country, code="FR"), slug="france"
    )
    for page in [index, *pages.values(), toolkit, guide, tool, countries, profile]:
        create_aliases_for_new_page(page)
    return {"pages": pages, "guide": guide, "tool": tool, "profile": profile}


def test_visitor_finds_filters_opens_switches_language_and_downloads(content, page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Case studies"
    ).click()
    page.wait_for_url("**/en/case-studies/")
    assert page.locator(".case-list > li").count() == 4

    filters = page.locator("form.finder__filters")
    filters.get_by_label("France").check()
    filters.get_by_label("Rural revitalisation").check()
    filters.get_by_role("button", name="Show case studies").click()
    page.wait_for_url(lambda url: "country=FR" in url and "theme=rural-revitalisation" in url)
    titles = page.locator(".case-list .case-card__title").all_inner_texts()
    assert titles == ["Olive mill coworking"]
    assert page.locator(".finder__count").inner_text() == "1 case study"

    page.get_by_role("link", name="Olive mill coworking").click()
    page.wait_for_url("**/en/case-studies/olive-mill/")
    assert page.get_by_role("heading", level=1).inner_text() == "Olive mill coworking"

    page.get_by_role("link", name="Ελληνικά").click()
    page.wait_for_url("**/el/case-studies/olive-mill/")
    assert page.locator("html").get_attribute("lang") == "el"

    page.goto("/en/case-studies/?country=FR")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "coworkmed-case-studies-en.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert sorted(row["Title"] for row in rows) == ["Old factory fab lab", "Olive mill coworking"]
    assert {row["Country code"] for row in rows} == {"FR"}


def test_maps_draw_their_markers_without_leaving_the_site(content, page):
    page.goto("/en/case-studies/")
    finder_map = page.locator("#finder-map[data-map-marker-count]")
    finder_map.wait_for()
    assert finder_map.get_attribute("data-map-marker-count") == "4"
    assert page.locator("#finder-map .map__marker, #finder-map .map__cluster").count() >= 1
    # A click on a cluster or a marker works with the keyboard too: markers are focusable.
    assert page.locator("#finder-map [role=button][tabindex='0']").count() >= 1

    page.goto("/en/")
    page.locator("#map-case-studies[data-map-marker-count='4']").wait_for()

    page.goto("/en/case-studies/volos/")
    page.locator(".map--single[data-map-marker-count='1'] .map__marker").wait_for()

    page.goto(content["profile"].url)
    page.locator("#map-country-fr[data-map-marker-count='2']").wait_for()


def test_finder_works_without_javascript(content, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/en/case-studies/")
    assert "The map needs JavaScript" in tab.locator("#finder-map").inner_text()
    tab.get_by_label("Italy").check()
    tab.get_by_role("button", name="Show case studies").click()
    assert tab.locator(".case-list .case-card__title").all_inner_texts() == ["Naples social hub"]
    context.close()


def test_compare_two_case_studies_from_the_finder(content, page):
    page.goto("/en/case-studies/?sort=title")
    page.get_by_label("Compare: Naples social hub").check()
    page.get_by_label("Compare: Volos maker space").check()
    page.get_by_role("button", name="Compare the selected case studies").click()
    page.wait_for_url("**/en/case-studies/compare/?case=*")
    headers = page.locator("table.compare-table thead th").all_inner_texts()
    assert headers == ["Naples social hub", "Volos maker space"]


PAGES = {
    "home": lambda content, code: f"/{code}/",
    "finder": lambda content, code: f"/{code}/case-studies/",
    "case study": lambda content, code: f"/{code}/case-studies/olive-mill/",
    "guide": lambda content, code: f"/{code}/toolkit/mapping/",
    "tool": lambda content, code: f"/{code}/toolkit/census/",
    "country profile": lambda content, code: f"/{code}/countries/france/",
    "search": lambda content, code: f"/{code}/search/?q=coworking",
    "comparison": lambda content, code: (
        f"/{code}/case-studies/compare/?case=0"  # the message page
    ),
}


@pytest.mark.parametrize("code", ["en", "el"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_accessibility_violations(content, page, axe, kind, code):
    response = page.goto(PAGES[kind](content, code))
    assert response.status == 200, kind
    assert page.locator("html").get_attribute("lang") == code
    page.wait_for_load_state("load")
    if page.locator("[data-map-markers], [data-map-source]").count():
        page.locator("[data-map-marker-count]").first.wait_for()
    assert axe(page) == []


@pytest.mark.parametrize("width", [320, 1440])
def test_pages_fit_small_and_wide_screens(content, browser, live_server, width):
    """No page scrolls sideways, in English and in Greek (whose labels are longer)."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    for code in ["en", "el"]:
        for kind, path in PAGES.items():
            tab.goto(path(content, code))
            tab.wait_for_load_state("load")
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (kind, code, overflow)
    context.close()
