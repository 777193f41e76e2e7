"""The toolkit index: every guide and tool by stage, with filters and pages."""

import re

import pytest

from tests.factories import GuidePageFactory, ToolFileFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h3 class="card__title" lang="en"><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def entries(toolkit):
    GuidePageFactory(parent=toolkit, title="Evaluate the network", stage="evaluation")
    ToolPageFactory(parent=toolkit, title="Census survey", stage="mapping")
    GuidePageFactory(parent=toolkit, title="Map a region", stage="mapping")
    ToolPageFactory(parent=toolkit, title="Charter template", stage="charter")
    GuidePageFactory(parent=toolkit, title="Draft guide", stage="charter", live=False)


def test_index_lists_guides_and_tools_grouped_in_stage_order(toolkit, entries, client):
    html = client.get(toolkit.url).text
    assert titles(html) == [
        "Census survey",
        "Map a region",
        "Charter template",
        "Evaluate the network",
    ]
    headings = re.findall(r'<h2 id="stage-(\w+)">([^<]+)</h2>', html)
    assert headings == [
        ("mapping", "Mapping the spaces"),
        ("charter", "A common charter"),
        ("evaluation", "Evaluation"),
    ]
    assert "4 guides and tools" in html
    assert "Draft guide" not in html


def test_index_filters_by_stage_and_kind(toolkit, entries, client):
    assert titles(client.get(toolkit.url, {"stage": "mapping"}).text) == [
        "Census survey",
        "Map a region",
    ]
    assert titles(client.get(toolkit.url, {"stage": "mapping", "kind": "tool"}).text) == [
        "Census survey"
    ]
    assert titles(client.get(toolkit.url, {"kind": "guide"}).text) == [
        "Map a region",
        "Evaluate the network",
    ]
    empty = client.get(toolkit.url, {"stage": "platform"}).text
    assert "No guide or tool matches these filters yet." in empty


def test_unknown_filter_values_are_explained_and_ignored(toolkit, entries, client):
    response = client.get(toolkit.url, {"stage": "<script>", "kind": "everything"})
    assert response.status_code == 200
    assert "Select a valid choice. &lt;script&gt; is not one of the available choices." in (
        response.text
    )
    assert "Showing every option instead." in response.text
    assert 'aria-invalid="true" aria-describedby="id_stage_error"' in response.text
    assert '<p class="field-error" id="id_stage_error">' in response.text
    assert len(titles(response.text)) == 4


def test_index_is_paginated_and_tolerates_bad_page_numbers(toolkit, client):
    for number in range(14):
        ToolPageFactory(parent=toolkit, title=f"Tool {number:02}")
    first = client.get(toolkit.url)
    assert len(titles(first.text)) == 12
    assert 'rel="next"' in first.text
    second = client.get(toolkit.url, {"page": "2", "kind": "tool"})
    assert titles(second.text) == ["Tool 12", "Tool 13"]
    assert 'href="?page=1&amp;kind=tool" rel="prev"' in second.text
    for bad in ("abc", "-1", "999", "1e9"):
        response = client.get(toolkit.url, {"page": bad})
        assert response.status_code == 200
        assert len(titles(response.text)) in (2, 12)


def test_cards_show_what_each_entry_offers(toolkit, client):
    tool = ToolPageFactory(parent=toolkit, title="Census survey", time_needed="half_day")
    ToolFileFactory(page=tool, language="hr")
    ToolFileFactory(page=tool, language="fr")
    GuidePageFactory(parent=toolkit, title="Map a region")
    html = client.get(toolkit.url).text
    assert "Time needed: Half a day" in html
    assert 'Files in: <span lang="fr">Français</span>, <span lang="hr">Hrvatski</span>' in html
    assert "1 minute read" in html
