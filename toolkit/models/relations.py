"""How toolkit pages find the pages they show: in the visitor's locale, in few queries.

Related pages are stored as foreign keys to ``wagtailcore.Page`` and synchronised as is
by wagtail-localize, so a French guide's links still point to the English tools. Pages are
therefore matched by ``translation_key`` and shown in the locale of the page being read:
its real translation, or the alias that stands for it until it is translated.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from wagtail.models import Orderable, Page, ReferenceIndex

# The case-study page type, named rather than imported: content apps never import
# each other (toolkit only knows it by its label).
CASE_STUDY_PAGE = "casestudies.CaseStudyPage"
TOOL_PAGE = "toolkit.ToolPage"


def page_model(label: str):
    """The page model for ``app_label.ModelName``, or None if that app does not define it."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def localized_live(model, translation_keys, locale):
    """Live pages of ``model`` in ``locale`` among ``translation_keys`` (a list or subquery).

    The locale and alias source are fetched with the pages, so that templates can mark
    an untranslated alias with its real language without a query per page.
    """
    return (
        model.objects.live()
        .filter(locale=locale, translation_key__in=translation_keys)
        .select_related("locale", "alias_of__locale")
    )


def localized_in_order(keys, model, locale, prefetch=()) -> list:
    """The live versions in ``locale`` of the pages of ``keys`` (translation keys), in
    their order, without duplicates.

    Pages that are not of ``model``, not published or not in the locale tree are left out.
    One query, whatever the number of pages (plus one per ``prefetch`` lookup); none
    without keys.
    """
    keys = list(dict.fromkeys(key for key in keys if key is not None))
    if not keys or model is None:
        return []
    versions = localized_live(model, keys, locale).prefetch_related(*prefetch)
    found = {page.translation_key: page for page in versions}
    return [found[key] for key in keys if key in found]


def referencing_keys(target: Page) -> list[tuple]:
    """``(translation key, model)`` of every page that references ``target`` in any language.

    Uses Wagtail's ReferenceIndex, which records every foreign key, chooser block and
    rich-text link of every page: the references to any version of the target (its source
    and translations) are gathered, with the family and type of each referencing page. One
    small query in plain SQL: it runs on every view of a tool, and the ORM took longer to
    build its nested subqueries than the database to answer them.
    """
    page_type = ContentType.objects.get_for_model(Page)
    quote = connection.ops.quote_name
    pages = quote(Page._meta.db_table)
    references = quote(ReferenceIndex._meta.db_table)
    text = connection.ops.cast_char_field_without_max_length
    integer = connection.data_types["BigIntegerField"]
    key_field = Page._meta.get_field("translation_key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT source.translation_key, source.content_type_id "  # noqa: S608 (names)
            f"FROM {pages} source WHERE source.id IN ("
            f"SELECT CAST(reference.object_id AS {integer}) FROM {references} reference "
            f"WHERE reference.to_content_type_id = %s AND reference.base_content_type_id = %s "
            f"AND reference.to_object_id IN ("
            f"SELECT CAST(target.id AS {text}) FROM {pages} target "
            f"WHERE target.translation_key = %s))",
            [
                page_type.pk,
                page_type.pk,
                key_field.get_db_prep_value(target.translation_key, connection),
            ],
        )
        rows = cursor.fetchall()
    return [
        (key_field.to_python(key), ContentType.objects.get_for_id(type_id).model_class())
        for key, type_id in rows
    ]


def pages_referencing(target: Page, model, locale, keys=None):
    """Live pages of ``model`` in ``locale`` that reference ``target`` in any language.

    The referencing pages (``referencing_keys``, read once for ``keys`` when a page shows
    several types of them) are mapped to their versions in ``locale``: one query more,
    only when some page of ``model`` references the target.
    """
    if model is None:
        return Page.objects.none()
    if keys is None:
        keys = referencing_keys(target)
    found = [key for key, found_model in keys if found_model and issubclass(found_model, model)]
    if not found:
        return model.objects.none()
    return localized_live(model, found, locale).order_by("title")


class RelatedPageLink(Orderable):
    """A link from a page to another page of one given type, chosen by the editor.

    Subclasses define the ParentalKey and the target foreign key, and name the target
    field, the expected page type (``app_label.ModelName``) and what to tell an editor
    who chose a page of another type.
    """

    target_field = ""
    target_page_type = ""
    wrong_type_message = ""

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        target = getattr(self, self.target_field, None)
        if target is None:
            return
        model = target.specific_class
        if model is None or model._meta.label != self.target_page_type:
            raise ValidationError({self.target_field: self.wrong_type_message})
