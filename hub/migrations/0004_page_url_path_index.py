"""An index on Wagtail's page ``url_path``.

The hub's routing (hub.translation.routing) finds a requested page and its ancestors in
one query, by their URL paths. Wagtail keeps ``url_path`` without an index, so that query
read the whole page table (30 ms at 60,000 pages, on every page view); with the index it
looks up the few paths it asks for.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_page_cache_generation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS hub_page_url_path_idx ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS hub_page_url_path_idx",
        ),
    ]
