"""Item 1: declared translatable fields, segments of every text block, synchronised copies."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation
from wagtail_localize.segments import (
    OverridableSegmentValue,
    StringSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from home.models import HomePage, StandardPage
from hub.translation import sync_all, sync_page, sync_snippet
from tests.snippetapp.models import Label

from .conftest import make_page


@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_page_types_declare_their_translatable_fields(model):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    for name in ["title", "slug", "seo_title", "search_description", "introduction", "body"]:
        assert isinstance(fields[name], TranslatableField), name
    assert isinstance(fields["show_in_menus"], SynchronizedField)
    assert not fields["show_in_menus"].overridable


def test_every_text_block_yields_segments(about):
    segments = extract_segments(about.specific)
    strings = {
        s.path.split(".")[-1] if "." in s.path else s.path: s.render_text()
        for s in segments
        if isinstance(s, StringSegmentValue)
    }
    texts = [s.render_text() for s in segments if isinstance(s, StringSegmentValue)]
    assert "Why a coworking space?" in texts  # heading
    assert "A fab lab is a third place." in texts  # paragraph (rich text)
    assert "The space became the village's living room." in texts  # quote
    assert "A manager" in texts  # quote source
    assert strings["title"] == "About the network"
    assert strings["introduction"] == "Who we are and how the network works."
    # The paragraph's link target is not text: synchronised, overridable per locale.
    overridable = [s for s in segments if isinstance(s, OverridableSegmentValue)]
    assert [s.data for s in overridable] == ["https://example.org/lab"]
    # The heading level is a choice, not text: no segment for it.
    assert "h2" not in texts


def test_home_page_body_yields_segments(home):
    home.body = [("quote", {"quote": "Work together.", "source": "The network"})]
    home.save_revision().publish()
    texts = [
        s.render_text()
        for s in extract_segments(home.specific)
        if isinstance(s, StringSegmentValue)
    ]
    assert {"CoWorkMed Hub", "Work together.", "The network"} <= set(texts)


def test_sync_page_creates_aliases_in_every_other_locale_once(home, locales):
    page = make_page(home)  # make_page calls sync_page
    versions = Page.objects.filter(translation_key=page.translation_key)
    assert sorted(v.locale.language_code for v in versions) == ["el", "en", "es", "fr", "hr", "it"]
    assert all(v.alias_of_id == page.pk for v in versions if v.pk != page.pk)
    assert sync_page(page) == []  # idempotent
    assert Page.objects.filter(translation_key=page.translation_key).count() == 6


def test_sync_page_for_a_child_creates_missing_parent_aliases(home, locales):
    parent = make_page(home, title="Guides", slug="guides")
    Page.objects.filter(translation_key=parent.translation_key).exclude(pk=parent.pk).delete()
    child = parent.add_child(instance=StandardPage(title="Mapping", slug="mapping"))
    child.save_revision().publish()
    created = sync_page(child)
    assert {p.locale.language_code for p in created} == {"fr", "it", "es", "el", "hr"}
    assert Page.objects.filter(translation_key=parent.translation_key).count() == 6


def test_sync_snippet_creates_tracked_copies(home, locales):
    label = Label.objects.create(name="Rural hub", code="rural", locale=locales["en"])
    copies = sync_snippet(label)
    assert sorted(c.locale.language_code for c in copies) == ["el", "es", "fr", "hr", "it"]
    french = label.get_translation(locales["fr"])
    assert (french.name, french.code) == ("Rural hub", "rural")  # source text until translated
    assert Translation.objects.filter(source__object_id=label.translation_key).count() == 5
    assert sync_snippet(label) == []


def test_sync_all_and_its_command_are_idempotent(home, locales):
    page = StandardPage(title="Loaded", slug="loaded")
    home.add_child(instance=page)  # as a loader would, without any alias
    Label.objects.create(name="Fab lab", locale=locales["en"])
    assert sync_all() == {"pages": 5, "snippets": 5}
    call_command("sync_translations")
    assert sync_all() == {"pages": 0, "snippets": 0}
    assert Page.objects.filter(translation_key=page.translation_key).count() == 6


def test_snippet_created_in_the_admin_is_synced(home, locales, editor_client):
    response = editor_client.post(
        "/admin/snippets/snippetapp/label/add/?locale=en",
        {"name": "Living lab", "description": "", "code": "ll"},
    )
    assert response.status_code == 302
    label = Label.objects.get(name="Living lab", locale=locales["en"])
    assert Label.objects.filter(translation_key=label.translation_key).count() == 6
