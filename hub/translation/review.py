"""Machine drafts that nobody has reviewed yet, and how a reviewer approves them.

wagtail-localize records every translated string as a ``StringTranslation`` with
``translation_type`` "machine" (from a machine translator) or "manual" (typed in the
segment editor or imported from a PO file), and who made it. The hub needs no model of
its own:

- a page or snippet is *machine-translated and unreviewed* while at least one string
  its current source uses is still "machine" in its locale;
- a reviewer who has read the draft marks it reviewed (``mark_reviewed``): its machine
  strings become "manual", last translated by the reviewer (wagtail-localize keeps the
  tool's name), and the action goes into the object's history ("Machine translation
  reviewed", with the number of strings), so the audit trail says who approved what;
- editing a string by hand makes it "manual" too; a new machine draft (after the source
  changed) makes the object unreviewed again.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
)

from hub import cache as page_cache

MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE
MANUAL = StringTranslation.TRANSLATION_TYPE_MANUAL
REVIEWED_ACTION = "hub.translation_reviewed"


def machine_strings(translation: Translation) -> QuerySet[StringTranslation]:
    """The machine-made strings that ``translation``'s current source still uses."""
    return StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        translation_type=MACHINE,
        has_error=False,
        translation_of__segments__source_id=translation.source_id,
        translation_of__segments__context_id=F("context_id"),
    ).distinct()


def has_unreviewed_machine_translation(instance) -> bool:
    """Whether visitors of this page or snippet read machine text nobody approved (1 query).

    A machine string in the object's locale, without error, of a context of the object,
    used by a segment of that context in a source with an enabled translation into that
    locale. Plain SQL: every translated page's view asks, and the ORM took longer to build
    the five joins than the database to answer.
    """
    if isinstance(instance, Page) and instance.alias_of_id is not None:
        return False
    table = {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in (
            ("translated", StringTranslation),
            ("context", TranslationContext),
            ("segment", StringSegment),
            ("translation", Translation),
        )
    }
    object_id = TranslationContext._meta.get_field("object").target_field
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table['translated']} translated "  # noqa: S608 (names)
            f"INNER JOIN {table['context']} context ON context.id = translated.context_id "
            f"INNER JOIN {table['segment']} segment "
            f"ON segment.string_id = translated.translation_of_id "
            f"AND segment.context_id = translated.context_id "
            f"INNER JOIN {table['translation']} translation "
            f"ON translation.source_id = segment.source_id "
            f"WHERE context.object_id = %s AND translated.locale_id = %s "
            f"AND translated.translation_type = %s AND translated.has_error = %s "
            f"AND translation.target_locale_id = %s AND translation.enabled = %s LIMIT 1",
            [
                object_id.get_db_prep_value(instance.translation_key, connection),
                instance.locale_id,
                MACHINE,
                False,
                instance.locale_id,
                True,
            ],
        )
        return cursor.fetchone() is not None


def mark_reviewed(translation: Translation, user) -> int:
    """Approve the machine strings of ``translation``; returns how many were approved."""
    ids = list(machine_strings(translation).values_list("pk", flat=True))
    if not ids:
        return 0
    count = StringTranslation.objects.filter(pk__in=ids).update(
        translation_type=MANUAL, last_translated_by=user, updated_at=timezone.now()
    )
    # The visitors' notice goes with the review: cached pages must not keep showing it
    # (the rows were changed with update(), which sends no signal).
    page_cache.invalidate()
    target = translation.get_target_instance()
    log(
        instance=target,
        action=REVIEWED_ACTION,
        user=user,
        data={"locale": translation.target_locale.language_code, "strings": count},
    )
    return count
