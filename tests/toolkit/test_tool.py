"""Tool pages: files per language, how-to steps, guides and case studies that use the tool."""

import re

import pytest
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import DocumentFactory, GuidePageFactory, ToolFileFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


def test_files_are_listed_with_language_format_and_size(toolkit, client):
    tool = ToolPageFactory(parent=toolkit)
    pdf = DocumentFactory(title="Charter (English)", file_size=2048)
    docx = DocumentFactory(title="Charte", file__filename="charte.docx", file__data=b"x" * 10)
    ToolFileFactory(page=tool, document=pdf, language="en", sort_order=0)
    ToolFileFactory(page=tool, document=docx, language="fr", title="Charte modèle", sort_order=1)
    html = client.get(tool.url).text
    links = re.findall(
        r'<a class="download__link" href="([^"]+)" hreflang="(\w+)"[^>]*>([^<]+)</a>', html
    )
    assert 'hreflang="en" type="application/pdf" lang="en" download>Charter (English)' in html
    assert links == [
        (pdf.url, "en", "Charter (English)"),
        (docx.url, "fr", "Charte modèle"),
    ]
    assert '(<span lang="en">English</span>, PDF, 2.0\xa0KB)' in html
    assert '(<span lang="fr">Français</span>, DOCX)' in html


def test_tool_page_shows_time_steps_and_facts(toolkit, client):
    tool = ToolPageFactory(
        parent=toolkit, time_needed="day", time_detail="two workshops", stage="convening"
    )
    tool.save_revision().publish()
    html = client.get(tool.url).text
    assert '<dd>One day: <span lang="en">two workshops</span></dd>' in html
    assert "<dt>Stage</dt><dd>Convening the network</dd>" in html
    assert re.search(r'<dt>Last updated</dt><dd><time datetime="', html)
    assert '<p class="steps__title">Adapt the questions</p>' in html
    assert "Used in these case studies" not in html  # nothing references it yet


def test_tool_page_lists_the_guides_that_recommend_it(toolkit, locales, client):
    tool = ToolPageFactory(parent=toolkit)
    guide = GuidePageFactory(parent=toolkit, title="Convene the network")
    guide.related_tools.create(tool=tool)
    guide.save()
    for page in (toolkit, tool, guide):
        create_aliases_for_new_page(page)
    italian = client.get(tool.get_translation(locales["it"]).url).text
    italian_guide = guide.get_translation(locales["it"])
    assert f'<a href="{italian_guide.url}">Convene the network</a>' in italian
