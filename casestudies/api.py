"""What API v2 exposes of a case study (/api/v2/pages/?type=casestudies.CaseStudyPage)."""

from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

from hub.api_fields import KeyFiguresField, TermField, TermListField

CASE_STUDY_API_FIELDS = [
    APIField("summary"),
    APIField("city"),
    APIField("region", serializer=TermField(key="")),
    APIField("country", serializer=TermField(key="code")),
    APIField("latitude"),
    APIField("longitude"),
    APIField("space_type", serializer=TermField()),
    APIField("themes", serializer=TermListField()),
    APIField("year_founded"),
    APIField("surface_m2"),
    APIField("desks"),
    APIField("members"),
    APIField("business_model"),
    APIField("governance"),
    APIField("website"),
    APIField("key_figures", serializer=KeyFiguresField()),
    APIField("licence"),
    APIField("hero_image"),
    APIField(
        "hero_image_thumbnail",
        serializer=ImageRenditionField("fill-1200x630|format-jpeg", source="hero_image"),
    ),
]
