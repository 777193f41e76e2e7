"""How a case study is translated, and how its taxonomy links follow its language.

Text is translated; coordinates, numbers, dates, choices and taxonomy links are
synchronised from the source. A synchronised taxonomy link would point to the source
language's term (an English theme on a French page), so a case study's save points each
link to the term's version in the page's own locale when it exists: a French page shows
French names, and a country's French profile finds its French case studies, whether
they are translated yet or still aliases of the English page.
"""

from django.db.models import Subquery
from wagtail_localize.fields import SynchronizedField, TranslatableField

LOCALIZED_FOREIGN_KEYS = ("country", "region", "space_type", "operator", "partner")

CASE_STUDY_TRANSLATABLE_FIELDS = [
    # Translated text (stream fields and text fields are translated by default).
    TranslatableField("summary"),
    TranslatableField("city"),
    TranslatableField("hero_image_alt"),
    TranslatableField("source_name"),
    TranslatableField("contacts"),  # their role
    TranslatableField("gallery_images"),  # captions and alternative text
    # Kept identical in every language.
    *(
        SynchronizedField(name, overridable=False)
        for name in (
            "latitude",
            "longitude",
            "year_founded",
            "surface_m2",
            "desks",
            "members",
            "business_model",
            "governance",
            "licence",
            "source_year",
            "themes",
            *LOCALIZED_FOREIGN_KEYS,
            "relations",
            "tool_links",
        )
    ),
    # Kept identical unless a translator sets a version for their language.
    SynchronizedField("hero_image"),
    SynchronizedField("website"),
    SynchronizedField("source_url"),
]


def _in_locale(model, pk, locale_id):
    source = model.objects.filter(pk=pk).values("translation_key")[:1]
    return model.objects.filter(locale_id=locale_id, translation_key=Subquery(source)).first()


def localize_taxonomy_links(page) -> None:
    """Point the page's taxonomy links to their versions in the page's locale."""
    locale_id = page.locale_id
    if locale_id is None:
        return
    for name in LOCALIZED_FOREIGN_KEYS:
        field = page._meta.get_field(name)
        pk = getattr(page, field.attname)
        if pk is None:
            continue
        current = field.get_cached_value(page, default=None)
        if current is not None and current.pk == pk and current.locale_id == locale_id:
            continue
        localized = _in_locale(field.related_model, pk, locale_id)
        if localized is not None and localized.pk != pk:
            setattr(page, name, localized)
    themes = list(page.themes.all())
    if any(theme.locale_id != locale_id for theme in themes):
        model = page._meta.get_field("themes").related_model
        localized = {
            theme.translation_key: theme
            for theme in model.objects.filter(
                locale_id=locale_id, translation_key__in=[t.translation_key for t in themes]
            )
        }
        page.themes.set([localized.get(theme.translation_key, theme) for theme in themes])
