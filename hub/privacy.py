"""Privacy follows content into every language tree.

wagtail-localize keeps a not-yet-translated page in each locale as an *alias* of its
source: the same content under another URL. When serving an alias Wagtail applies the
source's view restrictions, but ``PageQuerySet.public()``, which menus, the language
switcher, and later search, sitemaps, feeds and the API rely on, looks only at
restrictions in the alias's own tree: the alias of a private page was listed in the
French menu. These handlers copy each source's restrictions onto its aliases, when a
restriction changes and when an alias is created, so that ``public()`` is right in every
locale. (A real translation is a page of its own: its editors decide its privacy.)
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction

_syncing = set()


def public_q() -> Q:
    """Pages that no view restriction covers: ``PageQuerySet.public()`` in one subquery.

    Wagtail's ``public()`` first reads every restriction (one more query each time a list
    is filtered); this condition lets the database check that no restricted page's path
    is a prefix of the page's path (the page itself or an ancestor), in the same query.
    """
    # Driven by the (few) restricted pages: the database looks each one up by its key
    # and compares paths, instead of scanning the page table for every listed page.
    restricted = Page.objects.filter(
        pk__in=PageViewRestriction.objects.values("page_id"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    return ~Q(Exists(restricted))


def public_sql(alias: str) -> str:
    """``public_q`` in plain SQL, for the pages of the query's table alias ``alias``: no
    restricted page's path is a prefix of the page's own."""
    quote = connection.ops.quote_name
    pages = quote(Page._meta.db_table)
    restrictions = quote(PageViewRestriction._meta.db_table)
    page_id = quote(PageViewRestriction._meta.get_field("page").column)
    return (
        f"NOT EXISTS (SELECT 1 FROM {pages} restricted WHERE restricted.id IN "  # noqa: S608 (names)
        f"(SELECT {page_id} FROM {restrictions}) "
        f"AND restricted.path = substr({alias}.path, 1, length(restricted.path)))"
    )


_paused = False


@contextmanager
def paused():
    """No syncing while whole tables are loaded as they were (restoring a backup)."""
    global _paused
    previous, _paused = _paused, True
    try:
        yield
    finally:
        _paused = previous


def sync_alias_restrictions(page_id: int) -> None:
    if _paused or page_id in _syncing:
        return
    _syncing.add(page_id)
    try:
        sources = list(
            PageViewRestriction.objects.filter(page_id=page_id).prefetch_related("groups")
        )
        for alias_id in Page.objects.filter(alias_of_id=page_id).values_list("pk", flat=True):
            PageViewRestriction.objects.filter(page_id=alias_id).delete()
            for source in sources:
                copy = PageViewRestriction.objects.create(
                    page_id=alias_id,
                    restriction_type=source.restriction_type,
                    password=source.password,
                )
                copy.groups.set(source.groups.all())
    finally:
        _syncing.discard(page_id)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    # Copies made on aliases come back here too: they sync the aliases' own aliases
    # (none, in practice), so the recursion ends. Fixtures (raw) are loaded as they are.
    if not raw:
        sync_alias_restrictions(instance.page_id)


def _groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        sync_alias_restrictions(instance.page_id)


def _page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and instance.alias_of_id:
        sync_alias_restrictions(instance.alias_of_id)


def connect():
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="hub_pvr_save")
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="hub_pvr_delete"
    )
    m2m_changed.connect(
        _groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="hub_pvr_groups"
    )
    post_save.connect(_page_saved, dispatch_uid="hub_alias_created")
