"""A page's saved links to other pages (the rows of its inline panels), in plain SQL.

Detail pages read their links on every view: the rows are tiny, and the ORM took longer
to build the query than the database took to answer it.
"""

from django.db import connection
from wagtail.models import Page


def saved_links(page_pk: int, kinds) -> list[tuple]:
    """``(kind, target's translation key, sort order)`` of every link of the page, in
    editor order (rows never saved by a form, without a position, first), in one query.

    ``kinds``: ``(kind, link model, name of the link's field that points at the target)``
    for each kind of link; ``kind`` is an SQL expression over the link row (``link``),
    such as a column or a constant, that tells the kinds apart in the result.
    """
    quote = connection.ops.quote_name
    pages = quote(Page._meta.db_table)

    def part(kind, model, target):
        target_column = quote(model._meta.get_field(target).column)
        page_column = quote(model._meta.get_field("page").column)
        return (
            f"SELECT {kind}, page.translation_key, link.sort_order, link.id "  # noqa: S608 (names)
            f"FROM {quote(model._meta.db_table)} link "
            f"INNER JOIN {pages} page ON page.id = link.{target_column} "
            f"WHERE link.{page_column} = %s"
        )

    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(part(*kind) for kind in kinds), [page_pk] * len(kinds))
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[2] is not None, row[2] or 0, row[3]))
    uuid = Page._meta.get_field("translation_key").to_python  # SQLite answers text
    return [(kind, uuid(key), order) for kind, key, order, _id in rows]
