"""Anonymous visitors' pages served from the cache, and thrown away when content changes.

What is cached: the 200 HTML response of a Wagtail page (every locale, every page type,
the case-study finder with its filters: the query string is part of the key) asked for
with GET or HEAD by a visitor without a session. What never is: the admin, the API,
documents, feeds, the search page (each search is counted by ``search.analytics`` and
the space of query strings is unbounded), any POST, any response that is not 200, that
sets a cookie, that rendered a CSRF token (a form), that says ``private``/``no-cache``/
``no-store`` (Wagtail says so for pages with view restrictions), or that varies on a
request header other than ``Cookie``. A request carrying a session or messages cookie
(an editor, a visitor who entered a page's password) is never served from the cache and
never fills it.

Invalidation is global: every key holds a *generation*, a random token kept in the cache
(in the database when the cache is local to each process, so every process sees it);
any change a visitor could see (a page published, unpublished, saved, moved or deleted,
a snippet, setting, image, document, site, locale or view restriction saved or deleted)
draws a new token once the transaction commits, and every cached page is gone at once.
Listings, the language switcher, menus and country profiles show other pages, so a
narrower scheme would have to know every page that shows every object; publishing is
rare and reading is not, so one miss per page after a change is the cheap, correct
price. A lost generation (cache restarted, entry evicted) gives a new token, never an
old one, so old pages cannot come back. See docs/performance.md.

Content-Security-Policy nonces: the middleware sits outside Django's CSP middleware, so
the stored response holds the policy header it was rendered with. A page that used a
nonce gets a fresh one on every hit, written into both the header and the HTML, so the
inline code still runs and no two visitors share a nonce.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.utils.csp import CSP, generate_nonce
from django.utils.encoding import iri_to_uri
from django.utils.http import split_directive_names, split_header_value

GENERATION_KEY = "hubpage:generation"
# The generation read for a request, kept on it (the page cache and hub.sitewide share it).
REQUEST_GENERATION = "_hub_generation"
KEY_PREFIX = "hubpage"
HEADER = "X-Cache"
_UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
_CSP_HEADERS = (str(CSP.HEADER_ENFORCE), str(CSP.HEADER_REPORT_ONLY))
# Image fields Wagtail fills in lazily while a page renders; they change nothing visible.
_IMAGE_BOOKKEEPING = frozenset({"file_size", "file_hash"})


# -- the generation ---------------------------------------------------------------------


def _process_local() -> bool:
    """Whether the cache lives in this process only (Django's local-memory cache)."""
    return isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache)


