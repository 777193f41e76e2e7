"""System checks: a page type's search declaration either works or stops `manage.py check`."""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from wagtail.search import index

from .facets import RESERVED_PARAMS, searchable_page_models

RAW_FIELD_TYPES = (index.SearchField, index.AutocompleteField)
ANALYSED_FIELDS = {"search_terms", "search_autocomplete"}
# Page's own raw title fields stay indexed, for the Wagtail admin's page search.
ALLOWED_TEXT_FIELDS = ANALYSED_FIELDS | {"title"}


def _has_attribute_or_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return hasattr(model, name)
    return True


def _check_model(model) -> list[checks.CheckMessage]:
    errors = []
    label = model._meta.label
    search_fields = model.get_search_fields()
    raw = [
        field.field_name
        for field in search_fields
        if isinstance(field, RAW_FIELD_TYPES) and field.field_name not in ALLOWED_TEXT_FIELDS
    ]
    names = {field.field_name for field in search_fields}
    if raw or not ANALYSED_FIELDS | {"locale", "content_type"} <= names:
        errors.append(
            checks.Error(
                f"{label} indexes text that the project's analysis does not see: {raw or 'none'}.",
                hint=(
                    "Put SearchableMixin before Page in the bases, keep "
                    "SearchableMixin.search_fields and list text in search_text_fields; "
                    "add only index.FilterField entries."
                ),
                obj=model,
                id="hubsearch.E001",
            )
        )
    for entry in model.search_text_fields:
        name = entry if isinstance(entry, str) else entry[0]
        if not _has_attribute_or_field(model, name):
            errors.append(
                checks.Error(
                    f"{label}.search_text_fields names {name!r}, which it does not have.",
                    obj=model,
                    id="hubsearch.E002",
                )
            )
    filter_names = {
        field.field_name for field in search_fields if isinstance(field, index.FilterField)
    }
    for name, facet in model.search_facets.items():
        if name in RESERVED_PARAMS:
            errors.append(
                checks.Error(
                    f"{label}.search_facets uses the reserved parameter name {name!r}.",
                    hint=f"Reserved: {', '.join(sorted(RESERVED_PARAMS))}.",
                    obj=model,
                    id="hubsearch.E003",
                )
            )
        try:
            model._meta.get_field(facet.field)
        except FieldDoesNotExist:
            errors.append(
                checks.Error(
                    f"{label}.search_facets[{name!r}] names {facet.field!r}, not a model field.",
                    obj=model,
                    id="hubsearch.E004",
                )
            )
            continue
        if facet.field not in filter_names:
            errors.append(
                checks.Error(
                    f"{label}.search_facets[{name!r}] needs index.FilterField({facet.field!r}).",
                    hint="Add it to search_fields: [*SearchableMixin.search_fields, ...].",
                    obj=model,
                    id="hubsearch.E005",
                )
            )
        if facet.label_field:
            related = model._meta.get_field(facet.field).related_model
            try:
                if related is None:
                    raise FieldDoesNotExist
                related._meta.get_field(facet.label_field)
            except FieldDoesNotExist:
                errors.append(
                    checks.Error(
                        f"{label}.search_facets[{name!r}] has label_field "
                        f"{facet.label_field!r}, not a field of the related model.",
                        hint="label_field names the field that the related objects' str() shows.",
                        obj=model,
                        id="hubsearch.E006",
                    )
                )
    return errors


@checks.register(checks.Tags.models)
def check_searchable_page_types(app_configs=None, **kwargs):
    errors = []
    for model in searchable_page_models():
        if app_configs is None or model._meta.app_config in app_configs:
            errors.extend(_check_model(model))
    return errors
