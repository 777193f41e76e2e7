"""Translatable and synchronised fields shared by every page type.

wagtail-localize derives defaults from field types; page types state them explicitly
so that a new field is a conscious choice. A page type writes::

    override_translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("introduction"),  # text: translated
        TranslatableField("body"),  # StreamField: text blocks become segments
        SynchronizedField("latitude"),  # numbers, dates, coordinates: copied
    ]

Text, captions and alt text are ``TranslatableField``; numbers, dates, coordinates,
choices and links to images or documents are ``SynchronizedField`` (overridable per
locale unless ``overridable=False``); a ``ForeignKey`` to a translatable snippet is a
``TranslatableField``, so the translation points to the snippet's translation.
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    # Translated slugs give localised URLs (/fr/a-propos/); wagtail-localize slugifies
    # whatever the translator writes and keeps it unique among siblings.
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus", overridable=False),
]
