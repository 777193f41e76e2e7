"""The content generation's row exists from the start (hub/cache.py, hub/sitewide.py).

Visitors' requests read the generation but never write it: without the row, the
site-wide values (hub/sitewide.py) would be read again on every request until a first
change or a first cached page created it.
"""

import uuid

from django.db import migrations


def create_row(apps, schema_editor):
    generation = apps.get_model("hub", "PageCacheGeneration")
    generation.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0005_search_title_body_index"),
    ]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
