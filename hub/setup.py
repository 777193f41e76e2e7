"""Idempotent set-up of the site structure: locales, synchronised trees, home pages.

Used by the ``setup_site`` management command (run by ``make run``) and by the tests,
so that both start from the same structure.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree

from hub.workflows import ensure_review_workflow

HOME_TITLE = "CoWorkMed Hub"
HOME_INTRODUCTION = (
    "Case studies, guides and tools from a Mediterranean network of coworking spaces "
    "and third places, in six languages."
)


def source_locale() -> Locale:
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return locale


def ensure_locales() -> list[Locale]:
    """One Locale per configured language; every other locale synchronised from English."""
    source = source_locale()
    locales = [source]
    for code, _name in settings.LANGUAGES:
        if code == source.language_code:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        locales.append(locale)
    return locales


def ensure_home_page():
    """The English HomePage as the default site's root, replacing Wagtail's welcome page."""
    from home.models import HomePage

    source = source_locale()
    home = HomePage.objects.filter(locale=source, depth=2).first()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=source)
        )
        # Wagtail's initial migration leaves a bare "Welcome" page with the slug we
        # want; nothing else uses it, so it goes before the real home page arrives.
        for welcome in root.get_children().filter(content_type__model="page"):
            if welcome.get_children_count() == 0:
                welcome.delete()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLE, slug="home", locale=source, introduction=HOME_INTRODUCTION
            )
        )
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
    return home


def synchronise_trees() -> None:
    """Create the not-yet-translated aliases that wagtail-localize keeps in every locale."""
    source = source_locale()
    page_index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(
            sync.sync_from if sync.sync_from_id else source, sync.locale, page_index=page_index
        )


TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.yaml"


def _ensure_translated_terms(model, key_field: str, entries: list[dict], **extra_fields) -> int:
    """Create missing terms in English and their translations into every other locale.

    Existing terms are left as editors made them. Returns how many rows were created.
    """
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source = locales[settings.LANGUAGE_CODE]
    existing = {(getattr(obj, key_field), obj.locale_id): obj for obj in model.objects.all()}
    created = 0
    for entry in entries:
        key = entry[key_field]
        values = {name: entry[source_key] for name, source_key in extra_fields.items()}
        original = existing.get((key, source.pk))
        if original is None:
            original = model.objects.create(
                locale=source, name=entry[source.language_code], **{key_field: key}, **values
            )
            created += 1
        for code, locale in locales.items():
            if code == source.language_code or (key, locale.pk) in existing or code not in entry:
                continue
            translation = original.copy_for_translation(locale)
            translation.name = entry[code]
            translation.save()
            created += 1
    return created


def ensure_taxonomies() -> int:
    """The shared countries, themes and space types, named in the six languages."""
    from hub.models import Country, SpaceType, Theme

    data = yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))
    countries = [{**entry, "partner": bool(entry.get("partner"))} for entry in data["countries"]]
    return (
        _ensure_translated_terms(Country, "code", countries, is_partner="partner")
        + _ensure_translated_terms(Theme, "slug", data["themes"])
        + _ensure_translated_terms(SpaceType, "slug", data["space_types"])
    )


@transaction.atomic
def setup_site(*, taxonomies: bool = True) -> Page:
    ensure_locales()
    home = ensure_home_page()
    synchronise_trees()
    if taxonomies:
        ensure_taxonomies()
    ensure_review_workflow()
    return home
