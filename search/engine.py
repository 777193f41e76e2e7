"""The search itself: analysed query → backend → results, facets, promotions, other languages.

Everything goes through Wagtail's search backend API (``get_search_backend``) on page
querysets, so the same code runs on the database backend (SQLite FTS5, PostgreSQL)
and on Elasticsearch/OpenSearch. An engine that fails raises ``SearchUnavailable``.
"""

import json
import logging
from collections import Counter, defaultdict
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import CharField, Count, F, OuterRef, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from hub import sitewide
from hub.models import SearchableMixin

from . import facets as facet_tools
from .analysis import analyse_query, autocomplete_terms
from .excerpts import excerpt, highlight
from .promotions import Promotion, promotions_for
from .query import MAX_TERMS

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_PAGES = 100
OTHER_LANGUAGE_RESULTS = 3
AUTOCOMPLETE_RESULTS = 8
AUTOCOMPLETE_CANDIDATES = 50
AUTOCOMPLETE_PREFIX_LIMIT = 15
# Summaries of searches without filters kept per process (a few kilobytes each).
KEPT_SEARCHES = 200


def _engine_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [DatabaseError, ConnectionError, TimeoutError]
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:  # pragma: no cover - the clients are installed with the project
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:  # pragma: no cover
        pass
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


ENGINE_ERRORS = _engine_errors()


class SearchUnavailable(Exception):
    """The search engine did not answer; the visitor gets a message, not an error page."""


@dataclass
class ResultItem:
    title: str
    url: str
    title_html: str
    excerpt_html: str
    type_label: str
    language: str
    language_name: str


@dataclass
class OtherLanguageGroup:
    language: str
    language_name: str
    count: int
    items: list[ResultItem]
    search_url: str


@dataclass
class SearchOutcome:
    query: str
    language: str
    terms: list[str] = field(default_factory=list)
    filters: facet_tools.Filters = field(default_factory=facet_tools.Filters)
    page: object = None
    total: int = 0
    items: list[ResultItem] = field(default_factory=list)
    operator: str = "and"
    facets: list[facet_tools.FacetGroup] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)
    other_languages: list[OtherLanguageGroup] = field(default_factory=list)
    other_languages_searched: bool = False
    unavailable: bool = False


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


# The view restrictions' condition, read once per search rather than once per queryset
# (PageQuerySet.public() reads them each time; the backends need a plain path condition).
_private_q: ContextVar = ContextVar("private_q", default=None)


def _public(queryset):
    private = _private_q.get()
    return queryset.public() if private is None else queryset.exclude(private)


def base_queryset(locale):
    """Live, public pages of searchable types in one locale (a Page queryset)."""
    return _public(Page.objects.live()).filter(
        locale=locale, content_type__in=facet_tools.searchable_content_type_ids()
    )


def _backend_query(terms: list[str], operator: str) -> PlainText:
    return PlainText(" ".join(terms), operator=operator)


def _search(backend, terms, queryset):
    """Results with every term, else (for several terms) with any of them."""
    results = backend.search(_backend_query(terms, "and"), queryset)
    if len(terms) > 1 and results.count() == 0:
        return backend.search(_backend_query(terms, "or"), queryset), "or"
    return results, "and"


def _item(page, terms, page_language, request) -> ResultItem:
    text = page.search_excerpt_text() if isinstance(page, SearchableMixin) else ""
    snippet = excerpt(text, terms, page_language)
    if not snippet and getattr(page, "search_description", ""):
        snippet = excerpt(page.search_description, terms, page_language)
    return ResultItem(
        title=page.title,
        url=page.get_url(request) or "",
        title_html=highlight(page.title, terms, page_language),
        excerpt_html=snippet,
        type_label=capfirst(page.specific_class._meta.verbose_name),
        language=page_language,
        language_name=language_name(page_language),
    )


def _id_set(ids: list[int]):
    """``ids`` as one query parameter for ``pk__in``, or the list itself.

    Django prepares an ``IN`` list value by value (60 ms for 10,000 ids), and SQLite
    limits the number of parameters.
    """
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


