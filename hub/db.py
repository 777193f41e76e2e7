"""Database upkeep the query planner needs.

SQLite keeps no table statistics of its own: without them its planner guesses, and for
a facet count over search results it loops over every index entry of a page type and
matches the full-text index once per entry (330 ms for one facet at 6,000 pages, against
11 ms once the statistics exist). ``refresh_statistics`` runs ``ANALYZE`` (bounded on
SQLite by ``analysis_limit``, so that it stays fast on a large database); it is called
after migrations, after ``update_index`` and after bulk loads of content.
PostgreSQL's autovacuum analyses by itself; an explicit ``ANALYZE`` after a bulk load
only saves the wait. After a bulk load it runs ``VACUUM (ANALYZE)`` there: until a
vacuum marks the new rows' pages visible to all, an index-only scan still reads each
row, and the finder's counts read the wide case-study rows instead of their facet index
(64 instead of 111 ms for the finder at 10,000 pages, once vacuumed).
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Rows sampled per index on SQLite: enough for the planner, milliseconds to gather.
SQLITE_ANALYSIS_LIMIT = 1000

# Tables that hold a handful of rows by nature. ANALYZE writes no statistics for an
# empty table, and SQLite's planner then guesses a million rows: with no view
# restriction on the site, Wagtail's ``PageQuerySet.public()`` read the whole page table
# to join it to the empty restriction table (7 ms at 60,000 pages, on every search).
SMALL_TABLES = (
    "wagtailcore_pageviewrestriction",
    "wagtailcore_pageviewrestriction_groups",
    "wagtailcore_collectionviewrestriction",
    "wagtailcore_collectionviewrestriction_groups",
)


def refresh_statistics(using: str = DEFAULT_DB_ALIAS, *, bulk_load: bool = False) -> None:
    """``bulk_load``: many rows were just written (PostgreSQL vacuums them too, outside a
    transaction, where ``VACUUM`` can run)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
            # An empty small table is recorded as one row (SQLite reads sqlite_stat1 as
            # written; ``ANALYZE sqlite_schema`` makes open connections reread it).
            for table in SMALL_TABLES:
                cursor.execute(
                    "INSERT INTO sqlite_stat1 (tbl, idx, stat) SELECT name, NULL, '1' "
                    "FROM sqlite_schema WHERE type = 'table' AND name = %s "
                    "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = %s)",
                    [table, table],
                )
            cursor.execute("ANALYZE sqlite_schema")
        elif connection.vendor == "postgresql":
            vacuum = bulk_load and not connection.in_atomic_block
            cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


def refresh_statistics_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate handler, connected for hub's app config: once per ``migrate`` run."""
    refresh_statistics(using)
