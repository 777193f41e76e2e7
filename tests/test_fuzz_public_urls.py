"""Bad input on every public URL gives a page (200, 3xx, 400, 404...), never a 5xx.

The URLs and their parameter generators live in tests/public_urls.py: a new public
feature adds one line there and is fuzzed here. The site holds a page of every public
type (the finder and its case studies, a country profile, a guide, a tool), their
aliases in every language, a region, an image and a document, so realistic parameters
reach the code behind them.
"""

from urllib.parse import urlencode

import pytest
import wagtail_factories
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail_localize.synctree import create_aliases_for_new_page

from casestudies.models import CaseStudyPage
from hub.models import Country, SpaceType, Theme
from hub.setup import ensure_taxonomies
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    DocumentFactory,
    GuidePageFactory,
    RegionFactory,
    ToolkitIndexPageFactory,
    ToolPageFactory,
)
from tests.public_urls import NASTY, PUBLIC_URLS, SITE_PAGES, free_text

EXAMPLES_PER_URL = 60


def query_strings(known):
    """Known parameters with generated values, unknown ones, repeated keys, raw junk."""
    pairs = st.lists(
        st.one_of(
            *[st.tuples(st.just(name), values) for name, values in known.items()],
            st.tuples(free_text, free_text),
        ),
        max_size=6,
    )
    encoded = pairs.map(lambda items: urlencode(items, safe="%"))
    raw = st.sampled_from(["%", "a=%", "=&=&", "a=%FF%FE", "&&&", "a" * 9000, "x=" + "%00" * 3])
    return st.one_of(encoded, raw)


def _en(model, **lookup):
    return model.objects.get(locale__language_code="en", **lookup)


@pytest.fixture
def public_site(home):
    """Every public page type, as the paths of tests/public_urls.py name them."""
    ensure_taxonomies()
    france = _en(Country, code="FR")
    index = CaseStudyIndexPageFactory(parent=home, title="Case studies", slug="case-studies")
    spaces = [
        ("Olive mill coworking", "olive-mill", "FR", "rural-revitalisation", 2016),
        ("Volos maker space", "volos", "GR", "entrepreneurship", None),
    ]
    pages = [index]
    for title, slug, code, theme, year in spaces:
        pages.append(
            CaseStudyPageFactory(
                parent=index,
                title=title,
                slug=slug,
                country=_en(Country, code=code),
                region=RegionFactory(country=france) if code == "FR" else None,
                space_type=_en(SpaceType, slug="coworking"),
                themes=[_en(Theme, slug=theme)],
                year_founded=year,
                desks=25,
                surface_m2=400,
            )
        )
    countries = CountryIndexPageFactory(parent=home, slug="countries")
    pages += [countries, CountryProfilePageFactory(parent=countries, country=france, slug="france")]
    toolkit = ToolkitIndexPageFactory(parent=home)
    pages += [
        toolkit,
        GuidePageFactory(parent=toolkit, slug="mapping"),
        ToolPageFactory(parent=toolkit, slug="census"),
    ]
    for page in pages:
        create_aliases_for_new_page(page)
    wagtail_factories.ImageFactory()
    DocumentFactory()
    return home


@pytest.mark.parametrize("route", PUBLIC_URLS, ids=lambda route: route.name)
def test_public_url_never_answers_5xx(route, public_site, client):
    @settings(
        max_examples=EXAMPLES_PER_URL,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        path=route.path,
        query=query_strings(route.params),
        language=st.one_of(st.sampled_from(NASTY), st.text(max_size=40)),
        method=st.sampled_from(["get", "head"]),
    )
    def check(path, query, language, method):
        url = f"{path}?{query}" if query else path
        response = getattr(client, method)(
            url,
            headers={"accept-language": language.encode("latin-1", "replace").decode("latin-1")},
        )
        assert response.status_code < 500, f"{url} -> {response.status_code}"

    check()


def test_the_fuzzed_site_has_the_pages_the_urls_name(public_site, client):
    """Realistic parameters only reach the code if the pages they name exist."""
    for page in SITE_PAGES:
        assert client.get(f"/en/{page}").status_code == 200, page
    for extension in ["csv", "json", "geojson"]:
        assert client.get(f"/el/case-studies/export.{extension}?country=FR").status_code == 200
    ids = CaseStudyPage.objects.filter(locale__language_code="en").values_list("pk", flat=True)
    compare = client.get("/en/case-studies/compare/", {"case": list(ids)})
    assert "compare-table" in compare.text
    finder = client.get("/en/case-studies/", {"country": "FR", "theme": "rural-revitalisation"})
    assert "Olive mill coworking" in finder.text
    assert "Volos maker space" not in finder.text
