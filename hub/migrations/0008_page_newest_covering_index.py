"""A covering index on Wagtail's pages in publication order, for the finder's first pages.

The case-study finder lists a language's case studies newest first. Found by the range
of their tree paths (``hub_page_tree_listing_idx``), every case study of the language
must be sorted to show the first twelve: 8,400 at 10,000 pages per language. Read from
this index, newest first, the scan stops at the twelfth case study of the section, and
the index alone answers it (``casestudies.finder.Finder.cards``). The page id follows
the date because it breaks the ties of the order (``first_published_at DESC, id DESC``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0007_page_tree_covering_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS hub_page_newest_idx ON wagtailcore_page "
            "(first_published_at, id, path, depth, live, content_type_id)",
            reverse_sql="DROP INDEX IF EXISTS hub_page_newest_idx",
        ),
    ]
