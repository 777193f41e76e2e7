"""Translation coverage: every page and translatable snippet, in every locale, in bulk.

One row per (source object, target locale). A page or snippet's *source* is the version
wagtail-localize extracted it from (usually English; a page written first in French has
French as its source). Each row has:

- ``state``: ``missing`` (no translation: nothing, or the not-yet-translated alias that
  shows the original), ``in_progress`` (translation started, some strings left) or
  ``translated``;
- ``percent``: translated strings of the current source (wagtail-localize's own measure);
- ``outdated``: the source changed after the last sync (the source page was published
  after wagtail-localize last extracted it, the snippet's content differs from the
  extracted one), or it was synced and the translation not saved since;
- ``machine_unreviewed``: machine strings nobody reviewed (``hub.translation.review``).

The number of queries does not depend on the number of pages or snippets: seven queries,
plus one per translatable snippet model (and per child relation of clusterable snippets).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import (
    ClusterableModel,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from .sync import translatable_snippet_models

MISSING = "missing"
IN_PROGRESS = "in_progress"
TRANSLATED = "translated"
OUTDATED = "outdated"
MACHINE = "machine"
COMPLETE = "complete"

STATUS_CHOICES = [
    (OUTDATED, _("Outdated")),
    (IN_PROGRESS, _("In progress")),
    (MACHINE, _("Machine translation, not reviewed")),
    (MISSING, _("Not translated")),
    (COMPLETE, _("Translated and up to date")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
STATUS_RANK = {status: rank for rank, (status, _label) in enumerate(STATUS_CHOICES)}


@dataclass
class CoverageRow:
    kind: str  # "page" or "snippet"
    model: type
    title: str
    source_locale: Locale
    locale: Locale
    source_pk: object
    target_pk: object = None
    is_alias: bool = False
    translation_id: int | None = None
    total: int = 0
    translated: int = 0
    state: str = MISSING
    outdated: bool = False
    machine_unreviewed: bool = False
    statuses: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        statuses = {self.state} if self.state != TRANSLATED else set()
        if self.outdated:
            statuses.add(OUTDATED)
        if self.machine_unreviewed:
            statuses.add(MACHINE)
        if not statuses:
            statuses.add(COMPLETE)
        self.statuses = frozenset(statuses)

    @property
    def percent(self) -> int:
        if self.state == MISSING:
            return 0
        if self.state == TRANSLATED and not self.total:
            return 100
        return self.translated * 100 // self.total if self.total else 0

    @property
    def percent_display(self) -> str:
        return f"{self.percent}\u00a0%"

    @property
    def rank(self) -> int:
        return min(STATUS_RANK[status] for status in self.statuses)

    @property
    def type_key(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def language_name(self) -> str:
        return self.locale.get_display_name()

    @property
    def source_language_name(self) -> str:
        return self.source_locale.get_display_name()

    @property
    def status_label(self) -> str:
        return ", ".join(
            str(STATUS_LABELS[status])
            for status, _label in STATUS_CHOICES
            if status in self.statuses
        )

    @cached_property
    def edit_url(self) -> str:
        """Where to work on this translation: its editor, or where to start it."""
        opts = self.model._meta
        if self.kind == "page":
            if self.target_pk is not None:
                return reverse("wagtailadmin_pages:edit", args=[self.target_pk])
            url = reverse("wagtail_localize:submit_page_translation", args=[self.source_pk])
        else:
            if self.target_pk is not None:
                return reverse(
                    f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit",
                    args=[quote(self.target_pk)],
                )
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, quote(self.source_pk)],
            )
        return f"{url}?select_locale={self.locale.language_code}"

    @cached_property
    def review_url(self) -> str | None:
        if self.machine_unreviewed and self.translation_id:
            return reverse("hub_translation:review", args=[self.translation_id])
        return None


@dataclass
class LocaleSummary:
    locale: Locale
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def complete(self) -> int:
        return self.counts[COMPLETE]

    @property
    def missing(self) -> int:
        return self.counts[MISSING]

    @property
    def in_progress(self) -> int:
        return self.counts[IN_PROGRESS]

    @property
    def outdated(self) -> int:
        return self.counts[OUTDATED]

    @property
    def machine(self) -> int:
        return self.counts[MACHINE]

    @property
    def percent(self) -> int:
        return self.complete * 100 // self.total if self.total else 100


class _Builder:
    """Loads wagtail-localize's records once, then builds the rows in memory."""

    def __init__(self):
        self.locales = ordered_locales()
        self.locales_by_id = {locale.pk: locale for locale in self.locales}
        default = [loc for loc in self.locales if loc.language_code == settings.LANGUAGE_CODE]
        self.default_locale_id = default[0].pk if default else None

        self.sources = defaultdict(list)  # translation_key -> [source rows]
        for row in TranslationSource.objects.values(
            "pk", "object_id", "locale_id", "last_updated_at", "content_json"
        ):
            self.sources[row["object_id"]].append(row)
        self.translations = {
            (row["source_id"], row["target_locale_id"]): row
            for row in Translation.objects.values("pk", "source_id", "target_locale_id", "enabled")
        }
        self.totals = dict(
            StringSegment.objects.values("source_id")
            .annotate(n=Count("pk"))
            .values_list("source_id", "n")
        )
        self.counts = {
            (row["source_id"], row["locale_id"]): row
            for row in StringSegment.objects.filter(
                string__translations__context_id=F("context_id"),
                string__translations__has_error=False,
            )
            .values("source_id", locale_id=F("string__translations__locale_id"))
            .annotate(
                translated=Count("pk"),
                machine=Count("pk", filter=Q(string__translations__translation_type=MACHINE_TYPE)),
            )
        }
        self.last_logs = {
            (row["source_id"], row["locale_id"]): row["last"]
            for row in TranslationLog.objects.values("source_id", "locale_id").annotate(
                last=Max("created_at")
            )
        }

    def _default_first(self, locale_id) -> bool:
        return locale_id != self.default_locale_id

    def source_of(self, translation_key, locale_ids, is_original) -> tuple[dict | None, int | None]:
        """(wagtail-localize source row or None, source locale id) of one object.

        The locale wagtail-localize extracted it from, else the default locale's original,
        else the oldest original.
        """
        candidates = [
            row
            for row in self.sources.get(translation_key, [])
            if row["locale_id"] in locale_ids and is_original(row["locale_id"])
        ]
        if candidates:
            candidates.sort(key=lambda row: (self._default_first(row["locale_id"]), row["pk"]))
            return candidates[0], candidates[0]["locale_id"]
        originals = sorted(
            (locale_id for locale_id in locale_ids if is_original(locale_id)),
            key=lambda locale_id: (self._default_first(locale_id), locale_id),
        )
        return None, (originals[0] if originals else None)

    def managed(self, source, locale_id) -> dict | None:
        """Progress of an enabled translation; None when wagtail-localize does not manage it."""
        if source is None:
            return None
        translation = self.translations.get((source["pk"], locale_id))
        if translation is None or not translation["enabled"]:
            return None
        counts = self.counts.get((source["pk"], locale_id), {})
        return {
            "translation_id": translation["pk"],
            "total": self.totals.get(source["pk"], 0),
            "translated": counts.get("translated", 0),
            "machine": counts.get("machine", 0),
            "last_log": self.last_logs.get((source["pk"], locale_id)),
            "extracted": source["last_updated_at"],
        }

    @staticmethod
    def row(base: dict, target_pk, is_alias, managed, outdated) -> CoverageRow:
        """One row from what is known about the target version."""
        if target_pk is None or is_alias:
            return CoverageRow(**base, target_pk=target_pk, is_alias=is_alias)
        if managed is None:
            # Translated outside wagtail-localize's editor, or its translation was stopped.
            return CoverageRow(**base, target_pk=target_pk, state=TRANSLATED, outdated=outdated)
        complete = managed["translated"] >= managed["total"]
        return CoverageRow(
            **base,
            target_pk=target_pk,
            translation_id=managed["translation_id"],
            total=managed["total"],
            translated=managed["translated"],
            state=TRANSLATED if complete else IN_PROGRESS,
            outdated=outdated,
            machine_unreviewed=managed["machine"] > 0,
        )

    @staticmethod
    def synced_since(managed) -> bool:
        """Synced from a changed source, and the translation not saved since."""
        return bool(managed["last_log"] and managed["last_log"] < managed["extracted"])

    def page_rows(self) -> list[CoverageRow]:
        versions = defaultdict(dict)  # translation_key -> {locale_id: page row}
        for page in Page.objects.filter(depth__gt=1).values(
            "pk",
            "translation_key",
            "locale_id",
            "alias_of_id",
            "content_type_id",
            "title",
            "live",
            "last_published_at",
        ):
            versions[page["translation_key"]][page["locale_id"]] = page

        rows = []
        for translation_key, by_locale in versions.items():
            source_row, source_locale_id = self.source_of(
                translation_key, by_locale, lambda loc, v=by_locale: v[loc]["alias_of_id"] is None
            )
            if source_locale_id is None:
                continue
            source = by_locale[source_locale_id]
            model = ContentType.objects.get_for_id(source["content_type_id"]).model_class()
            if not source["live"] or model is None:
                continue
            published = source["last_published_at"]
            for locale in self.locales:
                if locale.pk == source_locale_id:
                    continue
                target = by_locale.get(locale.pk)
                managed = self.managed(source_row, locale.pk)
                if target is None or target["alias_of_id"] is not None:
                    outdated = False
                elif managed is None:
                    theirs = target["last_published_at"]
                    outdated = bool(published and theirs and published > theirs)
                else:
                    outdated = bool(published and published > managed["extracted"]) or (
                        self.synced_since(managed)
                    )
                base = {
                    "kind": "page",
                    "model": model,
                    "title": source["title"],
                    "source_locale": self.locales_by_id[source_locale_id],
                    "locale": locale,
                    "source_pk": source["pk"],
                }
                rows.append(
                    self.row(
                        base,
                        target["pk"] if target else None,
                        bool(target and target["alias_of_id"]),
                        managed,
                        outdated,
                    )
                )
        return rows

    def snippet_rows(self) -> list[CoverageRow]:
        rows = []
        for model in translatable_snippet_models():
            queryset = model.objects.select_related("locale").order_by("pk")
            if issubclass(model, ClusterableModel):
                queryset = queryset.prefetch_related(
                    *(relation.get_accessor_name() for relation in get_all_child_relations(model))
                )
            groups = defaultdict(dict)
            for instance in queryset:
                groups[instance.translation_key][instance.locale_id] = instance

            for translation_key, by_locale in groups.items():
                source_row, source_locale_id = self.source_of(
                    translation_key, by_locale, lambda _locale: True
                )
                source = by_locale[source_locale_id]
                if isinstance(source, DraftStateMixin) and not source.live:
                    continue
                changed = source_row is not None and json.loads(
                    source_row["content_json"]
                ) != _serialise(source)
                for locale in self.locales:
                    if locale.pk == source_locale_id:
                        continue
                    target = by_locale.get(locale.pk)
                    managed = self.managed(source_row, locale.pk)
                    outdated = managed is not None and (changed or self.synced_since(managed))
                    base = {
                        "kind": "snippet",
                        "model": model,
                        "title": str(source),
                        "source_locale": self.locales_by_id[source_locale_id],
                        "locale": locale,
                        "source_pk": source.pk,
                    }
                    rows.append(
                        self.row(base, target.pk if target else None, False, managed, outdated)
                    )
        return rows


