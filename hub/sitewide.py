"""What every visitor's page reads about the whole site, computed once per content generation.

Every page shows the same site chrome: Wagtail finds the site of the host name (one
query), the home page of the visitor's language (three), the main navigation lists that
home's children (one), privacy checks read the view restrictions (a subquery in each
listing), and cards and terms show rows of the small snippet tables (a join each). None
of it depends on the page being shown, so each process keeps it in memory under the
content generation of ``hub.cache``: that token changes after every change a visitor
could see (a page published, unpublished, moved or deleted; a site, locale, snippet,
setting or view restriction saved or deleted), so the next request computes the values
again from the database. The change is also forgotten at once in the process that made
it, before its transaction commits, so an editor never sees the old value; another
process sees the new token once the change is committed, as it sees the new rows.

That first view after a change reads them in few queries: the site (with its root page),
then the small tables and the view restrictions together (``_read_at_once``), from which
the home page of the visitor's language comes without a query of its own when it is the
root (one query for the other languages' homes), and the navigation.

What is kept is small: a few objects per site and language, the small tables, the
finder's counts, and the summaries of the searches made last (``kept_recent``, a bounded
number); never a page's own content, which the page cache (``hub.cache``) holds when it
may. The objects kept are shared by the requests of a process: nothing may change them
(``serve`` routes from a copy of the home page, which a request may then change)."""

import copy
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import JSONArray
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site

from hub import cache as page_cache

_MISSING = object()


class _Store:
    def __init__(self, generation):
        self.generation = generation
        self.values = {}


_store = _Store(None)
_lock = threading.Lock()


def forget() -> None:
    """Drop every kept value in this process (``hub.cache.invalidate`` calls it at once)."""
    global _store
    with _lock:
        _store = _Store(None)


def _generation(request):
    """The content generation, read once per request (the page cache may have read it)."""
    generation = getattr(request, page_cache.REQUEST_GENERATION, _MISSING)
    if generation is _MISSING:
        # A visitor's request writes nothing: without a token yet, nothing is kept.
        generation = page_cache.current_generation(create=False)
        setattr(request, page_cache.REQUEST_GENERATION, generation)
    return generation


def kept(request, key, compute):
    """``compute()``, or the value it gave for ``key`` in the current generation.

    Without a request or a generation (the cache does not answer) nothing is kept.
    """
    generation = _generation(request) if request is not None else None
    if generation is None:
        if request is None:
            return compute()
        # Nothing kept between requests: once for this request only.
        values = request.__dict__.setdefault("_hub_sitewide", {})
        if key not in values:
            values[key] = compute()
        return values[key]
    global _store
    store = _store
    if store.generation != generation:
        with _lock:
            if _store.generation != generation:
                _store = _Store(generation)
            store = _store
    value = store.values.get(key, _MISSING)
    if value is _MISSING:
        # Computed outside the lock: two requests may both compute it, to the same value.
        value = compute()
        store.values[key] = value
    return value


def kept_recent(request, group, key, compute, limit: int):
    """``kept``, for values of which there are too many to keep them all (one per search
    query): the ``limit`` of ``group`` used last are kept, the others computed again."""
    recent = kept(request, ("recent", group), OrderedDict)
    with _lock:
        value = recent.get(key, _MISSING)
        if value is not _MISSING:
            recent.move_to_end(key)
            return value
    value = compute()  # outside the lock, as in ``kept``
    with _lock:
        recent[key] = value
        while len(recent) > limit:
            recent.popitem(last=False)
    return value


def keeps(request) -> bool:
    """Whether values are kept between requests now (a content generation is known)."""
    return request is not None and _generation(request) is not None


# -- what the first view after a change reads at once --------------------------------

# The small snippet tables pages show terms and languages from: read with the view
# restrictions, in one query, the first time one of them is asked in a generation.
SMALL_TABLES = (
    "wagtailcore.Locale",
    "hub.Country",
    "hub.Region",
    "hub.SpaceType",
    "hub.Theme",
    "hub.Organisation",
)


# Fields whose values JSON gives back as they are (text, whole numbers).
_JSON_TYPED = (CharField, TextField, IntegerField)

