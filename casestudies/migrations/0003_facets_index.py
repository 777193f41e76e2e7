"""An index of the columns the finder's facet counts read (see ``CaseStudyPage.Meta``)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0002_relation_help_text"),
        ("hub", "0006_page_cache_generation_row"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casestudypage",
            index=models.Index(
                fields=[
                    "page_ptr",
                    "country",
                    "region",
                    "space_type",
                    "desks",
                    "surface_m2",
                    "year_founded",
                ],
                name="casestudy_facets_idx",
            ),
        ),
    ]
