"""Open data: the finder's case studies as CSV, JSON and GeoJSON, streamed.

Exports hold the live, public case studies written in the index's language (no
untranslated alias, no draft, no private page) that match the finder's filters, in its
order. Each response is streamed from one query read in chunks (``iterator``), so memory
stays flat and the number of queries is fixed whatever the number of rows: taxonomy
names come from small lookups made once, themes are aggregated by the database.
Every file carries its licence (CC BY 4.0) and attribution ("CoWorkMed Hub").
"""

import csv
import json

from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import CaseStudyPage
from .models.choices import LICENCE_URLS, BusinessModel, Governance, Licence

CHUNK_SIZE = 500
ATTRIBUTION = "CoWorkMed Hub"
DATASET_LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": LICENCE_URLS[Licence.CC_BY],
}
THEME_SEPARATOR = "|"

# (key in JSON and GeoJSON, CSV header in the visitor's language)
COLUMNS = [
    ("id", _("ID")),
    ("title", _("Title")),
    ("url", _("Web address")),
    ("summary", _("Summary")),
    ("city", _("City or town")),
    ("region", _("Region")),
    ("country_code", _("Country code")),
    ("country", _("Country")),
    ("latitude", _("Latitude")),
    ("longitude", _("Longitude")),
    ("space_type_slug", _("Type of space (identifier)")),
    ("space_type", _("Type of space")),
    ("theme_slugs", _("Themes (identifiers)")),
    ("themes", _("Themes")),
    ("year_founded", _("Year founded")),
    ("surface_m2", _("Surface (m²)")),
    ("desks", _("Desks")),
    ("members", _("Members")),
    ("business_model", _("Business model")),
    ("governance", _("Governance")),
    ("website", _("Website")),
    ("language", _("Language")),
    ("first_published", _("First published")),
    ("last_published", _("Last updated")),
    ("licence", _("Licence")),
    ("attribution", _("Attribution")),
]
ROW_FIELDS = (
    "pk",
    "title",
    "slug",
    "summary",
    "city",
    "region__translation_key",
    "country__code",
    "latitude",
    "longitude",
    "space_type__slug",
    "year_founded",
    "surface_m2",
    "desks",
    "members",
    "business_model",
    "governance",
    "website",
    "first_published_at",
    "last_published_at",
    "licence",
)


class Export:
    """The rows of one export: the finder's filtered set, real pages of its language only."""

    def __init__(self, finder, request):
        self.finder = finder
        self.request = request
        self.index_url = request.build_absolute_uri(finder.index.get_url(request))
        self.language = finder.index.locale.language_code
        # Names are looked up now, in the visitor's language: the rows are read later,
        # while the response streams.
        self.headers = [str(label) for _key, label in COLUMNS]
        self.countries = {code: term.name for code, term in finder.countries().items()}
        self.themes = {slug: term.name for slug, term in finder.themes().items()}
        self.types = {slug: term.name for slug, term in finder.space_types().items()}
        self.regions = {key: term.name for key, term in finder.regions().items()}
        self.business = {k: str(v) for k, v in BusinessModel.choices}
        self.governance = {k: str(v) for k, v in Governance.choices}
        self.licences = {k: str(v) for k, v in Licence.choices}
        self._metadata = self._build_metadata()

    def queryset(self):
        through = CaseStudyPage.themes.through
        themes = (
            through.objects.filter(casestudypage_id=OuterRef("pk"))
            .order_by()
            .values("casestudypage_id")
            # Sorted in Python: not every SQLite build orders inside an aggregate.
            .annotate(slugs=StringAgg("theme__slug", Value(THEME_SEPARATOR)))
            .values("slugs")
        )
        base = self.finder.base_queryset().filter(alias_of__isnull=True)
        return (
            self.finder.filtered(base)
            .annotate(theme_slugs=Subquery(themes))
            .values(*ROW_FIELDS, "theme_slugs")
        )

    def rows(self):
        """Dictionaries keyed like COLUMNS, one per case study, read in chunks."""
        countries, themes, types, regions = self.countries, self.themes, self.types, self.regions
        business, governance, licences = self.business, self.governance, self.licences
        for row in self.queryset().iterator(chunk_size=CHUNK_SIZE):
            slugs = sorted(s for s in (row["theme_slugs"] or "").split(THEME_SEPARATOR) if s)
            yield {
                "id": row["pk"],
                "title": row["title"],
                "url": f"{self.index_url}{row['slug']}/",
                "summary": row["summary"],
                "city": row["city"],
                "region": regions.get(row["region__translation_key"], ""),
                "country_code": row["country__code"],
                "country": countries.get(row["country__code"], ""),
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "space_type_slug": row["space_type__slug"],
                "space_type": types.get(row["space_type__slug"], ""),
                "theme_slugs": slugs,
                "themes": [themes.get(slug, slug) for slug in slugs],
                "year_founded": row["year_founded"],
                "surface_m2": row["surface_m2"],
                "desks": row["desks"],
                "members": row["members"],
                "business_model": business.get(row["business_model"], ""),
                "governance": governance.get(row["governance"], ""),
                "website": row["website"],
                "language": self.language,
                "first_published": _iso(row["first_published_at"]),
                "last_published": _iso(row["last_published_at"]),
                "licence": licences.get(row["licence"], row["licence"]),
                "attribution": ATTRIBUTION,
            }

    def metadata(self) -> dict:
        return self._metadata

    def _build_metadata(self) -> dict:
        return {
            "title": str(_("CoWorkMed Hub case studies")),
            "attribution": ATTRIBUTION,
            "licence": DATASET_LICENCE,
            "source": self.request.build_absolute_uri(),
            "language": self.language,
            "generated": timezone.now().replace(microsecond=0).isoformat(),
            "filters": self.finder.filters.as_dict(),
        }

    def filename(self, extension: str) -> str:
        return f"coworkmed-case-studies-{self.language}.{extension}"


