"""Side-by-side comparison of two to four case studies of one index."""

import re
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import CaseStudyPage

MIN_CASES = 2
MAX_CASES = 4
PARAM = "case"
_ID = re.compile(r"^[0-9]{1,12}$")


@dataclass
class Row:
    label: str
    values: list = field(default_factory=list)  # one list of strings per case (empty: not given)


@dataclass
class Comparison:
    cases: list = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return MIN_CASES <= len(self.cases) <= MAX_CASES


def requested_ids(query) -> tuple[list[int], int]:
    """Distinct well-formed ids in the order given, and how many values were malformed."""
    ids, malformed = [], 0
    for raw in query.getlist(PARAM)[:50]:
        value = raw.strip()
        if _ID.match(value):
            if int(value) not in ids:
                ids.append(int(value))
        else:
            malformed += 1
    return ids, malformed


def compare(finder, query) -> Comparison:
    """The comparison the query asks for, or the messages that say why there is none."""
    result = Comparison()
    ids, malformed = requested_ids(query)
    if len(ids) > MAX_CASES:
        result.messages.append(
            _(
                "You chose %(count)s case studies: up to four can be compared side by side. "
                "Go back and untick some of them."
            )
            % {"count": len(ids)}
        )
        return result
    pages = {
        page.pk: page
        for page in CaseStudyPage.listing_queryset()
        .child_of(finder.index)
        .filter(pk__in=ids)
        .select_related("operator")
    }
    missing = malformed + sum(1 for pk in ids if pk not in pages)
    if missing:
        result.messages.append(
            ngettext(
                "%(count)s of the chosen case studies could not be found in this language: "
                "it may have been unpublished.",
                "%(count)s of the chosen case studies could not be found in this language: "
                "they may have been unpublished.",
                missing,
            )
            % {"count": missing}
        )
    cases = [pages[pk] for pk in ids if pk in pages]
    if len(cases) < MIN_CASES:
        result.messages.append(
            ngettext(
                "Choose at least two case studies to compare: you chose %(count)s.",
                "Choose at least two case studies to compare: you chose %(count)s.",
                len(cases),
            )
            % {"count": len(cases)}
        )
        return result
    result.cases = cases
    result.rows = _rows(finder, cases)
    return result


def _number(value, unit=""):
    if value is None or value == "":
        return ""
    if not isinstance(value, int) and value == int(value):
        value = int(value)
    text = number_format(value, force_grouping=True)
    return f"{text} {unit}".strip()


def _rows(finder, cases) -> list[Row]:
    countries, types, themes = finder.countries(), finder.space_types(), finder.themes()
    regions = finder.regions()

    def country(case):
        term = countries.get(case.country.code)
        return term.name if term else case.country.name

    def region(case):
        if case.region is None:
            return ""
        term = regions.get(case.region.translation_key)
        return term.name if term else case.region.name

    def space_type(case):
        term = types.get(case.space_type.slug)
        return term.name if term else case.space_type.name

    def theme_names(case):
        return [
            themes[theme.slug].name if theme.slug in themes else theme.name
            for theme in case.themes.all()
        ]

    def key_figures(case):
        figures = []
        for figure in case.key_figures:
            text = f"{_number(figure.get('value'), figure.get('unit') or '')} {figure.get('label')}"
            if figure.get("year"):
                text = f"{text} ({figure['year']})"
            figures.append(text.strip())
        return figures

    facts = [
        (_("City or town"), lambda c: c.city),
        (_("Region"), region),
        (_("Country"), country),
        (_("Type of space"), space_type),
        (_("Themes"), theme_names),
        (_("Year founded"), lambda c: str(c.year_founded) if c.year_founded else ""),
        (_("Surface"), lambda c: _number(c.surface_m2, "m²")),
        (_("Desks"), lambda c: _number(c.desks)),
        (_("Members"), lambda c: _number(c.members)),
        (_("Business model"), lambda c: c.get_business_model_display()),
        (_("Governance"), lambda c: c.get_governance_display()),
        (_("Operator"), lambda c: c.operator.name if c.operator else ""),
        (_("Key figures"), key_figures),
        (_("Licence"), lambda c: c.get_licence_display()),
    ]
    rows = []
    for label, get in facts:
        values = []
        for case in cases:
            value = get(case)
            values.append(
                [v for v in value if v] if isinstance(value, list) else [value] * bool(value)
            )
        rows.append(Row(str(label), values))
    return rows
