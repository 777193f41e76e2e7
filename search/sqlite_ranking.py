"""Relevance ranking in one query for Wagtail's SQLite full-text backend (see search.backends).

Imported only when the database is SQLite: modelsearch's SQLite modules need the FTS5
index model, which exists on SQLite only.
"""

from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page

from hub import cache as page_cache

# Best first: the order of ``RankedQueryMixin.ranked_source``'s rows.
RANKED_ORDER = "ranked_score ASC, ranked_object_id DESC"


class RankedQueryMixin:
    def _scored_entries(self, config):
        """(the full-text index entries of the page types searched that match the query,
        their relevance score); None when the results are not ordered by relevance."""
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        matching = SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
        )
        return matching, self._build_rank_expression(self.get_search_vectors(), config)

    def ranked_object_ids(self, config, start, stop):
        """[(object id, score)] of the slice, best first; None when not ranking by relevance."""
        scored = self._scored_entries(config)
        if scored is None:
            return None
        matching, rank = scored
        candidates = self.queryset.order_by().annotate(_object_id=Cast("pk", TextField()))
        ranked = (
            matching.filter(index_entry__object_id__in=candidates.values("_object_id"))
            .annotate(score=rank)
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", "score")
        )
        return list(ranked[start:stop])

    def ranked_source(self, config) -> tuple[str, tuple] | None:
        """``(sql, params)`` selecting every result's ``ranked_pk``, ``ranked_type``,
        ``ranked_score`` and ``ranked_object_id``, unordered (best first is ``RANKED_ORDER``);
        None when not ranking by relevance.

        The match is scored once and each entry is joined to its page by key, the
        candidates' own conditions applied to that row (see ``ranked_rows``).
        """
        scored = self._scored_entries(config)
        if scored is None:
            return None
        matching, rank = scored
        entries = matching.values(ranked_object_id=F("index_entry__object_id"), ranked_score=rank)
        candidates = self.queryset.order_by().values(
            ranked_pk=F("pk"), ranked_type=F("content_type_id")
        )
        entries_sql, entries_params = entries.query.sql_with_params()
        candidates_sql, candidates_params = candidates.query.sql_with_params()
        # CROSS JOIN keeps the match outside: each matching entry looks its page up by key.
        # Both parts are the ORM's own SQL, their values passed as parameters.
        sql = " ".join(
            (
                "SELECT candidate.ranked_pk, candidate.ranked_type,",
                "entry.ranked_score, entry.ranked_object_id FROM",
                f"({entries_sql}) AS entry CROSS JOIN ({candidates_sql}) AS candidate",
                "ON candidate.ranked_pk = CAST(entry.ranked_object_id AS integer)",
            )
        )
        return sql, (*entries_params, *candidates_params)

    def ranked_rows(self, config) -> list[tuple[int, int]] | None:
        """(primary key, content type id) of every result, best first; None when not ranking.

        One pass instead of two: the ranked slice above and the list of every match (for
        the count and the facets) each ran the full-text match, and the slice kept only
        the index entries whose ``object_id`` was ``IN`` the text of every candidate's key
        (the locale's 10,000 pages, read and cast for each search). Here the match is
        scored once and each entry is joined to its page by key, the candidates' own
        conditions applied to that row; the order is the slice's (score, then the entry's
        ``object_id`` descending), so a page of it is the page the slice gives.
        """
        source = self.ranked_source(config)
        if source is None:
            return None
        sql, params = source
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT ranked_pk, ranked_type FROM ({sql}) ORDER BY {RANKED_ORDER}",  # noqa: S608 - the ORM's SQL
                params,
            )
            return cursor.fetchall()


class RankedSearchQueryCompiler(RankedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class RankedAutocompleteQueryCompiler(RankedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSearchResults(SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        ranked = compiler.ranked_object_ids(
            compiler.get_config(self.backend), self.start, self.stop
        )
        if ranked is None:
            return super()._do_search()
        objects = {
            str(obj.pk): obj
            for obj in compiler.queryset.filter(pk__in=[object_id for object_id, _ in ranked])
        }
        results = []
        for object_id, score in ranked:
            obj = objects.get(object_id)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results


class RankedSQLiteIndex(SQLiteIndex):
    """modelsearch's index, each of whose writes of pages draws a new content generation.

    The summaries of the last searches are kept until the content changes
    (``search.engine._kept_summary``). Saving a page changes the generation, but the
    index may be written later, by a task worker, or by ``update_index``: a search made
    in between would keep the old index's results until the next change. The entries of
    images, documents and users, which the site's search does not read, change nothing.
    """

    def add_items(self, model, objs):
        super().add_items(model, objs)
        if issubclass(model, Page):
            page_cache.invalidate()

    def delete_item(self, item):
        super().delete_item(item)
        if isinstance(item, Page):
            page_cache.invalidate()

    def delete_stale_entries(self):
        super().delete_stale_entries()
        page_cache.invalidate()

    def reset(self):
        super().reset()
        page_cache.invalidate()


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = RankedSQLiteIndex
    query_compiler_class = RankedSearchQueryCompiler
    autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
    results_class = RankedSearchResults
