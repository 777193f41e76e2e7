"""Guides: table of contents, reading time, related tools and case studies, the page."""

import re

import pytest
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import GuidePageFactory, ToolFileFactory, ToolPageFactory, chapter
from toolkit.models import GuideRelatedTool
from toolkit.reading import reading_minutes

pytestmark = pytest.mark.django_db


def words(n, word="space"):
    return " ".join([word] * n)


def test_table_of_contents_lists_every_chapter_with_unique_anchors(toolkit):
    guide = GuidePageFactory(
        parent=toolkit,
        chapters=[
            chapter("Why map first", "Text."),
            chapter("Funding", "Text.", anchor="money"),
            chapter("Why map first", "Same heading twice."),
            chapter("Χαρτογράφηση χώρων", "Greek heading."),
        ],
    )
    toc = [(c["anchor"], c["heading"]) for c in guide.table_of_contents]
    assert toc == [
        ("why-map-first", "Why map first"),
        ("money", "Funding"),
        ("why-map-first-2", "Why map first"),
        ("χαρτογράφηση-χώρων", "Χαρτογράφηση χώρων"),
    ]


def test_guide_page_links_its_contents_to_the_chapter_headings(toolkit, client):
    guide = GuidePageFactory(
        parent=toolkit,
        chapters=[chapter("Who to invite", "Everyone."), chapter("Who to invite", "Again.")],
    )
    html = client.get(guide.url).text
    toc = re.search(r'<nav class="toc" aria-label="Table of contents">(.*?)</nav>', html, re.S)
    assert toc, "the table of contents is a labelled navigation landmark"
    targets = re.findall(r'href="#([^"]+)"', toc.group(1))
    assert targets == ["who-to-invite", "who-to-invite-2"]
    for target in targets:
        assert f'<h2 class="chapter__heading" id="{target}">Who to invite</h2>' in html


def test_reading_time_counts_the_words_of_summary_and_chapters(toolkit):
    guide = GuidePageFactory(
        parent=toolkit,
        title="Guide",
        summary=words(9),
        chapters=[chapter("Two words", words(300)), chapter("Steps", steps=[words(88)])],
    )
    # 1 + 9 + 2 + 300 + 1 + 88 = 401 words at 200 a minute: three minutes.
    assert guide.word_count == 401
    assert guide.reading_time == 3


def test_reading_minutes_round_up_and_never_fall_below_one():
    assert reading_minutes(0) == 1
    assert reading_minutes(200) == 1
    assert reading_minutes(201) == 2


def test_reading_time_reads_rich_text_tables_and_ignores_settings(toolkit):
    table = {
        "type": "table",
        "id": "t1",
        "value": {
            "caption": "Budget",
            "columns": [{"type": "text", "heading": "Item"}, {"type": "number", "heading": "€"}],
            "rows": [{"values": ["Rent", "1200"]}, {"values": ["Coffee", "80"]}],
        },
    }
    heading_only = chapter("Costs")
    heading_only["value"]["body"] = [
        {"type": "paragraph", "id": "p1", "value": '<p><a href="https://example.org/">One</a></p>'},
        table,
        {
            "type": "call_to_action",
            "id": "c1",
            "value": {"text": "Go", "url": "https://x.example/", "button_label": "Now"},
        },
    ]
    guide = GuidePageFactory(parent=toolkit, title="T", summary="S", chapters=[heading_only])
    # T, S, Costs, One, Budget, Item, €? (not a word), Rent, Coffee, Go, Now; no URLs, numbers
    # of a number column, choice values or HTML tags.
    assert guide.word_count == 10


def test_guide_page_shows_reading_time_audience_and_last_updated(toolkit, client):
    guide = GuidePageFactory(
        parent=toolkit,
        audience=["researchers", "space_managers"],
        chapters=[chapter("Long", words(450))],
    )
    guide.save_revision().publish()
    html = client.get(guide.url).text
    assert "<dt>Reading time</dt><dd>3 minutes</dd>" in html
    assert "<dt>Written for</dt><dd>Space managers, Researchers</dd>" in html
    assert re.search(r'<dt>Last updated</dt><dd><time datetime="\d{4}-\d\d-\d\dT', html)
    assert 'aria-label="Breadcrumb"' in html
    assert f'<a href="{toolkit.url}">{toolkit.title}</a>' in html


def test_related_tools_are_shown_in_the_readers_language(toolkit, locales, client):
    tool = ToolPageFactory(parent=toolkit, title="Charter template")
    ToolFileFactory(page=tool, language="es")
    draft = ToolPageFactory(parent=toolkit, title="Unpublished tool", live=False)
    guide = GuidePageFactory(parent=toolkit)
    guide.related_tools.create(tool=tool, sort_order=0)
    guide.related_tools.create(tool=draft, sort_order=1)
    guide.save()
    for page in (toolkit, tool, guide):
        create_aliases_for_new_page(page)

    assert guide.tools == [tool.specific]
    french_guide = guide.get_translation(locales["fr"])
    french_tool = tool.get_translation(locales["fr"])
    html = client.get(french_guide.url).text
    assert f'href="{french_tool.url}">Charter template</a>' in html
    assert "Unpublished tool" not in html
    assert '<span lang="es">Español</span>' in html  # the tool's file languages


def test_related_tools_keep_the_editors_order_and_a_preview_shows_its_edited_links(toolkit):
    first, second, third = (ToolPageFactory(parent=toolkit, title=t) for t in ("A", "B", "C"))
    guide = GuidePageFactory(parent=toolkit)
    guide.related_tools.create(tool=third, sort_order=0)
    guide.related_tools.create(tool=first, sort_order=1)
    guide.related_tools.create(tool=third, sort_order=2)  # a repeat is shown once
    guide.save()
    stored = type(guide).objects.get(pk=guide.pk)
    assert [tool.title for tool in stored.tools] == ["C", "A"]
    assert stored.case_studies == []

    # A preview holds the form's links in memory, not yet saved: they are the ones shown.
    preview = type(guide).objects.get(pk=guide.pk)
    preview.related_tools = [
        GuideRelatedTool(tool=second, sort_order=0),
        GuideRelatedTool(tool=first, sort_order=1),
    ]
    assert [tool.title for tool in preview.tools] == ["B", "A"]
