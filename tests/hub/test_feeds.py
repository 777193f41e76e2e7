"""RSS and Atom feeds per language."""

from datetime import timedelta

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import create_aliases_for_new_page

from home.models import StandardPage
from hub import feeds
from tests.factories import (
    GuidePageFactory,
    StandardPageFactory,
    ToolkitIndexPageFactory,
    ToolPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feed_pages(home, locales, monkeypatch):
    monkeypatch.setattr(StandardPage, "in_feeds", True, raising=False)
    page = StandardPageFactory(parent=home, title="Opening a rural hub", slug="rural-hub")
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    TranslationCreator(user=None, target_locales=[locales["fr"]]).create_translations(page)
    french = page.get_translation(locales["fr"]).specific
    french.title = "Ouvrir un tiers-lieu rural"
    french.save_revision().publish()
    StandardPageFactory(parent=home, title="Unpublished", slug="draft", live=False)
    return page


def test_rss_feed_lists_pages_of_its_language(client, feed_pages):
    root = ET.fromstring(client.get("/fr/feeds/rss.xml").content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Ouvrir un tiers-lieu rural"]
    assert root.find("channel/language").text == "fr"
    assert root.find("channel/item/link").text == "http://testserver/fr/rural-hub/"


def test_atom_feed_in_english_leaves_out_drafts(client, feed_pages):
    root = ET.fromstring(client.get("/en/feeds/atom.xml").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Opening a rural hub"]


def test_untranslated_language_has_an_empty_feed_not_an_error(client, feed_pages):
    response = client.get("/hr/feeds/rss.xml")
    assert response.status_code == 200
    assert b"<item>" not in response.content


def test_every_page_links_to_its_language_feeds(client, home):
    html = client.get("/it/").text
    assert 'type="application/rss+xml" href="/it/feeds/rss.xml"' in html
    assert 'type="application/atom+xml" href="/it/feeds/atom.xml"' in html


def test_feed_merges_the_page_types_newest_first_and_keeps_its_size(
    client, home, locales, monkeypatch
):
    """Each type's newest pages are read on their own, then merged by publication date."""
    monkeypatch.setattr(feeds, "FEED_SIZE", 3)
    toolkit = ToolkitIndexPageFactory(parent=home)
    start = timezone.now() - timedelta(days=10)
    for day, factory, title in [
        (1, ToolPageFactory, "Tool, day 1"),
        (2, GuidePageFactory, "Guide, day 2"),
        (3, ToolPageFactory, "Tool, day 3"),
        (4, GuidePageFactory, "Guide, day 4"),
        (5, ToolPageFactory, "Tool, day 5"),
    ]:
        page = factory(parent=toolkit, title=title)
        Page.objects.filter(pk=page.pk).update(first_published_at=start + timedelta(days=day))
    root = ET.fromstring(client.get("/en/feeds/rss.xml").content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Tool, day 5", "Guide, day 4", "Tool, day 3"]
