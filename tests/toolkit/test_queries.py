"""The number of SQL queries to render toolkit pages does not grow with the content.

Each page is rendered once to warm the caches every request shares (content types,
site root paths), then measured; content is added and it is measured again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import GuidePageFactory, ToolFileFactory, ToolPageFactory
from toolkit.models import GuideRelatedTool

pytestmark = pytest.mark.django_db


def queries_to_render(client, url, marker):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert marker in response.text
    return len(captured)


def add_guides_recommending(toolkit, tool, count):
    for _number in range(count):
        guide = GuidePageFactory(parent=toolkit)
        guide.related_tools.create(tool=tool)
        guide.save()


def test_tool_page_queries_do_not_depend_on_how_many_pages_use_it(toolkit, client):
    tool = ToolPageFactory(parent=toolkit, title="Census survey")
    ToolFileFactory(page=tool, language="en")
    ToolFileFactory(page=tool, language="fr")
    add_guides_recommending(toolkit, tool, 5)
    few = queries_to_render(client, tool.url, "Guides that use this tool")
    add_guides_recommending(toolkit, tool, 195)
    many = queries_to_render(client, tool.url, "Guides that use this tool")
    print(f"\n  queries: tool page, 5 / 200 guides: {few} / {many}")  # shown with pytest -s
    assert few == many


def test_index_queries_do_not_depend_on_the_number_of_tools(toolkit, client):
    for _number in range(5):
        ToolFileFactory(page=ToolPageFactory(parent=toolkit), language="es")
    GuidePageFactory(parent=toolkit, title="A guide listed first, on every page size")
    few = queries_to_render(client, toolkit.url, "6 guides and tools")
    for _number in range(195):
        ToolFileFactory(page=ToolPageFactory(parent=toolkit), language="el")
    many = queries_to_render(client, toolkit.url, "201 guides and tools")
    print(f"\n  queries: toolkit index, 6 / 201 entries: {few} / {many}")  # shown with pytest -s
    assert few == many


def test_guide_page_queries_do_not_depend_on_the_number_of_related_tools(toolkit, client):
    guide = GuidePageFactory(parent=toolkit)

    def relate(count):
        for _number in range(count):
            tool = ToolPageFactory(parent=toolkit)
            ToolFileFactory(page=tool, language="it")
            guide.related_tools.add(GuideRelatedTool(tool=tool))
        guide.save()

    relate(5)
    few = queries_to_render(client, guide.url, "Tools for this guide")
    relate(195)
    many = queries_to_render(client, guide.url, "Tools for this guide")
    print(f"\n  queries: guide page, 5 / 200 related tools: {few} / {many}")  # shown with pytest -s
    assert few == many
