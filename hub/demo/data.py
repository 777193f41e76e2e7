"""The demo data files (``hub/data/demo/``): their schema, read and checked as a whole.

Nothing touches the database here: the loader gets validated, normalised records, or a
``DataError`` that names the file, the record and the field. The schema is documented
for editors in ``hub/data/demo/README.md``.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from hub.setup import TAXONOMY_FILE

from .illustrations import MOTIFS
from .odt import SECTION_STYLES
from .schema import (
    EMAIL,
    SLUG,
    URL,
    Boolean,
    Choice,
    DataError,
    Integer,
    Invalid,
    ListOf,
    Mapping,
    Number,
    Optional,
    Record,
    Text,
    read_yaml,
)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
TRANSLATED_LANGUAGES = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]

TOOL_SLUGS = (
    "census-survey",
    "network-charter-template",
    "community-event-format",
    "evaluation-grid",
    "stakeholder-map",
    "shared-platform-checklist",
    "peer-visit-kit",
    "funding-plan-template",
)
STAGES = ("mapping", "convening", "charter", "platform", "evaluation")
AUDIENCES = (
    "space_managers",
    "public_authorities",
    "companies",
    "coworkers",
    "researchers",
    "network_organisers",
)
TIMES_NEEDED = ("hour", "half_day", "day", "days", "weeks", "months")
BUSINESS_MODELS = (
    "membership",
    "public-funding",
    "mixed",
    "cooperative",
    "social-enterprise",
    "private",
)
GOVERNANCES = ("association", "cooperative", "public", "company", "public-private", "community")
ORGANISATION_KINDS = ("partner", "operator", "public", "research", "association", "company")
RELATIONS = ("inspired_by", "adapted_by", "similar")
PAGE_KINDS = ("case_study", "guide", "tool", "country")
INDEX_KEYS = ("home", "case_studies", "toolkit", "countries")


def _taxonomy() -> dict[str, set[str]]:
    data = read_yaml(TAXONOMY_FILE, label=TAXONOMY_FILE.name)
    return {
        "countries": {entry["code"] for entry in data["countries"]},
        "themes": {entry["slug"] for entry in data["themes"]},
        "space_types": {entry["slug"] for entry in data["space_types"]},
    }


PARAGRAPHS = ListOf(Text(), min_items=1, max_items=8)
IMAGE = Record({"hue": Integer(min_value=0, max_value=359), "motif": Choice(MOTIFS)})
STEP = Record({"title": Text(max_length=200), "text": Text()})
OPTIONAL_TEXT = Optional(Text(), default="")


def case_study_spec(taxonomy) -> Record:
    translation = Record(
        {
            "title": Text(max_length=255),
            "summary": Text(),
            "image_alt": Text(max_length=250),
            "context": PARAGRAPHS,
            "challenge": PARAGRAPHS,
            "approach": PARAGRAPHS,
            "results": PARAGRAPHS,
            "key_figure_labels": ListOf(Text(max_length=160)),
            "lessons": PARAGRAPHS,
            "transfer": PARAGRAPHS,
            "quote": Optional(Record({"text": Text(), "source": OPTIONAL_TEXT})),
        }
    )
    return Record(
        {
            "slug": SLUG,
            "country": Choice(sorted(taxonomy["countries"])),
            "region": Text(max_length=100),
            "region_names": Optional(
                Mapping(TRANSLATED_LANGUAGES, Text(max_length=100)), default=dict
            ),
            "city": Text(max_length=100),
            "latitude": Number(min_value=-90, max_value=90),
            "longitude": Number(min_value=-180, max_value=180),
            "space_type": Choice(sorted(taxonomy["space_types"])),
            "themes": ListOf(Choice(sorted(taxonomy["themes"])), min_items=1),
            "year_founded": Optional(Integer(min_value=1800, max_value=2100)),
            "surface_m2": Optional(Integer(min_value=0)),
            "desks": Optional(Integer(min_value=0)),
            "members": Optional(Integer(min_value=0)),
            "business_model": Choice(BUSINESS_MODELS),
            "governance": Choice(GOVERNANCES),
            "website": Optional(URL, default=""),
            "operator": Optional(
                Record({"name": Text(max_length=200), "kind": Choice(ORGANISATION_KINDS)})
            ),
            "partner": Optional(Text(max_length=200)),
            "source": Optional(
                Record(
                    {
                        "name": Text(max_length=255),
                        "url": Optional(URL, default=""),
                        "year": Optional(Integer(min_value=1900, max_value=2100)),
                    }
                )
            ),
            "licence": Optional(Text(max_length=40), default="CC-BY-4.0"),
            "relations": ListOf(Record({"target": SLUG, "relation": Choice(RELATIONS)})),
            "tools": ListOf(Choice(TOOL_SLUGS)),
            "image": IMAGE,
            "key_figures": ListOf(
                Record(
                    {
                        "value": Number(),
                        "unit": Optional(Text(max_length=40), default=""),
                        "year": Optional(Integer(min_value=1900, max_value=2100)),
                    }
                )
            ),
            "contacts": ListOf(
                Record(
                    {
                        "name": Text(max_length=200),
                        "role": OPTIONAL_TEXT,
                        "email": Optional(EMAIL, default=""),
                        "phone": Optional(Text(max_length=40), default=""),
                        "consent": Optional(Boolean(), default=False),
                    }
                )
            ),
            "translations": Mapping(LANGUAGES, translation, required_keys=[SOURCE_LANGUAGE]),
        }
    )


def country_spec(taxonomy) -> Record:
    translation = Record(
        {
            "title": Text(max_length=255),
            "slug": Optional(SLUG),
            "summary": Text(),
            "image_alt": Text(max_length=250),
            "overview": PARAGRAPHS,
            "key_figures": ListOf(
                Record({"label": Text(max_length=160), "source": Text(max_length=250)})
            ),
            "legal_framework": PARAGRAPHS,
            "funding": PARAGRAPHS,
            "contact_roles": ListOf(Text(max_length=200)),
        }
    )
    return Record(
        {
            "country": Choice(sorted(taxonomy["countries"])),
            "slug": SLUG,
            "image": IMAGE,
            "key_figures": ListOf(
                Record(
                    {
                        "value": Number(),
                        "unit": Optional(Text(max_length=40), default=""),
                        "year": Optional(Integer(min_value=1900, max_value=2100)),
                        "source_url": Optional(URL, default=""),
                    }
                ),
                min_items=1,
            ),
            "network_contacts": ListOf(
                Record(
                    {
                        "organisation": Text(max_length=200),
                        "name": Text(max_length=200),
                        "email": EMAIL,
                        "phone": Optional(Text(max_length=40), default=""),
                    }
                )
            ),
            "translations": Mapping(LANGUAGES, translation, required_keys=LANGUAGES),
        }
    )


def guide_spec(_taxonomy) -> Record:
    chapter = Record(
        {
            "heading": Text(max_length=160),
            "paragraphs": PARAGRAPHS,
            "steps_heading": Optional(Text(max_length=160)),
            "steps": Optional(ListOf(STEP, min_items=1), default=list),
        }
    )
    translation = Record(
        {
            "title": Text(max_length=255),
            "slug": Optional(SLUG),
            "summary": Text(),
            "image_alt": Text(max_length=250),
            "chapters": ListOf(chapter, min_items=2),
        }
    )
    return Record(
        {
            "slug": SLUG,
            "stage": Choice(STAGES),
            "audience": ListOf(Choice(AUDIENCES), min_items=1),
            "image": IMAGE,
            "related_tools": ListOf(Choice(TOOL_SLUGS)),
            "related_case_studies": ListOf(SLUG),
            "translations": Mapping(LANGUAGES, translation, required_keys=LANGUAGES),
        }
    )


def tool_spec(_taxonomy) -> Record:
    section = Record(
        {
            "heading": Text(max_length=200),
            "paragraphs": Optional(ListOf(Text()), default=list),
            "items": Optional(ListOf(Text()), default=list),
            "style": Optional(Choice(SECTION_STYLES), default="bullets"),
            "columns": Optional(ListOf(Text(max_length=80)), default=list),
        }
    )
    translation = Record(
        {
            "title": Text(max_length=255),
            "slug": Optional(SLUG),
            "summary": Text(),
            "image_alt": Text(max_length=250),
            "purpose": PARAGRAPHS,
            "time_detail": Text(max_length=200),
            "how_to": ListOf(STEP, min_items=2),
            "file": Record(
                {
                    "title": Text(max_length=200),
                    "subtitle": OPTIONAL_TEXT,
                    "sections": ListOf(section, min_items=1),
                    "footer": OPTIONAL_TEXT,
                }
            ),
        }
    )
    return Record(
        {
            "slug": Choice(TOOL_SLUGS),
            "stage": Choice(STAGES),
            "time_needed": Choice(TIMES_NEEDED),
            "image": IMAGE,
            "translations": Mapping(LANGUAGES, translation, required_keys=LANGUAGES),
        }
    )


def organisations_spec(taxonomy) -> Record:
    organisation = Record(
        {
            "name": Text(max_length=200),
            "kind": Choice(ORGANISATION_KINDS),
            "country": Choice(sorted(taxonomy["countries"])),
            "website": Optional(URL, default=""),
            "logo": Optional(IMAGE),
            "description": Mapping(LANGUAGES, Text(), required_keys=[SOURCE_LANGUAGE]),
        }
    )
    return Record({"organisations": ListOf(organisation, min_items=1)})


def promotions_spec(_taxonomy) -> Record:
    promotion = Record(
        {
            "query": Text(max_length=255),
            "locale": Optional(Choice(LANGUAGES), default=SOURCE_LANGUAGE),
            "page": Record({"kind": Choice(PAGE_KINDS), "slug": SLUG}),
            "description": OPTIONAL_TEXT,
        }
    )
    return Record({"promotions": ListOf(promotion)})


def indexes_spec(_taxonomy) -> Record:
    translation = Record(
        {"title": Text(max_length=255), "slug": Optional(SLUG), "introduction": Text()}
    )
    index = Record({"translations": Mapping(LANGUAGES, translation, required_keys=LANGUAGES)})
    return Record(dict.fromkeys(INDEX_KEYS, index))


@dataclass
class DemoData:
    directory: Path
    case_studies: list[dict] = field(default_factory=list)
    countries: list[dict] = field(default_factory=list)
    guides: list[dict] = field(default_factory=list)
    tools: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    promotions: list[dict] = field(default_factory=list)
    indexes: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "case studies": len(self.case_studies),
            "country profiles": len(self.countries),
            "guides": len(self.guides),
            "tools": len(self.tools),
            "organisations": len(self.organisations),
            "promotions": len(self.promotions),
        }


def _check(spec, value, *, file: str, record: str = ""):
    try:
        return spec.check(value, "")
    except Invalid as error:
        raise DataError(error.message, file=file, record=record, field=error.path) from None


def _same_shape(record: dict, *, file: str, record_name: str, shape) -> None:
    """Every translation keeps the English structure (counts of paragraphs, steps, figures).

    wagtail-localize translates segment by segment: a translation with one paragraph
    more or less than the source has nowhere to go.
    """
    translations = record["translations"]
    expected = shape(translations[SOURCE_LANGUAGE])
    for language, translation in translations.items():
        for path, count in shape(translation).items():
            if count != expected.get(path):
                raise DataError(
                    f"has {count} item(s) where the English has {expected.get(path)}: "
                    "a translation keeps the English structure",
                    file=file,
                    record=record_name,
                    field=f"translations.{language}.{path}",
                )


def _case_shape(translation: dict) -> dict:
    shape = {
        key: len(translation[key])
        for key in ("context", "challenge", "approach", "results", "lessons", "transfer")
    }
    shape["quote"] = 1 if translation.get("quote") else 0
    return shape


def _country_shape(translation: dict) -> dict:
    return {key: len(translation[key]) for key in ("overview", "legal_framework", "funding")}


def _guide_shape(translation: dict) -> dict:
    shape = {"chapters": len(translation["chapters"])}
    for index, chapter in enumerate(translation["chapters"], start=1):
        shape[f"chapters[{index}].paragraphs"] = len(chapter["paragraphs"])
        shape[f"chapters[{index}].steps"] = len(chapter["steps"])
        shape[f"chapters[{index}].steps_heading"] = 1 if chapter.get("steps_heading") else 0
    return shape


def _tool_shape(translation: dict) -> dict:
    return {"purpose": len(translation["purpose"]), "how_to": len(translation["how_to"])}


def _read_records(directory: Path, data_dir: Path, spec, shape) -> list[dict]:
    records = []
    if not directory.is_dir():
        return records
    for path in sorted(directory.glob("*.yaml")):
        label = str(path.relative_to(data_dir))
        raw = read_yaml(path, label=label)
        name = (
            (raw.get("slug") or raw.get("country") or path.stem)
            if isinstance(raw, dict)
            else path.stem
        )
        record = _check(spec, raw, file=label, record=str(name))
        record["_file"] = label
        if shape:
            _same_shape(record, file=label, record_name=str(name), shape=shape)
        records.append(record)
    return records


def _fail(message: str, record: dict, field_name: str = "", name: str = "") -> None:
    raise DataError(
        message,
        file=record["_file"],
        record=name or record.get("slug") or record.get("country", ""),
        field=field_name,
    )


def load_demo_data(data_dir: Path | None = None) -> DemoData:
    """Read and check every demo data file; raises DataError on the first problem."""
    data_dir = Path(data_dir or DEFAULT_DATA_DIR)
    if not data_dir.is_dir():
        raise DataError("no such directory", file=str(data_dir))
    taxonomy = _taxonomy()
    data = DemoData(directory=data_dir)
    data.case_studies = _read_records(
        data_dir / "case_studies", data_dir, case_study_spec(taxonomy), _case_shape
    )
    data.countries = _read_records(
        data_dir / "countries", data_dir, country_spec(taxonomy), _country_shape
    )
    data.guides = _read_records(data_dir / "guides", data_dir, guide_spec(taxonomy), _guide_shape)
    data.tools = _read_records(data_dir / "tools", data_dir, tool_spec(taxonomy), _tool_shape)
    for name, spec in (
        ("organisations", organisations_spec),
        ("promotions", promotions_spec),
        ("indexes", indexes_spec),
    ):
        path = data_dir / f"{name}.yaml"
        if not path.exists():
            raise DataError("this file is missing", file=path.name)
        content = _check(spec(taxonomy), read_yaml(path, label=path.name), file=path.name)
        if name == "indexes":
            data.indexes = content
        else:
            items = content[name]
            for index, item in enumerate(items, start=1):
                item["_file"] = path.name
                item["_record"] = f"{name}[{index}]"
            setattr(data, name, items)
    _check_references(data)
    return data


def _check_references(data: DemoData) -> None:
    """Links between records: unique slugs, existing targets, matching file names."""
    organisations = {}
    for item in data.organisations:
        key = (item["name"], item["country"])
        if key in organisations:
            raise DataError(
                "an organisation with this name and country is listed twice",
                file=item["_file"],
                record=item["_record"],
                field="name",
            )
        organisations[key] = item

    for kind, records, key in (
        ("case study", data.case_studies, "slug"),
        ("guide", data.guides, "slug"),
        ("tool", data.tools, "slug"),
        ("country profile", data.countries, "country"),
    ):
        seen = {}
        for record in records:
            stem = Path(record["_file"]).stem
            expected = record[key]
            if stem != expected:
                _fail(f"the file is named {stem}.yaml: name it {expected}.yaml", record, key)
            if expected in seen:
                _fail(f"another {kind} has the same {key}", record, key)
            seen[expected] = record

    case_slugs = {record["slug"] for record in data.case_studies}
    for record in data.case_studies:
        for index, relation in enumerate(record["relations"], start=1):
            if relation["target"] == record["slug"]:
                _fail("a case study cannot relate to itself", record, f"relations[{index}].target")
            if relation["target"] not in case_slugs:
                _fail(
                    f"no case study has the slug {relation['target']!r}",
                    record,
                    f"relations[{index}].target",
                )
        for language, translation in record["translations"].items():
            if len(translation["key_figure_labels"]) != len(record["key_figures"]):
                _fail(
                    f"{len(translation['key_figure_labels'])} label(s) for "
                    f"{len(record['key_figures'])} key figure(s)",
                    record,
                    f"translations.{language}.key_figure_labels",
                )
        partner = record.get("partner")
        if partner and (partner, record["country"]) not in organisations:
            _fail(
                f"the partner {partner!r} is not listed in organisations.yaml "
                f"for {record['country']}",
                record,
                "partner",
            )

    for record in data.countries:
        for language, translation in record["translations"].items():
            if len(translation["key_figures"]) != len(record["key_figures"]):
                _fail(
                    f"{len(translation['key_figures'])} label(s) for "
                    f"{len(record['key_figures'])} key figure(s)",
                    record,
                    f"translations.{language}.key_figures",
                )
            if len(translation["contact_roles"]) != len(record["network_contacts"]):
                _fail(
                    f"{len(translation['contact_roles'])} role(s) for "
                    f"{len(record['network_contacts'])} network contact(s)",
                    record,
                    f"translations.{language}.contact_roles",
                )
        for index, contact in enumerate(record["network_contacts"], start=1):
            if (contact["organisation"], record["country"]) not in organisations:
                _fail(
                    f"the organisation {contact['organisation']!r} is not listed in "
                    f"organisations.yaml for {record['country']}",
                    record,
                    f"network_contacts[{index}].organisation",
                )

    for record in data.guides:
        for index, slug in enumerate(record["related_case_studies"], start=1):
            if slug not in case_slugs:
                _fail(
                    f"no case study has the slug {slug!r}", record, f"related_case_studies[{index}]"
                )

    pages = {
        "case_study": case_slugs,
        "guide": {record["slug"] for record in data.guides},
        "tool": {record["slug"] for record in data.tools},
        "country": {record["slug"] for record in data.countries},
    }
    for item in data.promotions:
        page = item["page"]
        if page["slug"] not in pages[page["kind"]]:
            raise DataError(
                f"no {page['kind'].replace('_', ' ')} has the slug {page['slug']!r}",
                file=item["_file"],
                record=item["_record"],
                field="page.slug",
            )
