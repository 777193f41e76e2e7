"""Wagtail's database search backend, with a relevance ranking that scales on SQLite.

modelsearch's SQLite backend orders results with a correlated subquery that re-runs
the full-text match once per matching page: a word found in 1,700 pages took over four
seconds for a page of ten results. Here the FTS5 match runs once, ranked by bm25 and
limited to the requested slice in SQL, and only that slice's pages are loaded. Matching,
counting, filtering and facets are modelsearch's own; PostgreSQL (and any other
database) gets the unchanged backend. ``SEARCH_URL`` unset selects this module.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_ranking import RankedSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RankedSQLiteSearchBackend(params)
    return backend
