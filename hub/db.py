"""Database upkeep the query planner needs.

SQLite keeps no table statistics of its own: without them its planner guesses, and for
a facet count over search results it loops over every index entry of a page type and
matches the full-text index once per entry (330 ms for one facet at 6,000 pages, against
11 ms once the statistics exist). ``refresh_statistics`` runs ``ANALYZE`` (bounded on
SQLite by ``analysis_limit``, so that it stays fast on a large database); it is called
after migrations, after ``update_index`` and after bulk loads of content.
PostgreSQL's autovacuum analyses by itself; an explicit ``ANALYZE`` after a bulk load
only saves the wait.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Rows sampled per index on SQLite: enough for the planner, milliseconds to gather.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_statistics(using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def refresh_statistics_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate handler, connected for hub's app config: once per ``migrate`` run."""
    refresh_statistics(using)
