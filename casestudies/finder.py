"""The case-study finder: filters read from the URL, facet counts, sorting and paging.

Filters use identifiers that are the same in every language, so a URL can be shared
across languages: ``country`` (ISO code), ``region`` (id of the region in any language),
``theme`` and ``type`` (slugs), ``desks`` and ``surface`` (size bands), ``from`` and
``to`` (founding years), ``sort`` and ``page``. Facets combine with AND; the values of
one facet with OR. A value the finder does not know, or that is malformed, is ignored:
the URL always gives a page.

Facet counts are disjunctive: each facet counts the case studies that match every
*other* active facet, so a visitor sees how many results ticking an option would add.
All counts come from one aggregate query (``Finder.summary``), so the number of queries
is fixed, whatever the number of case studies.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page

from hub import sitewide
from hub.models import Country, Region, SpaceType, Theme
from hub.privacy import public_q

from .models import CaseStudyPage
from .models.case_study import EARLIEST_YEAR

PAGE_SIZE = 12
# The unfiltered finder, newest first, reads the site's pages in date order while the
# page of results ends within the first 1/NEWEST_BY_DATE of the results (``cards``):
# deeper, sorting the results reads fewer rows.
NEWEST_BY_DATE = 8
MAX_VALUES = 30  # values kept per facet; the rest of a very long URL is ignored
MAX_VALUE_LENGTH = 60

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Za-z]{2}$")
ID_RE = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class Band:
    """A size band: a stable key for URLs and its bounds (inclusive; None is open)."""

    key: str
    label: str
    low: int | None
    high: int | None

    def q(self, field_name: str) -> Q:
        q = Q(**{f"{field_name}__isnull": False})
        if self.low is not None:
            q &= Q(**{f"{field_name}__gte": self.low})
        if self.high is not None:
            q &= Q(**{f"{field_name}__lte": self.high})
        return q


DESK_BANDS = [
    Band("1-10", _("Up to 10 desks"), 1, 10),
    Band("11-30", _("11 to 30 desks"), 11, 30),
    Band("31-80", _("31 to 80 desks"), 31, 80),
    Band("81-plus", _("More than 80 desks"), 81, None),
]
SURFACE_BANDS = [
    Band("0-199", _("Under 200 m²"), 0, 199),
    Band("200-499", _("200 to 499 m²"), 200, 499),
    Band("500-999", _("500 to 999 m²"), 500, 999),
    Band("1000-plus", _("1,000 m² or more"), 1000, None),
]

# Each sort: its label, its order for the ORM, and the same order in the finder's plain
# SQL (``_Sql``: ``p`` the page, ``c`` the case study).
SORTS = {
    "newest": (
        pgettext_lazy("sort order", "Newest first"),
        ("-first_published_at", "-pk"),
        "p.first_published_at DESC, p.id DESC",
    ),
    "title": (
        pgettext_lazy("sort order", "Title (A to Z)"),
        ("title", "pk"),
        "p.title ASC, p.id ASC",
    ),
    "founded": (
        pgettext_lazy("sort order", "Founding year (recent first)"),
        (F("year_founded").desc(nulls_last=True), "title", "pk"),
        "c.year_founded DESC NULLS LAST, p.title ASC, p.id ASC",
    ),
}
DEFAULT_SORT = "newest"


def _values(query, name: str, pattern: re.Pattern, normalise=str.strip) -> list[str]:
    """The distinct well-formed values of ``name`` in the query string, in order."""
    seen = []
    for raw in query.getlist(name)[: MAX_VALUES * 2]:
        value = normalise(raw.strip()) if len(raw) <= MAX_VALUE_LENGTH else ""
        if value and pattern.match(value) and value not in seen:
            seen.append(value)
    return seen[:MAX_VALUES]


def _year(raw) -> int | None:
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) != 4:
        return None
    year = int(raw)
    if EARLIEST_YEAR <= year <= timezone.localdate().year:
        return year
    return None


@dataclass(frozen=True)
class Term:
    """A taxonomy term as the finder, the comparison and the exports show it."""

    pk: int
    name: str
    locale_id: int
    language_code: str


# The finder's taxonomies: the model and the key that is the same in every language.
TAXONOMIES = {
    "country": (Country, "code"),
    "region": (Region, "translation_key"),
    "theme": (Theme, "slug"),
    "type": (SpaceType, "slug"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""  # the label's language


@dataclass
class FacetGroup:
    name: str  # the query-string parameter
    label: str
    options: list[Option] = field(default_factory=list)

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


@dataclass
class Filters:
    """The valid filters of one request (everything unknown or malformed dropped)."""

    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # translation keys
    region_ids: list[str] = field(default_factory=list)  # as given, for the URL
    themes: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    desks: list[str] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = DEFAULT_SORT

    @property
    def active(self) -> bool:
        return any(
            [
                self.countries,
                self.regions,
                self.themes,
                self.types,
                self.desks,
                self.surface,
                self.year_from,
                self.year_to,
            ]
        )

    def params(self, *, sort=True) -> list[tuple[str, str]]:
        """The query-string pairs that reproduce these filters (stable identifiers)."""
        pairs = [("country", code) for code in self.countries]
        pairs += [("region", pk) for pk in self.region_ids]
        pairs += [("theme", slug) for slug in self.themes]
        pairs += [("type", slug) for slug in self.types]
        pairs += [("desks", key) for key in self.desks]
        pairs += [("surface", key) for key in self.surface]
        if self.year_from:
            pairs.append(("from", str(self.year_from)))
        if self.year_to:
            pairs.append(("to", str(self.year_to)))
        if sort and self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return pairs

    def querystring(self, *, sort=True) -> str:
        pairs = self.params(sort=sort)
        return f"?{urlencode(pairs)}" if pairs else ""

    def as_dict(self) -> dict:
        """The filters as exports describe them."""
        return {
            "country": self.countries,
            "region": self.region_ids,
            "theme": self.themes,
            "type": self.types,
            "desks": self.desks,
            "surface": self.surface,
            "from": self.year_from,
            "to": self.year_to,
        }


def _read_terms(request) -> tuple:
    """Every term of the finder's taxonomies: (taxonomy, stable key, pk, name, locale id,
    language code), by primary key, from the site's small tables (``hub.sitewide.rows``,
    one query for them all)."""
    languages = sitewide.rows(request, Locale)
    terms = [
        (name, getattr(term, key), pk, term.name, term.locale_id)
        for name, (model, key) in TAXONOMIES.items()
        for pk, term in sitewide.rows(request, model).items()
    ]
    return tuple(
        (*term, languages[term[4]].language_code) for term in sorted(terms, key=lambda t: t[2])
    )


class Finder:
    """Filters, facets and results of the case studies under one index page."""

    def __init__(self, index, query, request=None):
        self.index = index
        self.locale_id = index.locale_id
        self.request = request
        self._terms = {}
        self.filters = self._parse(query)

    # Terms of the taxonomies, in the index's language -----------------------------------

    def _local_terms(self, kind: str) -> dict:
        """Terms of one taxonomy keyed by their stable key, preferring the index's language.

        The four taxonomies' rows are read together the first time one is asked, and kept
        per content generation (``hub.sitewide``): they are snippets, so saving or
        deleting a term draws a new generation.
        """
        if not self._terms:
            self._keys = {name: {} for name in TAXONOMIES}
            self._terms = {name: {} for name in TAXONOMIES}
            for name, key, pk, label, locale_id, language in sitewide.kept(
                self.request, ("finder terms",), lambda: _read_terms(self.request)
            ):
                self._keys[name][pk] = key
                terms = self._terms[name]
                current = terms.get(key)
                if current is None or (
                    locale_id == self.locale_id and current.locale_id != self.locale_id
                ):
                    terms[key] = Term(pk, label, locale_id, language)
        return self._terms[kind]

    def countries(self):
        return self._local_terms("country")

    def themes(self):
        return self._local_terms("theme")

    def space_types(self):
        return self._local_terms("type")

    def regions(self):
        return self._local_terms("region")

    def _keys_of(self, kind: str) -> dict:
        """The stable key of every term of one taxonomy, in any language, by primary key."""
        self._local_terms(kind)
        return self._keys[kind]

    def _ids(self, kind: str, keys) -> list[int]:
        """The primary keys (in every language) of the terms with these stable keys: a
        filter on the case study's own column needs no join with the taxonomy's table."""
        wanted = set(keys)
        return [pk for pk, key in self._keys_of(kind).items() if key in wanted]

    def _parse(self, query) -> Filters:
        filters = Filters()
        filters.countries = [
            code
            for code in _values(query, "country", CODE_RE, str.upper)
            if code in self.countries()
        ]
        filters.themes = [s for s in _values(query, "theme", SLUG_RE) if s in self.themes()]
        filters.types = [s for s in _values(query, "type", SLUG_RE) if s in self.space_types()]
        region_ids = _values(query, "region", ID_RE)
        if region_ids:
            keys_by_id = {str(r.pk): key for key, r in self.regions().items()}
            # A region id of another language is accepted too: match its translation.
            for region in Region.objects.filter(pk__in=[int(pk) for pk in region_ids]).only(
                "pk", "translation_key"
            ):
                keys_by_id.setdefault(str(region.pk), region.translation_key)
            for pk in region_ids:
                key = keys_by_id.get(pk)
                if key is not None and key not in filters.regions:
                    filters.regions.append(key)
                    filters.region_ids.append(pk)
        desk_keys = {band.key for band in DESK_BANDS}
        surface_keys = {band.key for band in SURFACE_BANDS}
        filters.desks = [k for k in _values(query, "desks", SLUG_RE) if k in desk_keys]
        filters.surface = [k for k in _values(query, "surface", SLUG_RE) if k in surface_keys]
        filters.year_from = _year(query.get("from"))
        filters.year_to = _year(query.get("to"))
        if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
            filters.year_from, filters.year_to = filters.year_to, filters.year_from
        sort = (query.get("sort") or "").strip()
        filters.sort = sort if sort in SORTS else DEFAULT_SORT
        return filters

    # Querysets --------------------------------------------------------------------------

    def base_queryset(self):
        """Live, public case studies under the index (its language only)."""
        return CaseStudyPage.objects.live().filter(public_q(), children_q(self.index))

    def _facet_q(self, skip: str = "", *, only: tuple = ()) -> Q:
        """The filters of every facet but ``skip`` (or, given ``only``, of those facets),
        and the founding years. Terms are matched by their ids in every language."""
        f = self.filters
        wanted = {
            "country": bool(f.countries),
            "region": bool(f.regions),
            "theme": bool(f.themes),
            "type": bool(f.types),
            "desks": bool(f.desks),
            "surface": bool(f.surface),
        }
        wanted = {
            name: active and name != skip and (not only or name in only)
            for name, active in wanted.items()
        }
        q = Q()
        if wanted["country"]:
            q &= Q(country_id__in=self._ids("country", f.countries))
        if wanted["region"]:
            q &= Q(region_id__in=self._ids("region", f.regions))
        if wanted["theme"]:
            through = CaseStudyPage.themes.through
            tagged = through.objects.filter(theme_id__in=self._ids("theme", f.themes))
            q &= Q(pk__in=tagged.values("casestudypage_id"))
        if wanted["type"]:
            q &= Q(space_type_id__in=self._ids("type", f.types))
        if wanted["desks"]:
            q &= _bands_q(DESK_BANDS, f.desks, "desks")
        if wanted["surface"]:
            q &= _bands_q(SURFACE_BANDS, f.surface, "surface_m2")
        if f.year_from and (not only or "years" in only):
            q &= Q(year_founded__gte=f.year_from)
        if f.year_to and (not only or "years" in only):
            q &= Q(year_founded__lte=f.year_to)
        return q

    def _needs_own_columns(self, skip: str = "") -> bool:
        """Whether a filter (but ``skip``'s) reads a column of the case studies' table."""
        f = self.filters
        facets = {
            "country": f.countries,
            "region": f.regions,
            "type": f.types,
            "desks": f.desks,
            "surface": f.surface,
        }
        return bool(
            f.year_from or f.year_to or any(v for name, v in facets.items() if name != skip)
        )

    def filtered(self, base=None):
        """The case studies matching every filter, in the chosen order: what the map and
        the exports hold; the list reads the same ones through ``_Sql`` (a test checks
        that both agree)."""
        base = self.base_queryset() if base is None else base
        return base.filter(self._facet_q()).order_by(*SORTS[self.filters.sort][1])

    def paged_results(self) -> "PagedResults":
        """The results as a paginator slices them, a page of cards at a time."""
        return PagedResults(self)

    def cards(self, start: int, stop: int) -> list:
        """The case studies from ``start`` to ``stop`` in the chosen order, with their cards'
        data: the database sorts the keys of the matching pages only (a narrow query,
        which reads the pages' table alone when no filter needs a case study's own
        column), then reads the wide rows of this page of results by their keys.

        Two queries, not one with the keys as a subquery: PostgreSQL, which cannot know
        that the subquery gives 12 keys at most, joined every case study of the site to
        its terms, locale and image before keeping those 12 (60 ms at 1,000 pages)."""
        sql = _Sql(self)
        if self.filters.sort == "founded" or self._needs_own_columns():
            tables, (where, params) = sql.case_studies, sql.where()
        else:
            # The first pages of the unfiltered finder, newest first: SQLite reads the
            # site's pages newest first (``hub_page_newest_idx``) and stops at the last
            # one shown, instead of sorting every case study of the language found by
            # the range of their paths: at 10,000 pages a tenth of the work (its
            # virtual machine's steps) for the first page; at 1,000, half.
            newest = not self.filters.active and self.filters.sort == "newest"
            by_date = newest and stop * NEWEST_BY_DATE <= self.summary["total"]
            tables = sql.pages
            where, params = sql.pages_where(themes=True, path_range=not by_date)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT p.id FROM {tables} WHERE {where} "  # noqa: S608 (names)
                f"ORDER BY {SORTS[self.filters.sort][2]} LIMIT %s OFFSET %s",
                [*params, max(stop - start, 0), start],
            )
            keys = [pk for (pk,) in cursor.fetchall()]
        return CaseStudyPage.cards(keys, self.request) if keys else []

    # Facets -----------------------------------------------------------------------------

    @cached_property
    def summary(self) -> dict:
        """Every number the finder shows, in one query whatever the number of options:
        the results' total, each option's disjunctive count, the founding years' range.

        The query groups the case studies, instead of counting each option with its own
        condition: one group per combination of country, region, type of space and size
        bands (a few hundred at most, counted here for every facet but the themes) among
        the case studies with the chosen themes and years, and one group per theme among
        those matching the other facets. The years' range, over every case study, comes
        from the combinations when no theme or year is chosen, else from a third part.

        Plain SQL (``_Sql``): the ORM took several times longer to build this union than
        the database takes to answer it. The unfiltered finder's rows, the same for every
        visitor, are kept per content generation, as the site's menus and the terms are:
        every publish, move, unpublish or deletion of a page, and every change of a view
        restriction or a term, draws a new generation (``hub.cache``), so the next view
        counts again.
        """
        f = self.filters
        sql = _Sql(self)
        bands = f"{_band_sql(DESK_BANDS, 'c.desks')}, {_band_sql(SURFACE_BANDS, 'c.surface_m2')}"
        where, params = sql.where(only=("theme", "years"))
        combinations = (
            "SELECT 'c', c.country_id, c.region_id, c.space_type_id, "  # noqa: S608 (names)
            f"{bands}, NULL, COUNT(*), MIN(c.year_founded), MAX(c.year_founded) "
            f"FROM {sql.case_studies} WHERE {where} GROUP BY 2, 3, 4, 5, 6"
        )
        # The themes' counts read the pages' table and the themes' links only, unless a
        # filter needs a case study's own columns (its rows are wide: slow to read). They
        # are counted by term, and added up by slug in ``_count``: a page links one term
        # per theme (translation points its links to its own language's terms), once.
        if self._needs_own_columns(skip="theme"):
            tables, (tagged, tagged_params) = sql.case_studies, sql.where(skip="theme")
        else:
            tables, (tagged, tagged_params) = sql.pages, sql.pages_where(themes=False)
        themes = (
            "SELECT 't', NULL, NULL, NULL, NULL, NULL, link.theme_id, "  # noqa: S608 (names)
            f"COUNT(*), NULL, NULL FROM {tables} INNER JOIN {sql.theme_links} link "
            f"ON link.casestudypage_id = p.id WHERE {tagged} GROUP BY link.theme_id"
        )
        parts, params = [combinations, themes], [*params, *tagged_params]
        whole_range = not (f.themes or f.year_from or f.year_to)
        if not whole_range:
            where, base_params = sql.where(only=())
            parts.append(
                "SELECT 'y', NULL, NULL, NULL, NULL, NULL, NULL, "  # noqa: S608 (names)
                "COUNT(*), MIN(c.year_founded), MAX(c.year_founded) "
                f"FROM {sql.case_studies} WHERE {where}"
            )
            params += base_params

        def read():
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                return tuple(cursor.fetchall())

        if f.active:
            rows = read()
        else:  # the same for every visitor until the content changes (see above)
            rows = sitewide.kept(self.request, ("finder counts", self.index.pk), read)
        return self._count(rows, whole_range)

    def _count(self, rows, whole_range: bool) -> dict:
        """The finder's numbers from the grouped rows of ``summary``: a combination counts
        for the total when it matches every facet, and for one facet's option when it
        matches every other facet.

        Rows are matched and tallied by the values the query gives (term ids, band
        numbers), and the tallies turned into stable keys at the end: there are a few
        hundred rows, and a few dozen values."""
        f = self.filters

        def numbered(bands):
            return {number: band.key for number, band in enumerate(bands, 1)}

        facets = (  # name, the stable key of each value, the chosen keys
            ("country", self._keys_of("country"), f.countries),
            ("region", self._keys_of("region"), f.regions),
            ("type", self._keys_of("type"), f.types),
            ("desks", numbered(DESK_BANDS), f.desks),
            ("surface", numbered(SURFACE_BANDS), f.surface),
        )
        chosen = [
            {value for value, key in keys.items() if key in keys_chosen}
            for _, keys, keys_chosen in facets
        ]
        active = [i for i, (_name, _keys, keys_chosen) in enumerate(facets) if keys_chosen]
        tallies = [{} for _ in facets]
        themes = {}
        total = 0
        low = high = None
        for part, *values, theme, n, low_, high_ in rows:
            if part == "t":
                themes[theme] = themes.get(theme, 0) + n
                continue
            if low_ is not None and (part == "y" or whole_range):
                low = low_ if low is None or low_ < low else low
                high = high_ if high is None or high_ > high else high
            if part != "c":
                continue
            missed = [i for i in active if values[i] not in chosen[i]]
            if not missed:
                total += n
                for tally, value in zip(tallies, values, strict=True):
                    tally[value] = tally.get(value, 0) + n
            elif len(missed) == 1:
                tally, value = tallies[missed[0]], values[missed[0]]
                tally[value] = tally.get(value, 0) + n
        counts = {}
        for (name, keys, _chosen), tally in [
            *zip(facets, tallies, strict=True),
            (("theme", self._keys_of("theme"), ()), themes),
        ]:
            for value, n in tally.items():
                key = keys.get(value)
                if key is not None:
                    counts[(name, key)] = counts.get((name, key), 0) + n
        return {"total": total, "low": low, "high": high, "counts": counts}

    def count(self) -> int:
        """How many case studies match every filter."""
        return self.summary["total"]

    def facets(self) -> list[FacetGroup]:
        f = self.filters
        counts = self.summary["counts"]

        def of(facet):
            return {key: n for (name, key), n in counts.items() if name == facet}

        groups = [
            FacetGroup(
                "country",
                _("Country"),
                _options(self.countries(), of("country"), f.countries, lambda term: term.name),
            )
        ]
        region_counts = of("region")
        options = []
        for key, region in self.regions().items():
            count = region_counts.get(key, 0)
            if count or key in f.regions:
                value = str(region.pk)
                if key in f.regions:
                    value = f.region_ids[f.regions.index(key)]
                options.append(
                    Option(value, region.name, count, key in f.regions, region.language_code)
                )
        options.sort(key=lambda option: option.label.casefold())
        groups.append(FacetGroup("region", _("Region"), options))
        groups.append(
            FacetGroup(
                "theme",
                _("Theme"),
                _options(self.themes(), of("theme"), f.themes, lambda term: term.name),
            )
        )
        groups.append(
            FacetGroup(
                "type",
                _("Type of space"),
                _options(self.space_types(), of("type"), f.types, lambda term: term.name),
            )
        )
        groups.append(
            FacetGroup("desks", _("Desks"), _band_options(of("desks"), DESK_BANDS, f.desks))
        )
        groups.append(
            FacetGroup(
                "surface", _("Surface"), _band_options(of("surface"), SURFACE_BANDS, f.surface)
            )
        )
        return groups

    def year_bounds(self) -> tuple[int | None, int | None]:
        return self.summary["low"], self.summary["high"]


class PagedResults:
    """The finder's results for Django's paginator, which slices them: each slice is one
    page of cards (``Finder.cards``); their number comes with the facet counts."""

    def __init__(self, finder: Finder):
        self.finder = finder

    def count(self) -> int:
        return self.finder.count()

    def __getitem__(self, window: slice) -> list:
        return self.finder.cards(window.start or 0, window.stop)


class _Sql:
    """The finder's conditions in plain SQL: the rows of ``Finder.base_queryset``
    filtered as ``Finder._facet_q`` filters them, over the pages (``p``) joined to the
    case studies (``c``), or over the pages alone (the case studies' rows are wide, slow
    to read). The ORM took longer to build these queries than the database to answer.

    Only numbers the finder checked (term ids, years) and the code's own constants (size
    bands, the page type) enter the SQL text; everything else is a parameter.
    """

    def __init__(self, finder: Finder):
        quote = connection.ops.quote_name
        links = CaseStudyPage.themes.through
        self.finder = finder
        self.pages = f"{quote(Page._meta.db_table)} p"
        self.case_studies = (
            f"{self.pages} INNER JOIN {quote(CaseStudyPage._meta.db_table)} c "
            f"ON c.{quote(CaseStudyPage._meta.pk.column)} = p.id"
        )
        self.theme_links = quote(links._meta.db_table)

    def _base(self, *, path_range: bool = True) -> tuple[list, list]:
        """Live, public children of the index: ``live()``, ``public_q`` and ``children_q``.
        The view restrictions come from memory (``hub.sitewide.restrictions``): a child is
        hidden when a restricted page is the index, one of its ancestors, or the child.

        Without ``path_range`` SQLite is kept from reading the children by the range of
        their paths (unary ``+``: the condition is checked on each row instead)."""
        index = self.finder.index
        step, alphabet = CaseStudyPage.steplen, CaseStudyPage.alphabet
        path = "p.path" if path_range or connection.vendor != "sqlite" else "+p.path"
        conditions = ["p.live = %s", "p.depth = %s", f"{path} BETWEEN %s AND %s"]
        params = [True, index.depth + 1, index.path + alphabet[0] * step]
        params.append(index.path + alphabet[-1] * step)
        restricted = sitewide.restrictions(self.finder.request).restricted
        if any(index.path.startswith(path) for path in restricted):
            conditions.append("1 = 0")
        hidden = sorted(
            path
            for path in restricted
            if len(path) == len(index.path) + step and path.startswith(index.path)
        )
        if hidden:
            conditions.append(f"p.path NOT IN ({', '.join(['%s'] * len(hidden))})")
            params += hidden
        return conditions, params

    def where(self, *, skip: str = "", only: tuple | None = None) -> tuple[str, list]:
        """The conditions over ``case_studies``: the base set, and the filters of the
        facets in ``only`` (None: every facet and the founding years) but ``skip``."""
        conditions, params = self._base()
        f = self.finder.filters

        def wanted(name):
            return name != skip and (only is None or name in only)

        for name, column, keys in (
            ("country", "c.country_id", f.countries),
            ("region", "c.region_id", f.regions),
            ("type", "c.space_type_id", f.types),
        ):
            if keys and wanted(name):
                conditions.append(_in(column, self.finder._ids(name, keys)))
        if f.themes and wanted("theme"):
            conditions.append(self._themes())
        for name, bands, column, keys in (
            ("desks", DESK_BANDS, "c.desks", f.desks),
            ("surface", SURFACE_BANDS, "c.surface_m2", f.surface),
        ):
            if keys and wanted(name):
                chosen = [_band_condition(band, column) for band in bands if band.key in keys]
                conditions.append(f"({' OR '.join(chosen)})")
        if wanted("years"):
            if f.year_from:
                conditions.append(f"c.year_founded >= {int(f.year_from)}")
            if f.year_to:
                conditions.append(f"c.year_founded <= {int(f.year_to)}")
        return " AND ".join(conditions), params

    def pages_where(self, *, themes: bool, path_range: bool = True) -> tuple[str, list]:
        """The conditions over ``pages`` alone: the base set of case studies, with the
        chosen themes if ``themes`` (no other filter can be checked without ``c``)."""
        conditions, params = self._base(path_range=path_range)
        type_id = ContentType.objects.get_for_model(CaseStudyPage).pk
        # "+ 0": the type is checked on the rows the path's range gives; SQLite would
        # otherwise read every case study of every language through the type's index.
        conditions.append(f"p.content_type_id + 0 = {int(type_id)}")
        if themes and self.finder.filters.themes:
            conditions.append(self._themes())
        return " AND ".join(conditions), params

    def _themes(self) -> str:
        """The chosen themes, checked for each page of the range through the links' own
        (page, theme) index: SQLite otherwise starts from every link to these themes, in
        every language, and looks each page up (8.5 instead of 6.3 ms at 10,000 pages)."""
        ids = self.finder._ids("theme", self.finder.filters.themes)
        return (
            f"EXISTS (SELECT 1 FROM {self.theme_links} link "  # noqa: S608 (names)
            f"WHERE link.casestudypage_id = p.id AND {_in('link.theme_id', ids)})"
        )


def _in(column: str, ids: list[int]) -> str:
    """``column IN (ids)``, the ids written out (integers the finder read itself)."""
    if not ids:
        return "1 = 0"
    return f"{column} IN ({', '.join(str(int(pk)) for pk in ids)})"


def _band_condition(band: Band, column: str) -> str:
    """``Band.q`` in SQL."""
    conditions = [f"{column} IS NOT NULL"]
    if band.low is not None:
        conditions.append(f"{column} >= {int(band.low)}")
    if band.high is not None:
        conditions.append(f"{column} <= {int(band.high)}")
    return " AND ".join(conditions)


def _band_sql(bands, column: str) -> str:
    """The number of the band a size falls in, from 1 (bands do not overlap), or NULL:
    the database groups numbers faster than text."""
    whens = " ".join(
        f"WHEN {_band_condition(band, column)} THEN {number}"
        for number, band in enumerate(bands, 1)
    )
    return f"CASE {whens} ELSE NULL END"


def children_q(index) -> Q:
    """The children of ``index``, as ``child_of`` finds them, with a range of paths that
    the path's index serves (``child_of`` uses LIKE 'prefix%', which SQLite scans for):
    a child's path is the parent's followed by one step of ``steplen`` characters."""
    step = CaseStudyPage.steplen
    alphabet = CaseStudyPage.alphabet
    return Q(
        path__range=(index.path + alphabet[0] * step, index.path + alphabet[-1] * step),
        depth=index.depth + 1,
    )


def _bands_q(bands, keys, field_name) -> Q:
    q = Q()
    for band in bands:
        if band.key in keys:
            q |= band.q(field_name)
    return q


def _options(terms: dict, counts: dict, selected: list, label) -> list[Option]:
    options = []
    for key, term in terms.items():
        count = counts.get(key, 0)
        if count or key in selected:
            options.append(Option(key, label(term), count, key in selected, term.language_code))
    options.sort(key=lambda option: option.label.casefold())
    return options


def _band_options(counts: dict, bands, selected) -> list[Option]:
    options = []
    for band in bands:
        count = counts.get(band.key, 0)
        if count or band.key in selected:
            options.append(Option(band.key, str(band.label), count, band.key in selected))
    return options


def sort_options(current: str) -> list[tuple[str, str, bool]]:
    return [(key, str(label), key == current) for key, (label, *_orders) in SORTS.items()]
