"""What a page type declares to be found by the site search, and in which language.

A page type becomes searchable by inheriting ``SearchableMixin`` (before ``Page``) and
declaring, as class attributes:

* ``search_text_fields``: the fields whose text is searched, besides the title. Each
  entry is a field name or ``(field name, weight)``. A name can be a text or rich text
  field, a StreamField, a method or property returning text, a foreign key or a
  many-to-many relation (its objects' ``str()``, e.g. a country's or a theme's name).
* ``search_facets`` (optional): ``{"url parameter": Facet("field", label)}``. Each
  field must also be an ``index.FilterField`` in ``search_fields``; two page types
  that use the same parameter name share one facet (``country`` on case studies and
  on country profiles).
* ``search_fields``: ``SearchableMixin.search_fields`` (the default, inherited), plus
  the ``index.FilterField`` entries that the facets need; never another
  ``SearchField``: text goes through ``search_text_fields``.

The mixin indexes pre-analysed words (``search_terms``: the title, weighted, and the
declared text, analysed in the page's language by ``search.analysis``) and a folded
title for autocomplete, so every search backend sees the same words. Page's own title
fields stay in the index for the Wagtail admin's page search. Aliases (pages not yet
translated) are not indexed: they repeat their source's text, which the search offers
in its own language. System checks (``search.checks``) reject a declaration that would
not work.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.search import index

from search.analysis import analyse, fold

TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Facet:
    """A filter with counts on the search page, over one ``FilterField`` of a page type.

    ``field`` is a concrete model field: a foreign key or many-to-many relation (values
    are the related objects' primary keys, shown with their ``str()``), a field with
    ``choices`` (shown with the choice labels) or a plain value (an integer year...).
    ``label_field`` names the related model's field that its ``str()`` shows (a
    taxonomy's ``name``): the counts then bring their labels, with no query of their own.
    """

    field: str
    label: str | Promise
    label_field: str = ""

    def model_field(self, model) -> models.Field:
        return model._meta.get_field(self.field)

    def parse(self, model, raw: str):
        """The value of a URL parameter as stored in the index, or None when malformed."""
        field = self.model_field(model)
        target = field.target_field if field.is_relation else field
        try:
            value = target.to_python(raw.strip())
            if value in (None, ""):
                return None
            # Range validators too: 99999999999999999999 is no primary key.
            target.run_validators(value)
        except (ValidationError, TypeError, ValueError, OverflowError):
            return None
        if not field.is_relation and field.choices:
            return value if value in dict(field.flatchoices) else None
        return value

    def labels(self, model, values) -> dict:
        """Display labels for facet values, in the active language."""
        field = self.model_field(model)
        values = [value for value in values if value is not None]
        if field.is_relation:
            related = field.related_model._default_manager.filter(pk__in=values)
            return {obj.pk: str(obj) for obj in related}
        if field.choices:
            choices = dict(field.flatchoices)
            return {value: str(choices.get(value, value)) for value in values}
        return {value: str(value) for value in values}


def _stored_texts(data):
    """The words of a StreamField's stored data: its text values, markup stripped.

    Block types, ids, numbers (image and document ids) and one-word settings such as a
    heading level ("h2") or an alignment are left out.
    """
    if isinstance(data, str):
        text = strip_tags(data).strip()
        if " " in text or len(text) > 12:
            yield text
    elif isinstance(data, dict):
        for key, item in data.items():
            if key not in ("type", "id"):
                yield from _stored_texts(item)
    elif isinstance(data, Sequence):  # lists, and a StreamValue's raw data view
        for item in data:
            yield from _stored_texts(item)


class SearchableMixin(models.Model):
    """Makes a page type findable by the site search in its own language."""

    search_text_fields: ClassVar[tuple] = ()
    search_facets: ClassVar[dict[str, Facet]] = {}

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_terms"),
        index.AutocompleteField("search_autocomplete"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def get_indexed_objects(cls):
        # An alias repeats its source's text in another locale: indexed, it would fill
        # every language's results with English. The search offers the source instead,
        # labelled with its language. A translation replaces the alias and is indexed.
        return super().get_indexed_objects().filter(alias_of__isnull=True)

    @classmethod
    def search_text_sources(cls) -> list[tuple[str, int]]:
        """``search_text_fields`` as (name, weight) pairs."""
        sources = []
        for entry in cls.search_text_fields:
            name, weight = (entry, 1) if isinstance(entry, str) else entry
            sources.append((name, int(weight)))
        return sources

    @property
    def search_language(self) -> str:
        """The language the page's text is written in (the source's, for an alias)."""
        if self.alias_of_id is not None:
            return self.alias_of.locale.language_code
        return self.locale.language_code

    def _text_of(self, name: str, *, follow_relations: bool = True) -> list[str]:
        try:
            field = self._meta.get_field(name)
        except FieldDoesNotExist:
            value = getattr(self, name, None)
            if callable(value):
                value = value()
            return [strip_tags(str(value))] if value else []
        if field.is_relation:
            if not follow_relations:
                return []
            if field.many_to_many or field.one_to_many:
                return [str(obj) for obj in getattr(self, name).all()]
            related = getattr(self, name, None)
            return [str(related)] if related is not None else []
        value = field.value_from_object(self)
        if not follow_relations and isinstance(value, StreamValue):
            # The stored text, without building blocks: an image block would fetch its
            # image (one query per result page of the search).
            return list(_stored_texts(value.raw_data))
        if hasattr(field, "get_searchable_content"):
            return [str(text) for text in field.get_searchable_content(value) if text]
        return [str(value)] if value not in (None, "") else []

    def search_terms(self) -> str:
        """The analysed words the engines index: title (weighted), then declared text."""
        language = self.search_language
        terms = analyse(self.title, language) * TITLE_WEIGHT
        for name, weight in self.search_text_sources():
            for text in self._text_of(name):
                terms.extend(analyse(text, language) * weight)
        return " ".join(terms)

    def search_autocomplete(self) -> str:
        """The title without accents, matched by prefix as the visitor types."""
        return fold(self.title)

    def search_excerpt_text(self) -> str:
        """Plain text to cut the highlighted excerpt from (no relation is fetched)."""
        texts = []
        for name, _weight in self.search_text_sources():
            texts.extend(self._text_of(name, follow_relations=False))
        return " ".join(" ".join(texts).split())