def _iso(value):
    return value.replace(microsecond=0).isoformat() if value else None


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


# Rows are sent in pieces of about this many characters: one piece per row cost the
# response's encoding and the server's write call 10,000 times for 10,000 case studies.
PIECE_SIZE = 32_768


def _pieces(chunks):
    """The chunks joined into pieces of about ``PIECE_SIZE``: memory stays bounded."""
    buffered, size = [], 0
    for chunk in chunks:
        buffered.append(chunk)
        size += len(chunk)
        if size >= PIECE_SIZE:
            yield "".join(buffered)
            buffered, size = [], 0
    if buffered:
        yield "".join(buffered)


def _response(chunks, content_type: str, export: Export, extension: str):
    response = StreamingHttpResponse(_pieces(chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(extension)}"'
    response["Link"] = f'<{DATASET_LICENCE["url"]}>; rel="license"'
    response["Content-Language"] = get_language()
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(export: Export):
    def chunks():
        writer = csv.writer(_Echo())
        # A byte-order mark lets spreadsheet programs read the file as UTF-8.
        yield "\ufeff" + writer.writerow(export.headers)
        for row in export.rows():
            values = []
            for key, _label in COLUMNS:
                value = row[key]
                if isinstance(value, list):
                    value = "; ".join(value)
                values.append("" if value is None else value)
            yield writer.writerow(values)

    return _response(chunks(), "text/csv; charset=utf-8", export, "csv")


def json_response(export: Export):
    def chunks():
        head = json.dumps(export.metadata(), ensure_ascii=False)[:-1]
        yield head + ', "case_studies": ['
        for number, row in enumerate(export.rows()):
            yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]}\n"

    return _response(chunks(), "application/json; charset=utf-8", export, "json")


def geojson_response(export: Export):
    def chunks():
        metadata = export.metadata()
        head = json.dumps({"type": "FeatureCollection", **metadata}, ensure_ascii=False)[:-1]
        yield head + ', "features": ['
        for number, row in enumerate(export.rows()):
            properties = {
                key: value for key, value in row.items() if key not in ("latitude", "longitude")
            }
            feature = {
                "type": "Feature",
                "id": row["id"],
                # GeoJSON (RFC 7946): longitude first, then latitude.
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": properties,
            }
            yield ("," if number else "") + "\n" + json.dumps(feature, ensure_ascii=False)
        yield "\n]}\n"

    return _response(chunks(), "application/geo+json; charset=utf-8", export, "geojson")
