"""Keep every locale's copy of pages and translatable snippets in place (idempotent)."""

from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import PageIndex, synchronize_tree


def translatable_snippet_models() -> list[type]:
    """Every registered snippet model that has a version per locale."""
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _locales_synced_from(locale_id: int) -> list[Locale]:
    return list(
        Locale.objects.filter(
            id__in=LocaleSynchronization.objects.filter(sync_from_id=locale_id).values("locale_id")
        )
    )


def sync_page(page: Page) -> list[Page]:
    """Create the aliases of ``page`` that are missing in the locales synced from its own.

    A page created by code (a command, a loader) calls this once it is saved; pages created
    in the admin get the same through wagtail-localize's ``after_create_page`` hook. An
    alias is served at its locale's URL with a "not yet translated" notice until a partner
    translates it. Missing parents are created as aliases too. Returns the new aliases.
    """
    created = []
    for locale in _locales_synced_from(page.locale_id):
        if page.get_translation_or_none(locale) is not None:
            continue
        alias = page.copy_for_translation(locale, copy_parents=True, alias=True)
        created.append(alias)
        # A locale may itself be the source of another (fr -> a regional French).
        created.extend(sync_page(alias))
    return created


def sync_snippet(instance: TranslatableMixin, user=None) -> list[TranslatableMixin]:
    """Create the translations of a snippet that are missing in the locales synced from its own.

    Each copy starts with the source text and is tracked by wagtail-localize (a
    ``Translation`` at 0 %), so it appears in the coverage report and partners translate
    it in the segment editor or by PO file. Returns the new copies.
    """
    missing = [
        locale
        for locale in _locales_synced_from(instance.locale_id)
        if instance.get_translation_or_none(locale) is None
    ]
    if not missing:
        return []
    with transaction.atomic():
        TranslationCreator(user=user, target_locales=missing).create_translations(instance)
    return [
        translated
        for locale in missing
        if (translated := instance.get_translation_or_none(locale)) is not None
    ]


def sync_all(user=None) -> dict[str, int]:
    """Synchronise every page tree and every translatable snippet. Safe to run again."""
    pages_before = Page.objects.count()
    page_index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=page_index)
    snippets = 0
    synced_from = set(LocaleSynchronization.objects.values_list("sync_from_id", flat=True))
    for model in translatable_snippet_models():
        for instance in model.objects.filter(locale_id__in=synced_from):
            snippets += len(sync_snippet(instance, user=user))
    return {"pages": Page.objects.count() - pages_before, "snippets": snippets}