MACHINE_TYPE = StringTranslation.TRANSLATION_TYPE_MACHINE


def _serialise(instance) -> object:
    """What wagtail-localize stores in ``TranslationSource.content_json``, as plain data."""
    data = (
        instance.serializable_data()
        if isinstance(instance, ClusterableModel)
        else get_serializable_data_for_fields(instance)
    )
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def ordered_locales() -> list[Locale]:
    """The locales in the order of settings.LANGUAGES (English first)."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(Locale.objects.all(), key=lambda locale: order.get(locale.language_code, 99))


def coverage_rows() -> list[CoverageRow]:
    """Every (page or translatable snippet, target locale) row, unordered."""
    builder = _Builder()
    return builder.page_rows() + builder.snippet_rows()


def sort_rows(rows: list[CoverageRow], scope=None) -> list[CoverageRow]:
    """The user's own locales first (a translators' group sees its queue first), then
    the most urgent status, then language and title."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}

    def key(row):
        mine = scope is None or scope.allows(row.locale.pk)
        return (not mine, row.rank, order.get(row.locale.language_code, 99), row.title.lower())

    return sorted(rows, key=key)


def summarise(rows: list[CoverageRow], locales: list[Locale]) -> list[LocaleSummary]:
    """Per target locale: how many objects, how many in each status."""
    summaries = {locale.pk: LocaleSummary(locale) for locale in locales}
    for row in rows:
        summary = summaries[row.locale.pk]
        summary.total += 1
        for status in row.statuses:
            summary.counts[status] += 1
    return [summary for summary in summaries.values() if summary.total]