class Matched:
    """Every page matching a query in one locale: ``ids`` goes into ``pk__in``."""

    def __init__(self, pks: list, type_counts: dict | None = None, ids_by_type=None):
        self.pks = pks
        self.count = len(pks)
        # Matches per content type id, read with the ids (None when the engine gave none).
        self.type_counts = type_counts
        # The matches' primary keys per content type id (None when the engine gave none).
        self.ids_by_type = ids_by_type
        self._ids_of: dict = {}

    @classmethod
    def from_rows(cls, rows) -> "Matched":
        """From (primary key, content type id) rows."""
        ids_by_type: dict = defaultdict(list)
        for pk, content_type in rows:
            ids_by_type[content_type].append(pk)
        types = {content_type: len(pks) for content_type, pks in ids_by_type.items()}
        return cls([pk for pk, _content_type in rows], types, dict(ids_by_type))

    @cached_property
    def ids(self):
        return _id_set(sorted(self.pks))

    def ids_of(self, content_types):
        """The matches whose content type is one of ``content_types``, for ``pk__in``.

        A facet of one page type counted over every match looked each of them up in that
        type's table: the 9,000 matches of a common word, most of them of another type.
        """
        if self.ids_by_type is None:
            return self.ids
        key = tuple(sorted(content_types))
        if key not in self._ids_of:
            ids = []
            for content_type in key:
                ids.extend(self.ids_by_type.get(content_type, ()))
            ids.sort()
            self._ids_of[key] = _id_set(ids)
        return self._ids_of[key]


def _matched_page_ids(backend, query, queryset) -> Matched | None:
    """The ids of every page of ``queryset`` matching ``query`` (one engine query), or None.

    On the database backends each facet count is a full-text query of its own: seven
    facets meant eight full-text matches per search (550 ms for a word found in 10,000
    pages). Matching once and counting the facets on the matched ids with ordinary
    indexed queries gives the same numbers for a fraction of the work. Elasticsearch and
    OpenSearch count facets in their own aggregations, and a result set larger than the
    database accepts as query parameters is counted the engine's way: both give None.
    """
    if not _is_database_backend(backend):
        return None
    results = backend.search(query, queryset, order_by_relevance=False)
    if connection.vendor in ("sqlite", "postgresql"):
        return Matched.from_rows(_matched_rows(backend, results))
    ids = list(results.facet("id"))
    limit = connection.features.max_query_params
    if limit is not None and len(ids) > limit - 100:
        return None
    return Matched(ids)


def _is_database_backend(backend) -> bool:
    return any(
        cls.__module__.startswith("modelsearch.backends.database.") for cls in type(backend).__mro__
    )


def _ranked_matches(backend, terms, queryset):
    """``(rows, operator)``: (primary key, content type id) of every page of ``queryset``
    matching ``terms``, best first, in one query; None when the backend cannot rank so.

    The page of results and the list of every match (for the count and the facets) are
    then read together: they were two full-text matches, the ranked one also reading and
    casting the key of every page of the locale (a common word at 10,000 pages: 31 ms of
    SQL, then 20 ms).
    """
    if not hasattr(backend.query_compiler_class, "ranked_rows"):
        return None
    operators = ("and", "or") if len(terms) > 1 else ("and",)
    for operator in operators:
        compiler = backend.search(_backend_query(terms, operator), queryset).query_compiler
        rows = compiler.ranked_rows(compiler.get_config(backend))
        if rows is None:
            return None
        if rows:
            break
    return rows, operator


class RankedPages:
    """The pages of ``queryset`` in the order of ``ids``, loaded a slice at a time.

    The object list of the paginator when the whole ranking was read at once: a page of
    results reads its ten pages as the engine's own results would (``specific()``).
    """

    def __init__(self, queryset, ids: list[int]):
        self.queryset = queryset
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        if not ids:
            return []
        pages = {page.pk: page for page in self.queryset.filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]


@dataclass
class RankedSummary:
    """What the search page needs of every match, read in one query (``_ranked_summary``)."""

    operator: str
    count: int
    type_counts: dict
    offset: int
    page_ids: list[int]
    page_types: dict  # content type id of each of page_ids
    facet_counts: dict


class RankedSlice:
    """The pages whose ids ``summary`` read for its page of results: the paginator's object
    list, ``summary.count`` long, of which only that page is read.

    Each page is read as ``specific()`` reads it (``Model.objects``, one query per page
    type), without the query of keys and types ``specific()`` starts with: the ranking
    gave them, its conditions applied.
    """

    def __init__(self, summary: RankedSummary):
        self.summary = summary

    def __len__(self) -> int:
        return self.summary.count

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.start != self.summary.offset:
            raise IndexError("only the page of results read with the ranking")
        ids = self.summary.page_ids[: index.stop - index.start]
        ids_by_type = defaultdict(list)
        for pk in ids:
            ids_by_type[self.summary.page_types[pk]].append(pk)
        pages = {}
        for content_type, pks in ids_by_type.items():
            model = ContentType.objects.get_for_id(content_type).model_class() or Page
            pages.update((page.pk, page) for page in model.objects.filter(pk__in=pks))
        return [pages[pk] for pk in ids if pk in pages]


