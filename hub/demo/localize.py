"""Hand-written translations loaded through wagtail-localize, as a translator would.

For one object (page or snippet) and one locale, the caller builds an unsaved copy of
the source with the translated text in place (same StreamField block ids, same child
objects' translation keys). Its segments are extracted with wagtail-localize's own
extractor and matched, path by path, with the source's segments; each pair becomes a
``StringTranslation`` (manual, by "demo content"). A ``Translation`` record is created
and the target is saved from the translation memory, so:

- the page in that locale shows the translated text and is no longer an alias;
- wagtail-localize's editor opens for it, with every segment filled in;
- a later change to the English source shows up as an outdated translation.
"""

from collections import defaultdict

from django.db import models
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

TOOL_NAME = "demo content"


class TranslationMismatch(Exception):
    """The translated copy does not have the source's structure at ``path``."""

    def __init__(self, path: str, expected: int, found: int):
        super().__init__(
            f"the translation has {found} text segment(s) at {path} where the source has {expected}"
        )
        self.path = path


def _string_segments_by_path(segments) -> dict[str, list]:
    by_path = defaultdict(list)
    for segment in segments:
        by_path[segment.path].append(segment)
    return by_path


def translate(source_object: models.Model, locale, translated_copy: models.Model, *, user=None):
    """Translate ``source_object`` into ``locale`` with the text of ``translated_copy``.

    Returns the translated object (saved; a page is published if its source is live).
    """
    if isinstance(source_object, Page):
        source_object = source_object.specific
    source, _created = TranslationSource.update_or_create_from_instance(source_object)

    source_segments = _string_segments_by_path(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
        .annotate(path=models.F("context__path"))
    )
    translated_segments = _string_segments_by_path(
        segment
        for segment in extract_segments(translated_copy)
        if isinstance(segment, StringSegmentValue)
    )
    wanted = {}
    for path, segments in source_segments.items():
        values = translated_segments.get(path, [])
        if len(values) != len(segments):
            raise TranslationMismatch(path, len(segments), len(values))
        for segment, value in zip(segments, values, strict=True):
            wanted.setdefault((segment.string_id, segment.context_id), value.string.data)
    # In bulk: a page has dozens of segments and the demo content hundreds of pages.
    existing = {
        (translation.translation_of_id, translation.context_id): translation
        for translation in StringTranslation.objects.filter(
            locale=locale, context__object_id=source.object_id
        )
    }
    created, updated = [], []
    for (string_id, context_id), data in wanted.items():
        translation = existing.get((string_id, context_id))
        if translation is None:
            translation = StringTranslation(
                translation_of_id=string_id, locale=locale, context_id=context_id
            )
            created.append(translation)
        else:
            updated.append(translation)
        translation.data = data
        translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        translation.tool_name = TOOL_NAME
        translation.last_translated_by = user
        translation.has_error = False
    StringTranslation.objects.bulk_create(created)
    StringTranslation.objects.bulk_update(
        updated, ["data", "translation_type", "tool_name", "last_translated_by", "has_error"]
    )

    Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # publish=False: wagtail-localize would publish on commit of the outermost
    # transaction; the loader runs in one transaction and publishes right away instead.
    publish = not isinstance(source_object, Page) or source_object.live
    if isinstance(source_object, Page):
        translated, _created = source.create_or_update_translation(
            locale, user=user, publish=False, fallback=False
        )
        if publish:
            translated.get_latest_revision().publish(user=user)
            translated.refresh_from_db()
        return translated
    translated, _created = source.create_or_update_translation(
        locale, user=user, publish=True, fallback=False
    )
    return translated
