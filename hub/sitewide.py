"""What every visitor's page reads about the whole site, computed once per content generation.

Every page shows the same site chrome: Wagtail finds the site of the host name (one
query), the home page of the visitor's language (two), the main navigation lists that
home's children (one), and privacy checks read the view restrictions (a subquery in each
listing). None of it depends on the page being shown, so each process keeps it in memory
under the content generation of ``hub.cache``: that token changes after every change a
visitor could see (a page published, unpublished, moved or deleted; a site, locale,
snippet, setting or view restriction saved or deleted), so the next request computes the
values again from the database. The change is also forgotten at once in the process that
made it, before its transaction commits, so an editor never sees the old value; another
process sees the new token once the change is committed, as it sees the new rows.

What is kept is small: a few objects per site and language, the finder's counts, and
the summaries of the searches made last (``kept_recent``, a bounded number); never a
page's own content, which the page cache (``hub.cache``) holds when it may.
The objects kept are shared by the requests of a process: nothing may change them
(``serve`` routes from a copy of the home page, which a request may then change).
"""

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

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


def rows(request, model) -> dict:
    """Every row of a small snippet table (countries, regions, space types,
    organisations), by primary key: a page's taxonomy shown without a join per page.

    Snippets are site-wide values, not a page's content: saving or deleting one changes
    the content generation. The objects are shared: nothing may change them.
    """
    return kept(
        request,
        ("rows", model._meta.label),
        lambda: {row.pk: row for row in model._default_manager.all()},
    )


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
    """The specific home page of the active language (Wagtail's ``root_page.localized``)."""
    key = ("home", site.pk, translation.get_language())
    return kept(request, key, lambda: site.root_page.localized.specific)


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


def _read_restrictions() -> Restrictions:
    """One query: the restricted pages, and the aliases of restricted pages.

    Read from the restrictions (a handful of rows) through the page's key and the alias
    index: joined the other way round, every page of the site was read, 56 ms at 60,000
    pages on every first view after a change.
    """
    own = PageViewRestriction.objects.values("page_id")
    rows = (
        Page.objects.filter(Q(pk__in=own) | Q(alias_of__in=own))
        .order_by()
        .values_list("path", Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
    )
    restricted, of_alias_sources = set(), set()
    for path, has_own_restriction in rows:
        # A page without a restriction of its own is the alias of a restricted page.
        (restricted if has_own_restriction else of_alias_sources).add(path)
    return Restrictions(frozenset(restricted), frozenset(of_alias_sources))


def restrictions(request) -> Restrictions:
    return kept(request, ("restrictions",), _read_restrictions)