def _summarises(backend) -> bool:
    """Whether ``_ranked_summary`` answers: SQLite's ranked backend, with ``AS
    MATERIALIZED`` (SQLite 3.35); elsewhere ``ranked_rows`` or the backend's own search."""
    return (
        connection.vendor == "sqlite"
        and hasattr(backend.query_compiler_class, "ranked_source")
        and connection.Database.sqlite_version_info >= (3, 35)
    )


def _ranked_summary(backend, terms, queryset, page_number) -> RankedSummary | None:
    """The count, the matches per type, the ids of the page of results and every facet's
    counts, in one query per operator tried; None when the backend cannot rank so.

    For a search without filters on SQLite. ``ranked_rows`` read the key and type of
    every match into Python (9,000 rows for a common word: 3.5 ms to fetch), to count
    them, slice a page and send the ids of each type back for the facets (sorted and
    written as JSON, then parsed by SQLite). Here the ranked matches stay in SQLite, in
    one materialized table that the page of results (``LIMIT``/``OFFSET`` of the clamped
    page, the paginator's), the counts per type and the facet union read.
    """
    if not _summarises(backend):
        return None
    from .sqlite_ranking import RANKED_ORDER

    models = facet_tools.searchable_page_models()
    content_types = {
        model: ct.pk for model, ct in ContentType.objects.get_for_models(*models).items()
    }

    def rows_of(model, table, joins, key):
        types = _own_types(model, models, content_types)
        placeholders = ", ".join(["%s"] * len(types))
        sql = f"ranked CROSS JOIN {table} ON {key} = ranked.ranked_pk{joins} WHERE "
        sql += f"ranked.ranked_type IN ({placeholders})"
        if len(types) == 1:
            return sql, types
        # As with the matches in Python: a page type is counted, on its matches and its
        # subtypes', only when it has matches of its own (a scalar subquery: run once).
        sql += " AND (SELECT 1 FROM ranked AS own WHERE own.ranked_type = %s LIMIT 1) = 1"
        return sql, [*types, content_types[model]]

    union = _FacetUnion(
        facet_tools.facet_declarations(),
        models,
        content_types,
        None,
        facet_tools.Filters(),
        rows_of,
    )
    width = max(4, union.width)
    nulls = lambda count: ", NULL" * count  # noqa: E731
    requested = min(max(1, page_number), MAX_PAGES)
    per_page = RESULTS_PER_PAGE
    operators = ("and", "or") if len(terms) > 1 else ("and",)
    for operator in operators:
        compiler = backend.search(_backend_query(terms, operator), queryset).query_compiler
        source = compiler.ranked_source(compiler.get_config(backend))
        if source is None:
            return None
        source_sql, source_params = source
        # Names and numbers of this module only; the values are parameters.
        count_all = "SELECT COUNT(*) FROM ranked"
        last_page = f"max(1, (({count_all}) + {per_page - 1}) / {per_page})"
        page_of_results = " ".join(
            (
                # What orders the page comes with it: the order of a union's part is not
                # one SQLite promises to keep.
                "SELECT * FROM (SELECT 0, ranked_pk, ranked_score, ranked_object_id, ranked_type",
                nulls(width - 4),
                f"FROM ranked ORDER BY {RANKED_ORDER} LIMIT {per_page}",
                f"OFFSET (min(%s, {last_page}) - 1) * {per_page})",
            )
        )
        per_type = "SELECT 1, ranked_type, COUNT(*)" + nulls(width - 2)
        selects = [
            page_of_results,
            per_type + " FROM ranked GROUP BY ranked_type",
            *(
                "SELECT 2, *" + nulls(width - union.width) + f" FROM ({part})"  # noqa: S608
                for part in union.parts
            ),
        ]
        sql = f"WITH ranked AS MATERIALIZED ({source_sql}) " + " UNION ALL ".join(selects)
        with connection.cursor() as cursor:
            cursor.execute(sql, (*source_params, requested, *union.params))
            rows = cursor.fetchall()
        type_counts = {row[1]: row[2] for row in rows if row[0] == 1}
        count = sum(type_counts.values())
        if count:
            break
    number = min(requested, max(1, -(-count // per_page)))
    page_rows = [row for row in rows if row[0] == 0]
    page_rows.sort(key=lambda row: row[3], reverse=True)  # object_id descending...
    page_rows.sort(key=lambda row: row[2])  # ...within each score, best first
    facet_rows = [row[1 : union.width + 1] for row in rows if row[0] == 2]
    return RankedSummary(
        operator=operator,
        count=count,
        type_counts=type_counts,
        offset=(number - 1) * per_page,
        page_ids=[row[1] for row in page_rows],
        page_types={row[1]: row[4] for row in page_rows},
        facet_counts=union.counts(facet_rows, type_counts),
    )


def _kept_summary(request, backend, terms, locale, queryset, page_number):
    """``_ranked_summary``, kept for the ``KEPT_SEARCHES`` searches made last in this process
    until the content changes (``hub.sitewide.kept_recent``).

    A search without filters gives every visitor the same count, facets and page of
    results until a page, snippet or view restriction changes, or the search index is
    written (``search.sqlite_ranking.RankedSQLiteIndex``): each of these draws a new content
    generation. Scoring a word found in 9,000 pages and counting its facets took 20 to 25
    ms of SQL at 10,000 pages; the pages of results themselves are read on each request.
    """
    if not _summarises(backend):
        return None  # nothing to keep (PostgreSQL ranks its own way)
    requested = min(max(1, page_number), MAX_PAGES)
    return sitewide.kept_recent(
        request,
        "search summaries",
        (locale.pk, tuple(terms), requested),
        lambda: _ranked_summary(backend, terms, queryset, requested),
        KEPT_SEARCHES,
    )


def _matched_rows(backend, results) -> list[tuple[int, int]]:
    """(primary key, content type id) of every result, read straight from the cursor.

    ``facet("id")`` groups and counts them, then builds a model row for each of 9,000
    matches with Django's converters: 26 ms of Python for a common word. The backend's
    own matching query is kept; only the reading changes.
    """
    compiler = results.query_compiler
    config = compiler.get_config(backend)
    if connection.vendor == "postgresql":
        matched = compiler.search(config, None, None, backend=backend)
    else:
        matched = compiler.search(config, None, None)
    rows = matched.order_by().values_list("pk", "content_type_id")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _count_by(queryset, attname: str) -> dict:
    rows = queryset.values(attname).annotate(count=Count("pk")).order_by()
    return {row[attname]: row["count"] for row in rows}


class _TypedNull(Cast):
    """NULL of the type of ``output_field``: a constant, not a grouping column."""

    def __init__(self, output_field):
        super().__init__(Value(None), output_field=output_field)

    def get_group_by_cols(self):
        return []


class _GroupSubquery(Subquery):
    """A subquery on the grouped columns only: not itself a grouping column, so that it is
    evaluated once per group."""

    def get_group_by_cols(self):
        return []


def _label(related_model, facet, value):
    """The label of each counted value, read once per value after the grouping.

    Joined to the counted rows, the label table was read once per row and the labels
    grouped with the values: a theme's name looked up 25,000 times for a word found in
    9,000 case studies (9 ms of the theme count's 13).
    """
    if not facet.label_field:
        return Value(None, output_field=CharField())
    labels = related_model._default_manager.filter(pk=OuterRef(value)).order_by()
    labels = labels.values(facet.label_field)
    return _GroupSubquery(labels[:1])


def _value_counts(queryset, field, facet, ids=None):
    """Rows of (value, label, count) of one facet: the label is read with the count when
    the facet names its ``label_field``, so that labelling costs no query.

    A many-to-many facet is counted on its link table alone when ``ids`` (the pages to
    count) is given: one row per page and value, without reading the pages' own rows
    (18 ms to 6 ms for a word found in 9,000 case studies).
    """
    if field.many_to_many and ids is not None:
        attname = f"{field.m2m_reverse_field_name()}_id"
        links = field.remote_field.through._default_manager
        return (
            links.filter(**{f"{field.m2m_field_name()}_id__in": ids})
            .values(value=F(attname))
            .annotate(count=Count("pk"), label=_label(field.related_model, facet, attname))
            .order_by()
        )
    attname = field.get_attname()
    if field.is_relation:
        label = _label(field.related_model, facet, attname)
    else:
        label = Value(None, output_field=CharField())
    return queryset.values(value=F(attname)).annotate(count=Count("pk"), label=label).order_by()


def _type_counts(backend, query, locale, filters, matched) -> dict:
    if matched is not None and matched.type_counts is not None and not filters.facets:
        return matched.type_counts  # counted with the match (type filters do not count)
    if matched is not None:
        queryset = facet_tools.restrict(
            Page.objects.filter(pk__in=matched.ids), filters, exclude=facet_tools.TYPE_PARAM
        )
        return _count_by(queryset, "content_type_id") if queryset is not None else {}
    queryset = facet_tools.restrict(base_queryset(locale), filters, exclude=facet_tools.TYPE_PARAM)
    return backend.search(query, queryset).facet("content_type_id") if queryset is not None else {}


def _own_types(model, models, content_types) -> list[int]:
    """The content type ids of ``model`` and of the searched types that extend it: the
    matches a facet declared by ``model`` is counted on."""
    return [content_types[other] for other in models if issubclass(other, model)]


def _db_converters(field):
    """``(converter, expression)``: what Django applies to a value of ``field`` read from
    the database."""
    expression = Value(None, output_field=field)
    converters = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
    return [(converter, expression) for converter in converters]


def _label_sql(related_model, facet, value: str) -> str:
    """The label of the counted ``value`` (a column), read once per value after the
    grouping: the plain SQL twin of ``_label``."""
    quote = connection.ops.quote_name
    meta = related_model._meta
    table = quote(meta.db_table)
    label = quote(meta.get_field(facet.label_field).column)
    return f"(SELECT {label} FROM {table} WHERE {table}.{quote(meta.pk.column)} = {value} LIMIT 1)"  # noqa: S608 - names from the models


def _matched_ids_source(matched, models, content_types):
    """``rows_of`` for ``_facet_union`` over ``matched``'s ids (``Matched.ids_of``)."""

    def rows_of(model, table, joins, key):
        ids = matched.ids_of(_own_types(model, models, content_types))
        if not isinstance(ids, RawSQL):
            ids = list(ids)
            placeholders = ", ".join(["%s"] * len(ids)) or "NULL"
            return f"{table}{joins} WHERE {key} IN ({placeholders})", ids
        if connection.vendor == "sqlite":
            # SQLite reads the ids in order and looks each row up by key, rather than
            # building a temporary index of them to look every row up in (2 ms of 14).
            return f"({ids.sql}) AS matched CROSS JOIN {table} ON {key} = matched.value{joins}", [
                *ids.params
            ]
        return f"{table}{joins} WHERE {key} IN ({ids.sql})", [*ids.params]

    return rows_of


class _FacetUnion:
    """Every facet counted on the matches in one union, when no facet filters them.

    Without a facet filter every facet of a page type counts the same pages, so one
    grouped read of each type's rows gives them all: a query per facet read the 8,000
    case studies of a common word once for the country, once for the type of space
    (wide rows: the story is stored in them). Each page type's grouped rows, and each
    many-to-many facet's link rows, are one part of a union whose columns are every
    facet's value, the count, then every facet's label, NULL where a part does not
    count that facet.

    The union is written as plain SQL from the models' metadata: built by the ORM (five
    parts with their label subqueries, typed NULLs and id lists) it cost more Python
    than its rows cost SQLite. Its values go through the converters the ORM would apply.
    ``rows_of(model, table, joins, key)`` gives the ``FROM`` of a part (the rows of
    ``table`` whose ``key`` is one of the matches of ``model``'s types) and its
    parameters. ``type_counts`` None counts every type: the parts of types without
    matches give no rows, and ``counts(type_counts)`` leaves them out.
    """

    def __init__(self, declarations, models, content_types, type_counts, filters, rows_of):
        quote = connection.ops.quote_name
        self.content_types = content_types
        self.names = [name for name in declarations if name not in facet_tools.RESERVED_PARAMS]
        # PostgreSQL types a union's columns part by part, NULL as text when two parts in a
        # row leave a column NULL: each NULL takes the type of the facet's values.
        null_values, self.converters = {}, {}
        for name in self.names:
            model, facet = declarations[name][0]
            field = facet.model_field(model)
            if field.is_relation:
                field = field.related_model._meta.pk
            field = type(field)()
            null_values[name] = f"CAST(NULL AS {field.cast_db_type(connection)})"
            self.converters[name] = _db_converters(field)
        null_label = f"CAST(NULL AS {TextField().cast_db_type(connection)})"
        self.counted = []  # (name, model, facet) in the order the parts count them
        self.parts, self.params = [], []
        for model in models:
            if (type_counts is not None and not type_counts.get(content_types[model])) or (
                filters.types and model not in filters.types
            ):
                continue  # nothing of this type to count
            declared = [
                (name, facet, facet.model_field(model))
                for name in self.names
                for declaring, facet in declarations[name]
                if declaring is model
            ]
            if not declared:
                continue
            # The page type's own columns in one part, each many-to-many facet in its own.
            groups = [[item for item in declared if not item[2].many_to_many]]
            groups += [[item] for item in declared if item[2].many_to_many]
            for group in groups:
                if not group:
                    continue
                joins = ""
                if group[0][2].many_to_many:
                    field = group[0][2]
                    through = field.remote_field.through._meta
                    table = quote(through.db_table)
                    key = f"{table}.{quote(through.get_field(field.m2m_field_name()).column)}"
                    column = quote(through.get_field(field.m2m_reverse_field_name()).column)
                    columns = [f"{table}.{column}"]
                else:
                    # A field may live in a parent's table (a page's owner): each table's
                    # key is the page's.
                    metas = list(
                        {id(field.model._meta): field.model._meta for *_, field in group}.values()
                    )
                    table = quote(metas[0].db_table)
                    key = f"{table}.{quote(metas[0].pk.column)}"
                    for meta in metas[1:]:
                        other = quote(meta.db_table)
                        joins += f" INNER JOIN {other} ON {other}.{quote(meta.pk.column)} = {key}"
                    columns = [
                        f"{quote(field.model._meta.db_table)}.{quote(field.column)}"
                        for _name, _facet, field in group
                    ]
                counted = {
                    name: (facet, field, column)
                    for (name, facet, field), column in zip(group, columns, strict=True)
                }
                values, labels, grouped = [], [], []
                for name in self.names:
                    value, label = null_values[name], null_label
                    if name in counted:
                        facet, field, column = counted[name]
                        self.counted.append((name, model, facet))
                        value = column
                        grouped.append(str(len(values) + 1))
                        if field.is_relation and facet.label_field:
                            label = _label_sql(field.related_model, facet, value)
                    values.append(value)
                    labels.append(label)
                rows_sql, rows_params = rows_of(model, table, joins, key)
                self.parts.append(
                    # COUNT(*): the rows' keys are never NULL, and the sorter that groups
                    # them need not carry them.
                    f"SELECT {', '.join(values)}, COUNT(*), {', '.join(labels)} "  # noqa: S608 - names from the models, values as parameters
                    f"FROM {rows_sql} GROUP BY {', '.join(grouped)}"
                )
                self.params.extend(rows_params)

    @property
    def width(self) -> int:
        return 2 * len(self.names) + 1

    def counts(self, rows, type_counts) -> dict:
        """``{facet name: (totals, labels, [(model, facet) counted])}`` from the union's rows."""
        counts = {name: (Counter(), {}, []) for name in self.names}
        for name, model, facet in self.counted:
            if type_counts.get(self.content_types[model]):
                counts[name][2].append((model, facet))
        width = len(self.names)
        for row in rows:
            count = row[width]
            for index, name in enumerate(self.names):
                value = row[index]
                if value is None:
                    continue
                for converter, expression in self.converters[name]:
                    value = converter(value, expression, connection)
                totals, labels, _counted = counts[name]
                totals[value] += count
                label = row[width + 1 + index]
                if label is not None:
                    labels[value] = label
        return counts


def _all_facet_counts(declarations, models, content_types, type_counts, matched, filters):
    """Every facet counted on ``matched`` in one query (``_FacetUnion``), when no facet
    filters them: ``{facet name: (totals, labels, [(model, facet) counted])}``."""
    rows_of = _matched_ids_source(matched, models, content_types)
    union = _FacetUnion(declarations, models, content_types, type_counts, filters, rows_of)
    rows = []
    if union.parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(union.parts), union.params)
            rows = cursor.fetchall()
    return union.counts(rows, type_counts)


def _facet_groups(
    backend, query, locale, filters, type_counts, matched=None, counted_at_once=None
) -> list[facet_tools.FacetGroup]:
    groups = []
    models = facet_tools.searchable_page_models()
    content_types = {
        model: ct.pk for model, ct in ContentType.objects.get_for_models(*models).items()
    }
    type_values = []
    for model in models:
        count = type_counts.get(content_types[model], 0)
        selected = model in filters.types
        if count or selected:
            type_values.append(
                facet_tools.FacetValue(
                    facet_tools.type_key(model),
                    capfirst(model._meta.verbose_name),
                    count,
                    selected,
                )
            )
    type_values.sort(key=lambda value: (-value.count, value.label))
    if type_values:
        groups.append(
            facet_tools.FacetGroup(facet_tools.TYPE_PARAM, translation.gettext("Type"), type_values)
        )

    all_declarations = facet_tools.facet_declarations()
    if counted_at_once is None and (
        matched is not None and matched.ids_by_type is not None and not filters.facets
    ):
        counted_at_once = _all_facet_counts(
            all_declarations, models, content_types, type_counts, matched, filters
        )
    for name, declarations in all_declarations.items():
        if name in facet_tools.RESERVED_PARAMS:
            continue
        totals: Counter = Counter()
        labels: dict = {}
        # Values to label, by where their labels come from: page types sharing a taxonomy
        # (countries of case studies and of country profiles) share one query.
        wanted: dict = {}

        def want(model, facet, values, wanted=wanted):
            field = facet.model_field(model)
            source = field.related_model if field.is_relation else (model, field.name)
            wanted.setdefault(source, (model, facet, set()))[2].update(values)

        counted = []  # (model, facet, grouped rows) on the matched ids, run together
        if counted_at_once is not None:
            totals, labels, counted_models = counted_at_once[name]
            totals, labels = Counter(totals), dict(labels)  # kept counts are shared
            for model, facet in counted_models:
                want(model, facet, [value for value in totals if value not in labels])
            declarations_to_count = []
        else:
            declarations_to_count = declarations
        for model, facet in declarations_to_count:
            if name not in filters.facets and not type_counts.get(content_types[model]):
                continue  # no result of this type: nothing to count
            if matched is not None:  # already live, public and in the locale
                own_ids = matched.ids_of(_own_types(model, models, content_types))
                candidates = model._default_manager.filter(pk__in=own_ids)
            else:
                candidates = _public(model._default_manager.live()).filter(locale=locale)
            queryset = facet_tools.restrict(candidates, filters, model=model, exclude=name)
            if queryset is None:
                continue
            field = facet.model_field(model)
            attname = field.get_attname()
            if matched is not None:
                # Unfiltered by the other facets: the matched ids themselves.
                ids = own_ids if queryset is candidates else queryset.values("pk")
                counted.append((model, facet, _value_counts(queryset, field, facet, ids)))
                continue
            counts = backend.search(query, queryset).facet(attname)
            counts = {value: count for value, count in counts.items() if value is not None}
            totals.update(counts)
            want(model, facet, counts)
        if counted:
            # Every page type declaring this facet counted in one query.
            first, *others = [rows for _model, _facet, rows in counted]
            for row in first.union(*others, all=True) if others else first:
                if row["value"] is None:
                    continue
                totals[row["value"]] += row["count"]
                if row["label"] is not None:
                    labels[row["value"]] = row["label"]
            for model, facet, _rows in counted:
                want(model, facet, [value for value in totals if value not in labels])
        active = filters.facets.get(name)
        if active:
            for model, (facet, parsed) in active.per_model.items():
                want(model, facet, [value for value in parsed if value not in labels])
        for model, facet, values in wanted.values():
            if values:
                labels.update(facet.labels(model, list(values)))
        selected = set(active.raw_values) if active else set()
        label_of = {str(value): label for value, label in labels.items()}
        values = [
            facet_tools.FacetValue(
                str(value), label_of.get(str(value), str(value)), count, str(value) in selected
            )
            for value, count in totals.items()
            if count
        ]
        for raw in sorted(selected - {value.value for value in values}):
            values.append(facet_tools.FacetValue(raw, label_of.get(raw, raw), 0, True))
        values.sort(key=lambda value: (-value.count, value.label))
        if values:
            groups.append(facet_tools.FacetGroup(name, declarations[0][1].label, values))
    return groups


def _other_languages(backend, query: str, language: str, filters, request):
    groups = []
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for code, name in settings.LANGUAGES:
        locale = locales.get(code)
        if code == language or locale is None:
            continue
        terms = analyse_query(query, code, max_terms=MAX_TERMS)
        if not terms:
            continue
        queryset = facet_tools.restrict(
            base_queryset(locale), facet_tools.Filters(types=filters.types)
        )
        results, _operator = _search(backend, terms, queryset.specific())
        count = results.count()
        if not count:
            continue
        items = [_item(page, terms, code, request) for page in results[:OTHER_LANGUAGE_RESULTS]]
        with translation.override(code):
            url = reverse("search") + "?" + urlencode({"q": query})
        groups.append(OtherLanguageGroup(code, name, count, items, url))
    return groups


def search(
    query: str,
    language: str,
    filters: facet_tools.Filters,
    page_number: int = 1,
    *,
    request=None,
    other_languages: bool = False,
) -> SearchOutcome:
    """Search ``query`` (already cleaned) in ``language``'s pages."""
    token = _private_q.set(Page.objects.all().private_q())
    try:
        return _search_outcome(query, language, filters, page_number, request, other_languages)
    finally:
        _private_q.reset(token)


def _search_outcome(query, language, filters, page_number, request, other_languages):
    outcome = SearchOutcome(query=query, language=language, filters=filters)
    outcome.terms = analyse_query(query, language, max_terms=MAX_TERMS)
    locale = Locale.objects.filter(language_code=language).first()
    if not outcome.terms or locale is None:
        return outcome
    backend = get_search_backend()
    try:
        queryset = facet_tools.restrict(base_queryset(locale), filters)
        summary = ranked = None
        if queryset is not None and not filters.active:
            summary = _kept_summary(request, backend, outcome.terms, locale, queryset, page_number)
        if summary is None and queryset is not None:
            ranked = _ranked_matches(backend, outcome.terms, queryset)
        if summary is not None:
            outcome.operator = summary.operator
            results = RankedSlice(summary)
        elif ranked is not None:
            rows, outcome.operator = ranked
            results = RankedPages(queryset.specific(), [pk for pk, _content_type in rows])
        elif queryset is not None:
            results, outcome.operator = _search(backend, outcome.terms, queryset.specific())
        query_object = _backend_query(outcome.terms, outcome.operator)
        if summary is not None:
            matched = None
        elif ranked is not None and not filters.active:
            matched = Matched.from_rows(rows)  # the filtered matches are all of them
        else:
            matched = _matched_page_ids(backend, query_object, base_queryset(locale))
        if queryset is not None:
            paginator = Paginator(results, RESULTS_PER_PAGE)
            if summary is not None:
                paginator.count = summary.count
            elif matched is not None and not filters.active:
                paginator.count = matched.count  # the same pages: no count query
            outcome.total = paginator.count
            number = min(max(1, page_number), MAX_PAGES, max(1, paginator.num_pages))
            outcome.page = paginator.page(number)
            outcome.items = [
                _item(page, outcome.terms, language, request) for page in outcome.page.object_list
            ]
        if summary is not None:
            type_counts = summary.type_counts
            outcome.facets = _facet_groups(
                backend,
                query_object,
                locale,
                filters,
                type_counts,
                counted_at_once=summary.facet_counts,
            )
        else:
            type_counts = _type_counts(backend, query_object, locale, filters, matched)
            outcome.facets = _facet_groups(
                backend, query_object, locale, filters, type_counts, matched
            )
        if outcome.page is None or outcome.page.number == 1:
            outcome.promotions = promotions_for(query, language, request)
            promoted_urls = {promotion.url for promotion in outcome.promotions}
            outcome.items = [item for item in outcome.items if item.url not in promoted_urls]
        if outcome.total == 0 or other_languages:
            outcome.other_languages_searched = True
            outcome.other_languages = _other_languages(backend, query, language, filters, request)
    except ENGINE_ERRORS:
        logger.exception("The search engine failed for a query in %s", language)
        raise SearchUnavailable from None
    return outcome


def autocomplete(query: str, language: str, *, request=None) -> list[dict]:
    """Pages of ``language`` with a title word starting with each word typed, for the search box.

    The backends differ in how they match several words (the database backends treat
    only the last one as a prefix, Elasticsearch all of them), so the engine is asked
    for the longest word only and every word is then checked here, the same way for all.
    """
    words = autocomplete_terms(query)[:MAX_TERMS]
    locale = Locale.objects.filter(language_code=language).first()
    if not words or locale is None:
        return []
    # Elasticsearch stores prefixes of up to 15 characters: a longer word matches by its start.
    pivot = max(words, key=len)[:AUTOCOMPLETE_PREFIX_LIMIT]
    backend = get_search_backend()
    try:
        candidates = list(
            backend.autocomplete(pivot, base_queryset(locale))[:AUTOCOMPLETE_CANDIDATES]
        )
    except ENGINE_ERRORS:
        logger.exception("The search engine failed for an autocomplete in %s", language)
        raise SearchUnavailable from None
    pages = []
    for page in candidates:
        title_words = autocomplete_terms(page.title)
        if all(any(title_word.startswith(word) for title_word in title_words) for word in words):
            pages.append(page)
    return [
        {
            "title": page.title,
            "url": page.get_url(request) or "",
            "type": str(capfirst(page.specific_class._meta.verbose_name)),
        }
        for page in pages[:AUTOCOMPLETE_RESULTS]
    ]
