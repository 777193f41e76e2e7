"""RSS and Atom feeds per language."""

import pytest
from defusedxml import ElementTree as ET
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import create_aliases_for_new_page

from home.models import StandardPage
from tests.factories import StandardPageFactory

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
