"""Visitors never hit a dead end: a path missing from one language tree is found in another."""

import copy
import functools

from django.conf import settings
from django.db import connection
from django.http import Http404
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult

from hub import sitewide


class LocaleFallbackRoutingMixin:
    """For the home page of each language tree (the root of its URLs).

    A path that this language's tree does not have (its not-yet-translated alias was
    deleted, the translation is still a draft, the page exists only in another
    language) is looked up in the other languages' trees, English first. The page found
    is served at the requested URL in the visitor's interface language, with a notice
    and a link to the original (the ``translation_notice`` tag); if it has a live version
    in the visitor's language under another slug, the visitor is redirected there
    (``before_serve_page`` in ``hub/translation/hooks.py``). Unknown paths stay 404s.
    """

    def route(self, request, path_components):
        try:
            return self._route_in_tree(request, path_components)
        except Http404:
            if not path_components:
                raise
            for home in self._other_language_homes(request):
                try:
                    result = home._route_in_tree(request, path_components)
                except Http404:
                    continue
                result.page.served_from_other_locale = True
                return result
            raise

    def _route_in_tree(self, request, path_components):
        """Wagtail's routing, with the page found in one query rather than one per level.

        Wagtail walks the path one slug at a time (two queries per level). The deepest
        page of this tree whose URL path starts the requested path is fetched at once,
        and its own ``route`` handles what remains (a routable page's sub-routes).
        Intermediate pages' ``route`` methods are skipped, as none of this project's
        page types changes how its children are found. A page type lists in
        ``served_select_related`` the relations its template always shows, fetched with it.
        The pages on the way are read with the few fields routing and the breadcrumbs use
        (``_ROUTED_FIELDS``); the page served is read whole, as its specific type.
        """
        if not path_components:
            if not self.live:
                raise Http404
            # Routing holds the home with its base fields only (``hub.sitewide.home``):
            # served, it is read whole, and kept (a copy is served, which the request
            # may change).
            page = copy.copy(
                sitewide.kept(request, ("home page", self.pk), lambda: _specific(self))
            )
            page.locale = sitewide.rows(request, Locale)[page.locale_id]
            page.routed_unrestricted = sitewide.restrictions(request).serves_unrestricted(page)
            return RouteResult(page)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:length])
            for length in range(1, len(path_components) + 1)
        ]
        chain = _pages_on_path(prefixes, self, len(path_components))
        if not chain:
            return super().route(request, path_components)
        deepest = chain[-1]
        page = _specific(deepest, request)
        # Fetched on the way, so templates need no query for them.
        page.locale = deepest.locale
        page.routed_ancestors = [self, *chain[:-1]]
        # No view restriction anywhere above (the site's restrictions are kept in memory,
        # hub.sitewide): Wagtail's check needs no query of its own.
        page.routed_unrestricted = sitewide.restrictions(request).serves_unrestricted(deepest)
        return page.route(request, path_components[deepest.depth - self.depth :])

    def _other_language_homes(self, request):
        return sitewide.kept(
            request, ("other homes", self.pk), lambda: self._read_other_language_homes()
        )

    def _read_other_language_homes(self):
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        homes = (
            type(self)
            .objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        return sorted(homes, key=lambda home: order.get(home.locale.language_code, 99))


# What routing and the breadcrumbs read of the pages on a requested path.
_ROUTED_FIELDS = (
    "id",
    "path",
    "depth",
    "title",
    "slug",
    "url_path",
    "content_type",
    "locale",
    "translation_key",
    "alias_of",
    "live",
)


def _pages_on_path(url_paths: list[str], home, levels: int) -> list:
    """The pages under ``home`` (at most ``levels`` deeper) whose URL path is one of
    ``url_paths``, shallowest first, with ``_ROUTED_FIELDS`` and their locale.

    Plain SQL through ``raw()``: the ORM took 0.8 ms to build this query, which the
    database answers in 0.08 ms, on every page view."""
    quote = connection.ops.quote_name
    meta = Page._meta
    columns = ", ".join(f"page.{quote(meta.get_field(name).column)}" for name in _ROUTED_FIELDS)
    placeholders = ", ".join(["%s"] * len(url_paths))
    pages = Page.objects.raw(
        f"SELECT {columns}, locale.language_code AS routed_language "  # noqa: S608 (names)
        f"FROM {quote(meta.db_table)} page INNER JOIN {quote(Locale._meta.db_table)} locale "
        f"ON locale.id = page.{quote(meta.get_field('locale').column)} "
        f"WHERE page.url_path IN ({placeholders}) AND page.depth > %s AND page.depth <= %s "
        "AND substr(page.path, 1, %s) = %s ORDER BY page.depth",
        [*url_paths, home.depth, home.depth + levels, len(home.path), home.path],
    )
    chain = list(pages)
    for page in chain:
        page.locale = Locale.from_db(
            None, ["id", "language_code"], [page.locale_id, page.routed_language]
        )
    return chain


def _specific(page, request=None):
    """The specific page, whole, with the relations its type asks for: joined
    (``served_select_related``), or taken from the site's small snippet tables kept in
    memory (``served_kept_relations``, hub.sitewide) when the content generation is known.

    An alias's source is joined only for an alias: a page that is none has nothing there.
    With one relation to join at most, and not one of two steps (an alias's source's
    locale), the page is read through ``raw()`` and the related row with one more query
    (``_read_whole``): the ORM took longer to build the joined query than the database
    took to answer it, on every page view (0.4 ms of a case study's 11).
    """
    model = page.specific_class or Page  # read whole: the routed row holds a few fields
    related = list(getattr(model, "served_select_related", ()))
    kept = list(getattr(model, "served_kept_relations", ()))
    if not sitewide.keeps(request):
        related, kept = related + kept, []
    if page.alias_of_id is None:
        related = [name for name in related if name.split("__")[0] != "alias_of"]
    if len(related) > 1 or any("__" in name for name in related):
        pages = model._default_manager
        if related:  # select_related() without names would follow every foreign key
            pages = pages.select_related(*related)
        specific = pages.get(pk=page.pk)
    else:
        specific = _read_whole(model, page.pk)
        for name in related:
            field = model._meta.get_field(name)
            value = getattr(specific, field.attname)
            if value is not None:
                setattr(specific, name, _read_whole(field.related_model, value))
    for name in kept:
        field = model._meta.get_field(name)
        found = sitewide.rows(request, field.related_model).get(getattr(specific, field.attname))
        if found is not None:  # else (no value) read as usual, if ever
            setattr(specific, name, found)
    return specific


def _read_whole(model, pk):
    """The row of ``model`` with this primary key, every field read, as ``get(pk=pk)``
    reads it: its table joined to those of its concrete parents (a page type's to
    Wagtail's page table), through ``raw()``, which converts the values as the ORM does."""
    row = next(iter(model._default_manager.raw(_whole_row_sql(model), [pk])), None)
    if row is None:
        raise model.DoesNotExist(f"{model._meta.object_name} {pk} does not exist.")
    return row


@functools.cache
def _whole_row_sql(model) -> str:
    quote = connection.ops.quote_name
    chain = [model]  # the model, then its concrete parents up to the root table
    while chain[-1]._meta.parents:
        if len(chain[-1]._meta.parents) > 1:
            raise TypeError(f"{chain[-1].__name__} has several concrete parents.")
        chain.append(next(iter(chain[-1]._meta.parents)))
    root = chain[-1]._meta
    tables = f"{quote(root.db_table)}"
    for child in reversed(chain[:-1]):
        parent, link = next(iter(child._meta.parents.items()))
        tables += (
            f" INNER JOIN {quote(child._meta.db_table)} ON "
            f"{quote(child._meta.db_table)}.{quote(link.column)} = "
            f"{quote(parent._meta.db_table)}.{quote(parent._meta.pk.column)}"
        )
    columns = ", ".join(
        f"{quote(field.model._meta.db_table)}.{quote(field.column)}"
        for field in model._meta.concrete_fields
    )
    return (
        f"SELECT {columns} FROM {tables} "  # noqa: S608 (names)
        f"WHERE {quote(root.db_table)}.{quote(root.pk.column)} = %s"
    )
