"""Query budgets: every page type and open-data URL renders in at most BUDGET queries,
uncached, and in the same number with a small and a larger hub.

Each URL is requested once to warm the per-process caches (renditions, content types)
and then counted. The hub then grows (more case studies with images, themes, regions,
relations and tools; translations and untranslated aliases; more guides and tools) and
every URL is counted again: a count that grows with the content is an N+1.
"""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from hub import cache as page_cache
from hub import sitewide
from tests.casestudies.builders import case_study_index, synchronised
from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyGalleryImageFactory,
    CaseStudyPageFactory,
    CaseStudyRelationFactory,
    CaseStudyToolFactory,
    CountryContactFactory,
    CountryFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    GuidePageFactory,
    RegionFactory,
    StandardPageFactory,
    ThemeFactory,
    ToolkitIndexPageFactory,
    ToolPageFactory,
    translate_page,
)

BUDGET = 15


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class Hub:
    """A small hub that can grow, and the URLs of each kind of page in it."""

    def __init__(self, home):
        self.home = home
        self.france = CountryFactory(code="FR", name="France")
        self.region = RegionFactory(name="Provence", country=self.france)
        self.themes = [ThemeFactory(slug=f"theme-{n}", name=f"Theme {n}") for n in range(3)]
        self.images = [wagtail_factories.ImageFactory() for _ in range(3)]
        self.standard = StandardPageFactory(parent=home, title="About the network")
        self.index = case_study_index(home)
        self.toolkit = ToolkitIndexPageFactory(parent=home)
        self.countries = CountryIndexPageFactory(parent=home)
        self.profile = CountryProfilePageFactory(parent=self.countries, country=self.france)
        CountryContactFactory(page=self.profile)
        self.tools = []
        self.guides = []
        self.cases = []
        self.grow(cases=3, guides=1, tools=2, synchronise=1)
        first = self.cases[0]
        CaseStudyContactFactory(page=first)
        CaseStudyGalleryImageFactory(page=first, image=self.images[1])
        self.french = Locale.objects.get(language_code="fr")
        # One real translation (the rest of the French tree is made of aliases).
        translate_page(self.cases[1], self.french, "Pôle rural traduit")

    def grow(self, *, cases, guides, tools, synchronise):
        start = len(self.cases)
        for _ in range(tools):
            self.tools.append(ToolPageFactory(parent=self.toolkit))
        for _ in range(guides):
            self.guides.append(GuidePageFactory(parent=self.toolkit))
        for number in range(start, start + cases):
            page = CaseStudyPageFactory(
                parent=self.index,
                title=f"Case {number:03d}",
                hero_image=self.images[number % len(self.images)],
                themes=self.themes[: 1 + number % len(self.themes)],
                country=self.france,
                region=self.region,
            )
            for target in self.cases[-2:]:
                CaseStudyRelationFactory(page=page, target=target)
            CaseStudyToolFactory(page=page, tool=self.tools[number % len(self.tools)])
            self.cases.append(page)
        for page in self.cases[start : start + synchronise]:
            synchronised(page)

    def urls(self) -> dict[str, str]:
        first, alias = self.cases[0], self.cases[0].get_translation(self.french)
        compare = "&".join(f"case={page.pk}" for page in self.cases[:3])
        filters = "?country=FR&theme=theme-0"
        index = self.index.url
        return {
            "home": "/en/",
            "standard page": self.standard.url,
            "finder": index,
            "finder, filtered": index + filters,
            "finder, page 2": index + "?page=2",
            "case study": first.url,
            "case study, French alias": alias.url,
            "comparison": f"{index}compare/?{compare}",
            "toolkit index": self.toolkit.url,
            "guide": self.guides[0].url,
            "tool": self.tools[0].url,
            "country index": self.countries.url,
            "country profile": self.profile.url,
            "api": "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=en",
            "sitemap index": "/sitemap.xml",
            "sitemap section": "/sitemap-pages.xml?p=1",
            "csv export": index + "export.csv" + filters,
            "json export": index + "export.json",
            "geojson export": index + "export.geojson",
            "map markers": index + "markers.json",
            "rss feed": "/en/feeds/rss.xml",
            "atom feed": "/en/feeds/atom.xml",
        }


def count_queries(client, url) -> int:
    client.get(url)  # warm-up: renditions and per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def counts(client, urls) -> dict[str, int]:
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_every_page_type_keeps_its_query_budget_as_the_hub_grows(client, home):
    hub = Hub(home)
    small = counts(client, hub.urls())
    hub.grow(cases=30, guides=4, tools=4, synchronise=6)
    large = counts(client, hub.urls())

    print("queries (small hub, larger hub):")
    for name in small:
        print(f"  {name}: {small[name]}, {large[name]}")
    assert {name: n for name, n in large.items() if n > BUDGET} == {}
    assert large == small


def test_the_first_view_after_a_change_keeps_the_budget_too(client, home):
    """Once content has changed (a generation exists), each process keeps the site-wide
    values (hub.sitewide: the site, the homes, the menu, the restrictions, the small
    tables, the finder's counts) until the next change. The first view of each page after
    a change reads them all again: it too keeps the budget, at both sizes."""
    hub = Hub(home)
    page_cache.new_generation()

    def after_a_change(urls):
        found = {}
        for name, url in urls.items():
            client.get(url)  # warm-up: renditions and per-process caches
            sitewide.forget()  # what any change does
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            assert response.status_code == 200, url
            found[name] = len(queries)
        return found

    small = after_a_change(hub.urls())
    hub.grow(cases=30, guides=4, tools=4, synchronise=6)
    large = after_a_change(hub.urls())

    print("queries after a change (small hub, larger hub):")
    for name in small:
        print(f"  {name}: {small[name]}, {large[name]}")
    assert {name: n for name, n in large.items() if n > BUDGET} == {}
    assert large == small


def test_the_exports_and_markers_read_no_row_twice(client, home):
    """Exports and markers stream from one query whatever the number of rows."""
    hub = Hub(home)
    urls = {name: url for name, url in hub.urls().items() if "export" in name or "map" in name}
    small = counts(client, urls)
    hub.grow(cases=20, guides=0, tools=0, synchronise=0)
    assert counts(client, urls) == small


def test_search_keeps_its_query_count_as_the_hub_grows(client, home):
    """One full-text match for the results, one for the facets' ids, each facet counted
    and labelled in one query for every page type declaring it; the results fetched with
    one query per page type among them. Nothing grows with the number of pages."""
    hub = Hub(home)
    url = "/en/search/?q=case"
    small, small_types = count_queries(client, url), result_types("case")
    hub.grow(cases=30, guides=4, tools=4, synchronise=6)
    large, large_types = count_queries(client, url), result_types("case")
    print(f"search: {small} queries ({small_types} result types), then {large} ({large_types})")
    assert large - large_types == small - small_types
    assert large <= BUDGET


def result_types(query: str) -> int:
    """How many page types the first page of results shows (one query each)."""
    from search.engine import search
    from search.facets import Filters

    with translation.override("en"):
        outcome = search(query, "en", Filters())
    return len({type(page) for page in outcome.page.object_list})
