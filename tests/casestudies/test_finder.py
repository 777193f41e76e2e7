"""The case-study finder: filters with counts, shareable URLs, sorting, paging, bad input."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from hub.models import Theme
from tests.casestudies.builders import case_study_index_elsewhere
from tests.casestudies.conftest import en
from tests.factories import CaseStudyPageFactory

URL = "/en/case-studies/"


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".case-list .case-card__title a")]


def facet_counts(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    counts = {}
    for box in soup.select(f'input[type=checkbox][name="{name}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        counts[box["value"]] = int(re.search(r"\((\d+)\)", label.get_text()).group(1))
    return counts


def checked(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    return {box["value"] for box in soup.select(f'input[name="{name}"][checked]')}


def test_finder_lists_every_case_study_with_facet_counts(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        ["Olive mill coworking", "Old factory fab lab", "Naples social hub", "Volos maker space"]
    )
    assert facet_counts(response, "country") == {"FR": 2, "IT": 1, "GR": 1}
    assert facet_counts(response, "theme")["community-building"] == 2
    assert facet_counts(response, "type") == {"rural-hub": 1, "fab-lab": 2, "coworking": 1}
    assert facet_counts(response, "desks") == {"1-10": 1, "11-30": 1, "81-plus": 1}


def test_filters_combine_and_across_facets_or_within_one(client, catalogue):
    both = client.get(URL, {"country": ["FR", "IT"]})
    assert len(titles(both)) == 3
    fab_labs_in_france = client.get(URL, {"country": "FR", "type": "fab-lab"})
    assert titles(fab_labs_in_france) == ["Old factory fab lab"]
    community = client.get(URL, {"theme": "community-building", "country": "IT"})
    assert titles(community) == ["Naples social hub"]
    # Counts are disjunctive: the country facet still shows what ticking Greece would add.
    assert facet_counts(fab_labs_in_france, "country") == {"FR": 1, "GR": 1}


def test_region_years_and_size_bands(client, catalogue):
    region = catalogue["provence"]
    assert titles(client.get(URL, {"region": region.pk})) == ["Olive mill coworking"]
    assert sorted(titles(client.get(URL, {"from": "2015"}))) == [
        "Naples social hub",
        "Olive mill coworking",
    ]
    assert titles(client.get(URL, {"from": "2011", "to": "2017"})) == ["Olive mill coworking"]
    # A reversed range is read the right way round.
    assert titles(client.get(URL, {"from": "2017", "to": "2011"})) == ["Olive mill coworking"]
    assert titles(client.get(URL, {"surface": "1000-plus"})) == ["Old factory fab lab"]
    assert sorted(titles(client.get(URL, {"desks": ["1-10", "11-30"]}))) == [
        "Naples social hub",
        "Olive mill coworking",
    ]


def test_filters_are_kept_in_the_form_and_the_shareable_links(client, catalogue):
    response = client.get(URL, {"country": "fr", "theme": "community-building", "sort": "title"})
    assert checked(response, "country") == {"FR"}
    assert checked(response, "theme") == {"community-building"}
    soup = BeautifulSoup(response.content, "html.parser")
    exports = [a["href"] for a in soup.select(".open-data__links a")]
    assert exports[0] == (
        "/en/case-studies/export.csv?country=FR&theme=community-building&sort=title"
    )
    chips = [a["href"] for a in soup.select(".chips a")]
    assert "/en/case-studies/?theme=community-building&sort=title" in chips


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"country": "FRA"},
        {"theme": "no-such-theme"},
        {"theme": "<script>"},
        {"type": "Fab Lab"},
        {"region": "abc"},
        {"region": "99999999"},
        {"region": "1" * 40},
        {"desks": "huge"},
        {"from": "year", "to": "-5"},
        {"from": "99999"},
        {"sort": "password"},
        {"page": "x"},
        {"page": "99999"},
        {"theme": "a" * 5000},
    ],
)
def test_unknown_or_malformed_values_are_ignored(client, catalogue, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    if "page" not in query:
        assert len(titles(response)) == 4


def test_sorting_by_title_newest_and_founding_year(client, catalogue):
    assert titles(client.get(URL, {"sort": "title"})) == [
        "Naples social hub",
        "Old factory fab lab",
        "Olive mill coworking",
        "Volos maker space",
    ]
    assert titles(client.get(URL, {"sort": "newest"}))[0] == "Volos maker space"
    assert titles(client.get(URL, {"sort": "founded"})) == [
        "Naples social hub",
        "Olive mill coworking",
        "Old factory fab lab",
        "Volos maker space",
    ]


def test_pagination_keeps_the_filters(client, index, catalogue):
    for number in range(14):
        CaseStudyPageFactory(parent=index, title=f"Extra space {number:02}", year_founded=2001)
    response = client.get(URL, {"from": "2000", "to": "2005", "sort": "title"})
    assert len(titles(response)) == 12
    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "from=2000" in next_link and "sort=title" in next_link
    second = client.get(URL + next_link)
    assert titles(second) == ["Extra space 12", "Extra space 13"]


def test_map_and_list_show_the_same_filtered_set(client, catalogue):
    response = client.get(URL, {"type": "fab-lab"})
    soup = BeautifulSoup(response.content, "html.parser")
    # The map loads its markers with the list's filters; the page holds none.
    assert not soup.find("script", id="finder-map-data")
    source = soup.select_one("#finder-map")["data-map-source"]
    assert source == "/en/case-studies/markers.json?type=fab-lab"
    data = json.loads(b"".join(client.get(source).streaming_content))
    markers = [dict(zip(data["fields"], row, strict=True)) for row in data["markers"]]
    assert sorted(marker["title"] for marker in markers) == sorted(titles(response))
    volos = next(marker for marker in markers if marker["title"] == "Volos maker space")
    assert data["base"] + volos["slug"] + "/" == "/en/case-studies/volos/"
    assert data["countries"][volos["code"]] == "Greece"
    assert (volos["lat"], volos["lon"]) == (39.3622, 22.942)


def test_no_result_gives_a_way_back(client, catalogue):
    response = client.get(URL, {"country": "IT", "type": "fab-lab"})
    assert titles(response) == []
    assert "No case study matches all these filters." in response.text
    assert not BeautifulSoup(response.content, "html.parser").find(id="finder-map")


def test_finder_in_greek_names_terms_in_greek_and_accepts_the_same_url(client, catalogue):
    response = client.get("/el/case-studies/", {"country": "GR"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    label = soup.find("label", attrs={"for": "f-country-GR"}).get_text()
    assert "Ελλάδα" in label
    assert len(soup.select(".case-list > li")) == 1


def test_finder_query_count_does_not_grow_with_the_catalogue(
    client, index, catalogue, django_assert_max_num_queries
):
    client.get(URL)
    with django_assert_max_num_queries(40) as small:
        client.get(URL, {"country": "FR", "theme": "community-building"})
    small_count = len(small.captured_queries)  # the next request clears Django's query log
    for number in range(30):
        CaseStudyPageFactory(parent=index, title=f"More {number}", year_founded=2012)
    client.get(URL)  # the site-wide values are read again after a change (hub/sitewide.py)
    with django_assert_max_num_queries(small_count) as large:
        client.get(URL, {"country": "FR", "theme": "community-building"})
    assert len(large.captured_queries) == small_count


def _expected_summary(index, query):
    """The finder's numbers counted one case study at a time, in Python: the reference the
    grouped query of ``Finder.summary`` must match (disjunctive counts, total, years)."""
    from casestudies.finder import DESK_BANDS, SURFACE_BANDS
    from casestudies.models import CaseStudyPage

    def band(bands, size):
        if size is None:
            return None
        return next(
            (
                b.key
                for b in bands
                if (b.low is None or size >= b.low) and (b.high is None or size <= b.high)
            ),
            None,
        )

    cases = []
    for page in CaseStudyPage.objects.live().child_of(index).prefetch_related("themes"):
        cases.append(
            {
                "country": {page.country.code},
                "region": {page.region.translation_key} if page.region else set(),
                "theme": {theme.slug for theme in page.themes.all()},
                "type": {page.space_type.slug},
                "desks": {band(DESK_BANDS, page.desks)} - {None},
                "surface": {band(SURFACE_BANDS, page.surface_m2)} - {None},
                "year": page.year_founded,
            }
        )
    chosen = {
        "country": set(query.get("country", [])),
        "region": set(query.get("region", [])),
        "theme": set(query.get("theme", [])),
        "type": set(query.get("type", [])),
        "desks": set(query.get("desks", [])),
        "surface": set(query.get("surface", [])),
    }
    low, high = query.get("from"), query.get("to")

    def matches(case, skip=None):
        if low and (case["year"] is None or case["year"] < low):
            return False
        if high and (case["year"] is None or case["year"] > high):
            return False
        return all(
            not values or name == skip or case[name] & values for name, values in chosen.items()
        )

    counts = {}
    for name in chosen:
        for case in cases:
            if matches(case, skip=name):
                for value in case[name]:
                    counts[(name, value)] = counts.get((name, value), 0) + 1
    years = [case["year"] for case in cases if case["year"] is not None]
    return {
        "total": sum(1 for case in cases if matches(case)),
        "low": min(years, default=None),
        "high": max(years, default=None),
        "counts": counts,
    }


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"country": ["FR"]},
        {"country": ["FR", "IT"]},
        {"theme": ["community-building"]},
        {"theme": ["community-building", "rural-revitalisation"]},
        {"country": ["FR"], "type": ["fab-lab"]},
        {"country": ["FR", "GR"], "theme": ["community-building", "entrepreneurship"]},
        {"desks": ["1-10", "81-plus"], "surface": ["1000-plus"]},
        {"desks": ["11-30"], "type": ["rural-hub", "coworking"], "from": 2012},
        {"region": ["provence"], "theme": ["urban-regeneration", "community-building"]},
        {"from": 2011, "to": 2017, "country": ["FR", "IT", "GR"]},
        {"country": ["IT"], "type": ["fab-lab"]},
    ],
)
def test_facet_counts_match_a_count_of_each_case_study(rf, index, catalogue, query):
    from django.http import QueryDict

    from casestudies.finder import Finder

    # Two more: one with two themes a filter may both choose, one without any size.
    CaseStudyPageFactory(
        parent=index,
        title="Two themes",
        country=catalogue["mill"].country,
        region=catalogue["provence"],
        space_type=catalogue["factory"].space_type,
        themes=list(catalogue["mill"].themes.all()),
        desks=0,
        surface_m2=200,
        year_founded=2012,
    )
    CaseStudyPageFactory(
        parent=index,
        title="No size",
        country=catalogue["naples"].country,
        space_type=catalogue["mill"].space_type,
        themes=[],
        desks=None,
        surface_m2=None,
        year_founded=2001,
    )
    if "region" in query:
        query = {**query, "region": [str(catalogue["provence"].pk)]}
    expected_query = {**query}
    if "region" in query:
        expected_query["region"] = [catalogue["provence"].translation_key]
    params = QueryDict(mutable=True)
    for name, values in query.items():
        for value in values if isinstance(values, list) else [values]:
            params.appendlist(name, str(value))
    summary = Finder(index, params).summary
    expected = _expected_summary(index, expected_query)
    assert {key: n for key, n in summary["counts"].items() if n} == expected["counts"]
    assert summary["total"] == expected["total"]
    assert (summary["low"], summary["high"]) == (expected["low"], expected["high"])
    # The list (plain SQL) shows the case studies the map and the exports hold (the ORM),
    # in the same order, whatever the sort.
    for sort in ("newest", "title", "founded"):
        params["sort"] = sort
        finder = Finder(index, params)
        listed = [case.pk for case in finder.cards(0, 1000)]
        assert listed == list(finder.filtered().values_list("pk", flat=True))
        assert len(listed) == expected["total"]


def test_a_renamed_term_shows_at_once_though_the_terms_are_kept(client, catalogue):
    """The finder keeps the taxonomies' terms between requests (hub.sitewide): saving a
    term, a snippet, forgets them."""
    assert "Community building" in client.get(URL).text
    theme = en(Theme, slug="community-building")
    theme.name = "Building communities"
    theme.save()
    response = client.get(URL, {"theme": "community-building"})
    assert checked(response, "theme") == {"community-building"}
    assert "Building communities" in response.text
    assert "Community building" not in response.text


def test_every_page_of_the_newest_first_is_the_orms_order(index, catalogue, home):
    """The first pages of the unfiltered finder, newest first, are read in date order
    from the site's pages (``Finder.cards``), the later ones by sorting the results: both
    give the ORM's order, ties of the date included, and skip other pages and sections."""
    from datetime import timedelta

    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import Page

    from casestudies.finder import Finder
    from tests.factories import make_standard_page

    other_section = case_study_index_elsewhere(home)
    for n in range(20):
        make_standard_page(home, f"Guide {n}", slug=f"guide-{n}")
        CaseStudyPageFactory(parent=other_section, title=f"Elsewhere {n}", slug=f"else-{n}")
        CaseStudyPageFactory(parent=index, title=f"Space {n}", slug=f"space-{n}")
    newest = timezone.now()
    for n, page in enumerate(Page.objects.order_by("pk")):
        # Dates in another order than the keys, with ties.
        Page.objects.filter(pk=page.pk).update(
            first_published_at=newest - timedelta(hours=(n * 7) % 11)
        )
    finder = Finder(index, QueryDict())
    expected = list(finder.filtered().values_list("pk", flat=True))
    assert len(expected) == 24
    for start in range(0, 24, 2):
        with CaptureQueriesContext(connection) as queries:
            shown = [case.pk for case in finder.cards(start, start + 2)]
        assert shown == expected[start : start + 2]
        if start == 0 and connection.vendor == "sqlite":
            assert any("+p.path" in q["sql"] for q in queries.captured_queries)