_RESTRICTIONS = "view restrictions"


def _at_once(request) -> "_AtOnce":
    return kept(request, ("at once",), _read_at_once)


def rows(request, model) -> dict:
    """Every row of a small snippet table (languages, countries, regions, space types,
    themes, organisations), by primary key: a page's taxonomy shown without a join per
    page.

    The tables of ``SMALL_TABLES`` are read together, the others alone. Snippets are
    site-wide values, not a page's content: saving or deleting one changes the content
    generation. The objects are shared: nothing may change them.
    """
    label = model._meta.label
    if label in SMALL_TABLES:
        return _at_once(request).table(label)
    return kept(
        request,
        ("rows", label),
        lambda: {row.pk: row for row in model._default_manager.order_by("pk")},
    )


def _read_at_once() -> "_AtOnce":
    """What the first view of every page after a change needs, in one query: the rows
    of ``SMALL_TABLES`` and the view restrictions. Read one by one they took seven
    queries.

    A ``UNION ALL`` needs the same columns in each part: each row comes as its table's
    label and a JSON array of its columns, as text, decoded when its table is asked.
    """
    from django.apps import apps

    parts = [
        model._default_manager.order_by()
        .annotate(
            table=Value(model._meta.label, output_field=CharField()),
            columns=JSONArray(
                *(F(field.attname) for field in model._meta.concrete_fields),
                output_field=TextField(),
            ),
        )
        .values_list("table", "columns")
        for model in (apps.get_model(label) for label in SMALL_TABLES)
    ]
    union = parts[0].union(*parts[1:], _restricted_pages(), all=True).order_by()
    raw = {label: [] for label in [*SMALL_TABLES, _RESTRICTIONS]}
    for label, columns in union:
        raw[label].append(columns)
    return _AtOnce(raw, union.db)


def _decoded(columns) -> list:
    return json.loads(columns) if isinstance(columns, str) else columns


class _AtOnce:
    """What ``_read_at_once`` read: the view restrictions, and the rows of each small
    table, made objects of their model the first time the table is asked (a home page
    needs the languages, not the organisations)."""

    def __init__(self, raw: dict, using: str):
        self.raw, self.using, self.tables = raw, using, {}
        self.restrictions = _restrictions(map(_decoded, raw[_RESTRICTIONS]))

    def table(self, label: str) -> dict:
        found = self.tables.get(label)
        if found is None:  # two threads may both make it, the same
            found = self.tables[label] = self._objects(label)
        return found

    def _objects(self, label: str) -> dict:
        from django.apps import apps

        model = apps.get_model(label)
        fields = model._meta.concrete_fields
        names = [field.attname for field in fields]
        # JSON gives text and whole numbers back as they are; the fields turn the rest
        # back into values (a UUID, a boolean in SQLite).
        converted = [
            (position, field.to_python)
            for position, field in enumerate(fields)
            if not isinstance(getattr(field, "target_field", field), _JSON_TYPED)
        ]
        # A row's language, country... is another kept row: linked, never read again.
        links = [
            (field, self.table(field.related_model._meta.label))
            for field in fields
            if field.is_relation and field.related_model._meta.label in SMALL_TABLES
        ]
        found = {}
        for text in self.raw[label]:
            columns = _decoded(text)
            for position, to_python in converted:
                columns[position] = to_python(columns[position])
            row = model.from_db(self.using, names, columns)
            for field, targets in links:
                target = targets.get(getattr(row, field.attname))
                if target is not None:
                    field.set_cached_value(row, target)
            found[row.pk] = row
        return found


# -- the site, its home pages, its URLs -------------------------------------------------