def _database_generation(*, renew: bool = False, create: bool = True) -> str | None:
    from hub.models import PageCacheGeneration

    if renew:
        PageCacheGeneration.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    # Read on every request (the page cache, hub.sitewide): plain SQL, no query to build.
    table = connection.ops.quote_name(PageCacheGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (a table name)
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None and create:
        token = PageCacheGeneration.objects.get_or_create(
            pk=1, defaults={"token": uuid.uuid4().hex}
        )[0].token
    return token


def current_generation(*, create: bool = True) -> str | None:
    """The token every key holds now; ``None`` when the cache does not answer.

    Kept in the cache when the cache is shared (Redis); in the database when each
    process has its own memory cache, so that a publish reaches every process. Without
    ``create``, a database that holds no token yet (no content was ever changed, no page
    was cached) is not written to, and the answer is ``None``.
    """
    if _process_local():
        try:
            return _database_generation(create=create)
        except DatabaseError:
            return None
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation() -> None:
    """Forget every cached page (their keys hold the old token)."""
    from hub import sitewide

    sitewide.forget()
    if _process_local():
        _database_generation(renew=True)
    else:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate() -> None:
    """Forget every cached page once the current transaction commits (now, outside one).

    Before the commit other requests still read the old rows: a page rendered then and
    cached under a new token would stay stale, so the token changes after the commit.
    The site-wide values this process keeps (``hub.sitewide``) are dropped at once too,
    so that the rest of this transaction and this process's next request read the change.
    """
    from hub import sitewide

    sitewide.forget()
    transaction.on_commit(new_generation)


# -- which requests and responses -------------------------------------------------------


def cache_key(request, generation: str) -> str:
    """Scheme, host, path and full query string (the finder's filters) of the request."""
    url = iri_to_uri(request.build_absolute_uri())
    return f"{KEY_PREFIX}:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _in_a_language(path: str) -> bool:
    """Visitors' pages live under /<language>/; static files, the admin, the API do not.

    The search page (/<language>/search/...) is never cached: it is left out here, so
    that a search costs no look-up of the cache's generation either.
    """
    parts = path.split("/", 3)
    if len(parts) < 3 or parts[1] not in dict(settings.LANGUAGES):
        return False
    return parts[2] != "search"


def _may_use_cache(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and _in_a_language(request.path_info)
        and _anonymous(request)
    )


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: only Wagtail's page serving opts a response in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        request.hub_page_cache = True


def _may_store(request, response) -> bool:
    if not getattr(request, "hub_page_cache", False) or request.method != "GET":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    # A page that rendered {% csrf_token %} holds this visitor's token.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if set(split_directive_names(response.get("Cache-Control", ""))) & _UNCACHEABLE_DIRECTIVES:
        return False
    # Cookie: the session is read for every page; visitors with one never get here.
    varies = {value.lower() for value in split_header_value(response.get("Vary", ""))}
    return varies <= {"cookie"}


# -- storing and replaying --------------------------------------------------------------


def _stored(request, response) -> dict:
    nonce = getattr(request, "_csp_nonce", None)
    return {
        "content": response.content,
        "headers": [(name, value) for name, value in response.headers.items() if name != HEADER],
        # LazyNonce is true only when the page asked for it.
        "nonce": str(nonce) if nonce else None,
    }


def _replayed(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    headers = dict(entry["headers"])
    if entry["nonce"]:
        fresh = generate_nonce()
        content = content.replace(entry["nonce"].encode(), fresh.encode())
        for name in _CSP_HEADERS:
            if name in headers:
                headers[name] = headers[name].replace(entry["nonce"], fresh)
    if "Content-Length" in headers:
        headers["Content-Length"] = str(len(content))
    response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
    response[HEADER] = "HIT"
    return response


class PageCacheMiddleware:
    """Serve and store anonymous visitors' pages (see the module's docstring).

    Placed right after ``SecurityMiddleware`` and before the CSP middleware, so that a
    hit skips every other middleware but keeps the headers the page was rendered with.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        generation = current_generation()
        setattr(request, REQUEST_GENERATION, generation)
        if generation is None:
            return self.get_response(request)
        key = cache_key(request, generation)
        entry = cache.get(key)
        if entry is not None:
            return _replayed(request, entry)
        response = self.get_response(request)
        if _may_store(request, response):
            cache.set(key, _stored(request, response), settings.PAGE_CACHE_SECONDS)
        response[HEADER] = "MISS"
        return response


# -- invalidation -----------------------------------------------------------------------


def _shown_to_visitors(sender) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    shown = (
        Page,
        Site,
        Locale,
        PageViewRestriction,
        BaseSiteSetting,
        BaseGenericSetting,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    )
    return issubclass(sender, shown)


_shown_cache: dict[type, bool] = {}


def _is_shown(sender) -> bool:
    if sender not in _shown_cache:
        _shown_cache[sender] = _shown_to_visitors(sender)
    return _shown_cache[sender]


def _model_changed(sender, instance=None, raw=False, update_fields=None, **kwargs):
    if raw or not _is_shown(sender):
        return
    from wagtail.images import get_image_model

    if update_fields and sender is get_image_model() and set(update_fields) <= _IMAGE_BOOKKEEPING:
        return
    invalidate()


def _content_event(**kwargs):
    invalidate()


def connect() -> None:
    """Called from ``HubConfig.ready``."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_model_changed, dispatch_uid="hub_page_cache_save")
    post_delete.connect(_model_changed, dispatch_uid="hub_page_cache_delete")
    page_published.connect(_content_event, dispatch_uid="hub_page_cache_published")
    page_unpublished.connect(_content_event, dispatch_uid="hub_page_cache_unpublished")
    post_page_move.connect(_content_event, dispatch_uid="hub_page_cache_moved")