def test_the_unfiltered_counts_are_kept_and_follow_every_change_at_once(client, catalogue, home):
    """Without a filter the counts are the same for every visitor: they are kept per
    content generation (hub.sitewide), counted again after a publish, an unpublish, a
    move, a deletion or a view restriction, and a filtered view always counts afresh."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from hub import cache as page_cache

    page_cache.new_generation()

    def counted(query=None):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, query or {})
        grouped = any("GROUP BY" in q["sql"] for q in queries.captured_queries)
        return facet_counts(response, "country"), grouped

    assert counted() == ({"FR": 2, "IT": 1, "GR": 1}, True)
    assert counted() == ({"FR": 2, "IT": 1, "GR": 1}, False)  # kept
    assert counted({"sort": "title", "page": "1"})[1] is False  # sorting filters nothing
    assert counted({"type": "fab-lab"}) == ({"FR": 1, "GR": 1}, True)  # never kept

    naples = catalogue["naples"]
    second = CaseStudyPageFactory(
        parent=naples.get_parent(), title="Bari hub", slug="bari", country=naples.country
    )
    assert counted()[0] == {"FR": 2, "IT": 2, "GR": 1}
    second.unpublish()
    assert counted()[0] == {"FR": 2, "IT": 1, "GR": 1}
    PageViewRestriction.objects.create(
        page=naples, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert counted()[0] == {"FR": 2, "GR": 1}
    PageViewRestriction.objects.filter(page=naples).delete()
    assert counted()[0] == {"FR": 2, "IT": 1, "GR": 1}
    catalogue["volos"].move(case_study_index_elsewhere(home), pos="last-child")
    assert counted()[0] == {"FR": 2, "IT": 1}
    catalogue["mill"].delete()
    assert counted()[0] == {"FR": 1, "IT": 1}
    # What the visitor sees is what a fresh count gives.
    page_cache.new_generation()
    assert counted() == ({"FR": 1, "IT": 1}, True)


@pytest.mark.parametrize("language", ["en", "el"])
def test_facet_options_are_written_as_the_template_loop_writes_them(language):
    """``{% facet_options %}`` writes the options in Python, for speed: the same markup as
    the loop it replaced, with escaping, checked boxes, other languages' labels and counts
    localised as templates localise them."""
    from django.template import Context, Template
    from django.utils import translation

    from casestudies.finder import FacetGroup, Option
    from casestudies.templatetags.casestudies_tags import facet_options

    loop = Template(
        "{% load i18n %}{% get_current_language as LANGUAGE_CODE %}"
        "{% for option in group.options %}<li>"
        '<input type="checkbox" id="f-{{ group.name }}-{{ option.value }}" '
        'name="{{ group.name }}" value="{{ option.value }}"{% if option.selected %} checked'
        '{% endif %}><label for="f-{{ group.name }}-{{ option.value }}"><span'
        '{% if option.lang and option.lang != LANGUAGE_CODE %} lang="{{ option.lang }}"'
        "{% endif %}>{{ option.label }}</span> "
        '<span class="facet__count">({{ option.count }})</span></label></li>{% endfor %}'
    )
    with translation.override(language):
        group = FacetGroup(
            "theme",
            "Theme",
            [
                Option("arts-crafts", 'Arts & "crafts" <b>', 12345, True, "fr"),
                Option("rural", "Ρουραλ", 3, False, "el"),
                Option("it's", "Tiers-lieux", 0, True, "en"),
            ],
        )
        written = facet_options(group)
        assert written == loop.render(Context({"group": group}))
    assert "&lt;b&gt;" in written and 'lang="fr"' in written and written.count(" checked") == 2
