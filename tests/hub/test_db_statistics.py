"""The query planner gets table statistics after migrations and bulk loads."""

import pytest
from django.db import connection

from hub.db import refresh_statistics
from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_refresh_statistics_records_the_size_of_the_tables(home):
    StandardPageFactory.create_batch(3, parent=home)
    refresh_statistics()
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its statistics in its catalog (autovacuum)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        rows = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        pages = cursor.fetchone()[0]
    assert rows, "ANALYZE left no statistics for the page table"
    assert int(rows[0].split()[0]) == pages


@pytest.mark.django_db
def test_the_indexes_the_hot_queries_need_exist():
    """Routing looks pages up by url_path; PostgreSQL's search matches title || body."""
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "wagtailcore_page"))
        assert "hub_page_url_path_idx" in names
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["hub_indexentry_title_body_gin"],
            )
            assert "gin" in cursor.fetchone()[0].lower()


@pytest.mark.django_db
def test_an_empty_restriction_table_is_planned_as_small(home):
    """With no view restriction, Wagtail's ``public()`` must not read the page table to
    join it to the empty restriction table (SQLite guesses a million rows without a
    statistics row)."""
    StandardPageFactory.create_batch(3, parent=home)
    refresh_statistics()
    refresh_statistics()  # again: no duplicate statistics row
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its statistics in its catalog (autovacuum)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_pageviewrestriction'"
        )
        assert [row[0] for row in cursor.fetchall()] == ["1"]
        # The planner's choice on a large site: 60,000 pages, no restriction.
        cursor.execute(
            "UPDATE sqlite_stat1 SET stat = '60000 1' "
            "WHERE tbl = 'wagtailcore_page' AND idx = 'sqlite_autoindex_wagtailcore_page_1'"
        )
        cursor.execute("ANALYZE sqlite_schema")
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM wagtailcore_pageviewrestriction r "
            "INNER JOIN wagtailcore_page p ON r.page_id = p.id"
        )
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "SCAN r" in plan and "SCAN p" not in plan, plan


@pytest.mark.django_db
def test_sqlite_connections_read_through_a_large_page_cache():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -65536
    assert connection.settings_dict["CONN_MAX_AGE"] != 0  # kept between requests


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_leaves_the_new_rows_visible_to_index_only_scans(home):
    """PostgreSQL: after a bulk load the pages' rows are vacuumed, so that index-only scans
    (the finder's facet counts) need not read them."""
    StandardPageFactory.create_batch(3, parent=home)
    refresh_statistics(bulk_load=True)
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no visibility map")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'wagtailcore_page'"
        )
        visible, pages = cursor.fetchone()
    assert pages and visible == pages
