"""A tool's "used in": the case studies that list it, found through the reference index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CaseStudyToolFactory,
    CountryFactory,
    GuidePageFactory,
    SpaceTypeFactory,
    ThemeFactory,
    ToolPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(home):
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def taxonomy_terms(home):
    return {
        "country": CountryFactory(code="IT", name="Italy"),
        "space_type": SpaceTypeFactory(slug="fab-lab", name="Fab lab"),
        "themes": [ThemeFactory(slug="digital", name="Digital")],
    }


def case_study_using(cases, tool, terms, **fields):
    case = CaseStudyPageFactory(parent=cases, **terms, **fields)
    CaseStudyToolFactory(page=case, tool=tool)
    case.save()  # the reference index records the page with its tool links
    return case


def test_case_studies_that_list_the_tool_are_found(toolkit, cases, taxonomy_terms, client):
    tool = ToolPageFactory(parent=toolkit)
    other_tool = ToolPageFactory(parent=toolkit)
    naples = case_study_using(cases, tool, taxonomy_terms, title="Sanità hub", city="Naples")
    bari = case_study_using(cases, tool, taxonomy_terms, title="Bari makers", city="Bari")
    case_study_using(cases, other_tool, taxonomy_terms, title="Uses another tool")
    draft = case_study_using(cases, tool, taxonomy_terms, title="Draft case")
    draft.unpublish()

    assert [page.pk for page in tool.used_in] == [bari.pk, naples.pk]  # by title
    html = client.get(tool.url).text
    assert "Used in these case studies" in html
    assert f'<a href="{naples.url}" lang="en">Sanità hub</a>' in html
    assert '<span class="link-list__note">Naples, Italy</span>' in html
    assert "Uses another tool" not in html
    assert "Draft case" not in html


def test_used_in_follows_the_readers_language(toolkit, cases, taxonomy_terms, locales, client):
    tool = ToolPageFactory(parent=toolkit)
    case = case_study_using(cases, tool, taxonomy_terms, title="Sanità hub")
    for page in (toolkit, cases, tool, case):
        create_aliases_for_new_page(page)
    spanish_tool = tool.get_translation(locales["es"]).specific
    spanish_case = case.get_translation(locales["es"])
    assert [page.pk for page in spanish_tool.used_in] == [spanish_case.pk]
    html = client.get(spanish_tool.url).text
    assert f'<a href="{spanish_case.url}" lang="en">Sanità hub</a>' in html  # not yet translated


def test_guides_list_related_case_studies_in_order(toolkit, cases, taxonomy_terms, client):
    tool = ToolPageFactory(parent=toolkit)
    first = case_study_using(cases, tool, taxonomy_terms, title="Zadar coworking")
    second = case_study_using(cases, tool, taxonomy_terms, title="Athens hub")
    guide = GuidePageFactory(parent=toolkit)
    guide.related_case_studies.create(case_study=first, sort_order=0)
    guide.related_case_studies.create(case_study=second, sort_order=1)
    guide.save()
    assert guide.case_studies == [first.specific, second.specific]
    html = client.get(guide.url).text
    assert html.index("Zadar coworking") < html.index("Athens hub")


def test_tool_page_queries_do_not_depend_on_how_many_case_studies_use_it(
    toolkit, cases, taxonomy_terms, client
):
    tool = ToolPageFactory(parent=toolkit)

    def measure():
        client.get(tool.url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(tool.url)
        assert "Used in these case studies" in response.text
        return len(captured), response.text.count('class="link-list__note"')

    for _number in range(5):
        case_study_using(cases, tool, taxonomy_terms)
    few, listed = measure()
    assert listed == 5
    for _number in range(195):
        case_study_using(cases, tool, taxonomy_terms)
    many, listed = measure()
    assert listed == 200
    print(f"\n  queries: tool page, 5 / 200 case studies using it: {few} / {many}")
    assert few == many