def site(request):
    """Wagtail's ``Site.find_for_request``, kept per host name and port."""
    if not hasattr(request, "_wagtail_site"):
        from django.http.request import split_domain_port

        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        request._wagtail_site = kept(request, key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def _prime_root_paths(request) -> None:
    """Wagtail's list of site root paths (read by every page URL), on the request."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = kept(
            request, ("root paths",), Site.get_site_root_paths
        )


def home(request, site):
    """The home page of the active language (Wagtail's ``root_page.localized``), as its
    specific type but with the base page's fields only (``specific_deferred``): what
    routing reads. The home page itself is served read whole (``hub.translation.routing``).

    The site's root page comes with the site; the language comes from the site's small
    tables (``rows``); the other languages' homes are read together, once: Wagtail's way
    took three queries per language (the locale, the translation, its specific row).
    """
    language = translation.get_language()
    return kept(request, ("home", site.pk, language), lambda: _home(request, site, language))


def _home(request, site, language):
    root = site.root_page
    locale = _locale(request, language)
    found = root
    if locale is not None and locale.pk != root.locale_id:
        homes = kept(
            request,
            ("homes", site.pk),
            lambda: {
                page.locale_id: page
                for page in Page.objects.filter(translation_key=root.translation_key, live=True)
            },
        )
        found = homes.get(locale.pk, root)  # a draft translation is not the home
    return found.specific_deferred


def _locale(request, language):
    """Wagtail's ``Locale.get_active()`` (the default language's locale when the active
    language has none), from the kept rows; ``None`` if neither has a locale."""
    by_code = {locale.language_code: locale for locale in rows(request, Locale).values()}
    for code in (language, settings.LANGUAGE_CODE):
        try:
            found = by_code.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if found is not None:
            return found
    return None


def serve(request, path):
    """Wagtail's page view, with the site and the home page kept (see the module)."""
    from wagtail import views as wagtail_views  # needs the models loaded

    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    return wagtail_views.serve(request, path)


def _route(request, path):
    """Wagtail's ``Page.route_for_request``, from a copy of the kept home page."""
    found = site(request)
    if found is None:
        return None
    _prime_root_paths(request)
    try:
        return copy.copy(home(request, found)).route(
            request, [component for component in path.split("/") if component]
        )
    except Http404:
        return None


# -- view restrictions ------------------------------------------------------------------


@dataclass(frozen=True)
class Restrictions:
    """The tree paths under which view restrictions apply.

    ``restricted``: the paths of the pages that have a restriction (it covers them and
    their descendants): what ``hub.privacy.public_q`` excludes. ``of_alias_sources``:
    the paths of aliases whose source page has a restriction, which Wagtail applies to
    the alias and its descendants when serving them.
    """

    restricted: frozenset
    of_alias_sources: frozenset

    @staticmethod
    def _covers(paths, path: str) -> bool:
        step = Page.steplen
        return any(path[:end] in paths for end in range(step, len(path) + 1, step))

    def is_public(self, page) -> bool:
        """Whether no restriction covers the page (``public_q``, without a query)."""
        return not self.restricted or not self._covers(self.restricted, page.path)

    def serves_unrestricted(self, page) -> bool:
        """Whether Wagtail applies no restriction when serving the page."""
        return self.is_public(page) and not (
            self.of_alias_sources and self._covers(self.of_alias_sources, page.path)
        )


def _restricted_pages():
    """The restricted pages and the aliases of restricted pages, as a part of
    ``_read_at_once``: ``(_RESTRICTIONS, "[path, whether it has a restriction of its
    own]")``.

    Read from the restrictions (a handful of rows) through the page's key and the alias
    index: joined the other way round, every page of the site was read, 56 ms at 60,000
    pages on every first view after a change.
    """
    own = PageViewRestriction.objects.values("page_id")
    has_own = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    return (
        Page.objects.filter(Q(pk__in=own) | Q(alias_of__in=own))
        .order_by()
        .annotate(
            table=Value(_RESTRICTIONS, output_field=CharField()),
            columns=JSONArray(F("path"), has_own, output_field=TextField()),
        )
        .values_list("table", "columns")
    )


def _restrictions(rows) -> Restrictions:
    restricted, of_alias_sources = set(), set()
    for path, has_own_restriction in rows:
        # A page without a restriction of its own is the alias of a restricted page.
        (restricted if has_own_restriction else of_alias_sources).add(path)
    return Restrictions(frozenset(restricted), frozenset(of_alias_sources))


def restrictions(request) -> Restrictions:
    """The site's view restrictions, read with the small tables (``_read_at_once``)."""
    return _at_once(request).restrictions
