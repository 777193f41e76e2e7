"""Filters and facet counts for whatever page types declare them.

The search app knows no page type by name. It asks Wagtail for the page models
(``get_page_models``), keeps those that inherit ``SearchableMixin``, and reads their
``search_facets``. The content type is always a facet (URL parameter ``type``, values
``app_label.model``); every other facet is a URL parameter named after its key in
``search_facets``. Values are combined with OR inside a facet and AND across facets.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, get_page_models

from hub.models import Facet, SearchableMixin

TYPE_PARAM = "type"
RESERVED_PARAMS = frozenset({"q", "page", TYPE_PARAM, "other"})
MAX_VALUES_PER_FACET = 20


def searchable_page_models() -> list[type[Page]]:
    """Every concrete page model that takes part in the search, in a stable order."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, SearchableMixin) and not model._meta.abstract
    ]


def type_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def searchable_content_type_ids() -> list[int]:
    models = searchable_page_models()
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def facet_declarations() -> dict[str, list[tuple[type[Page], Facet]]]:
    """Facet name → the page models that declare it, with their declaration."""
    declarations: dict[str, list[tuple[type[Page], Facet]]] = {}
    for model in searchable_page_models():
        for name, facet in model.search_facets.items():
            declarations.setdefault(name, []).append((model, facet))
    return declarations


@dataclass
class ActiveFacet:
    """The valid values of one facet parameter, parsed for each model that declares it."""

    name: str
    raw_values: list[str]
    per_model: dict[type[Page], tuple[Facet, list]]


@dataclass
class Filters:
    """The filters of a search request, every malformed or unknown value dropped."""

    types: list[type[Page]] = field(default_factory=list)
    facets: dict[str, ActiveFacet] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.types or self.facets)

    def params(self, *, without: tuple[str, str] | None = None, adding=None) -> list[tuple]:
        """The filters as (parameter, value) pairs, optionally minus or plus one value."""
        pairs = [(TYPE_PARAM, type_key(model)) for model in self.types]
        for name, active in self.facets.items():
            pairs.extend((name, value) for value in active.raw_values)
        if without is not None:
            pairs = [pair for pair in pairs if pair != without]
        if adding is not None and adding not in pairs:
            pairs.append(adding)
        return pairs


def parse_filters(params) -> Filters:
    """Read filters from a QueryDict; what does not parse is ignored, never an error."""
    models_by_key = {type_key(model): model for model in searchable_page_models()}
    filters = Filters()
    for raw in params.getlist(TYPE_PARAM)[:MAX_VALUES_PER_FACET]:
        model = models_by_key.get(str(raw).strip().lower())
        if model is not None and model not in filters.types:
            filters.types.append(model)
    for name, declarations in facet_declarations().items():
        if name in RESERVED_PARAMS:
            continue
        raw_values = [str(value) for value in params.getlist(name)[:MAX_VALUES_PER_FACET]]
        accepted: list[str] = []
        per_model: dict[type[Page], tuple[Facet, list]] = {}
        for raw in raw_values:
            for model, facet in declarations:
                value = facet.parse(model, raw)
                if value is None:
                    continue
                facet_values = per_model.setdefault(model, (facet, []))[1]
                if value not in facet_values:
                    facet_values.append(value)
                if str(value) not in accepted:
                    accepted.append(str(value))
        if per_model:
            filters.facets[name] = ActiveFacet(name, accepted, per_model)
    return filters


def restrict(queryset, filters: Filters, *, model=None, exclude: str | None = None):
    """``queryset`` limited by the filters (all but ``exclude``); None if it can match nothing.

    ``model`` is the queryset's model when it is one page type (for facet counts): a
    type filter that leaves it out, or a facet it does not declare, empties it.
    """
    if filters.types and exclude != TYPE_PARAM:
        if model is not None:
            if model not in filters.types:
                return None
        else:
            content_types = ContentType.objects.get_for_models(*filters.types).values()
            queryset = queryset.filter(content_type__in=[ct.pk for ct in content_types])
    for name, active in filters.facets.items():
        if name == exclude:
            continue
        condition = None
        for facet_model, (facet, values) in active.per_model.items():
            if model is not None and facet_model is not model:
                continue
            matching = facet_model._default_manager.filter(**{f"{facet.field}__in": values})
            clause = Q(id__in=matching.values("pk"))
            condition = clause if condition is None else condition | clause
        if condition is None:
            return None
        queryset = queryset.filter(condition)
    return queryset


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]
