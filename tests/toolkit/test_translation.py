"""Guides and tools in wagtail-localize: what translators translate, what stays in sync."""

import json

import pytest
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import (
    DocumentFactory,
    GuidePageFactory,
    ToolFileFactory,
    ToolPageFactory,
)

pytestmark = pytest.mark.django_db


def strings(page):
    return {
        s.path: s.render_text() for s in extract_segments(page) if isinstance(s, StringSegmentValue)
    }


def test_guide_text_is_translatable_and_choices_are_not(toolkit):
    guide = GuidePageFactory(parent=toolkit, summary="Map before you meet.")
    texts = set(strings(guide).values())
    assert "Map before you meet." in texts
    assert "Why map first" in texts  # a chapter heading
    assert "Knowing who is there saves months later." in texts  # chapter body
    paths = {s.path for s in extract_segments(guide)}
    assert not any(path.startswith(("stage", "audience")) for path in paths)


def test_tool_file_document_is_overridable_per_locale(toolkit, locales):
    tool = ToolPageFactory(parent=toolkit, time_detail="Two workshops")
    english = ToolFileFactory(page=tool, language="en", title="Charter")
    segments = extract_segments(tool)
    overridable = [s for s in segments if isinstance(s, OverridableSegmentValue)]
    assert [(s.path, s.data) for s in overridable] == [
        (f"files.{english.translation_key}.document", english.document.pk)
    ]
    assert "Charter" in {s.render_text() for s in segments if isinstance(s, StringSegmentValue)}
    assert "Two workshops" in strings(tool).values()

    # A French partner points the French page to a French version of the document.
    french_document = DocumentFactory(title="Charte")
    source, _created = TranslationSource.get_or_create_from_instance(tool)
    translation = Translation.objects.create(source=source, target_locale=locales["fr"])
    segment = OverridableSegment.objects.get(source=source)
    SegmentOverride.objects.create(
        locale=locales["fr"], context=segment.context, data_json=json.dumps(french_document.pk)
    )
    translation.save_target(publish=True)

    french = tool.get_translation(locales["fr"])
    (french_file,) = french.files.all()
    assert french_file.document == french_document
    assert french_file.language == "en"  # synchronised: the editor says which language
    assert french_file.locale == locales["fr"]
    (english_file,) = tool.files.all()
    assert english_file.document == english.document


def test_untranslated_alias_lists_the_source_files(toolkit, locales):
    tool = ToolPageFactory(parent=toolkit)
    ToolFileFactory(page=tool, language="it")
    create_aliases_for_new_page(toolkit)
    create_aliases_for_new_page(tool)
    alias = tool.get_translation(locales["hr"])
    assert alias.alias_of_id == tool.pk
    assert [(f.language, f.locale) for f in alias.files.all()] == [("it", locales["hr"])]
