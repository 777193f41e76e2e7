"""Load the demo data files into the database: pages, snippets, images and documents.

The loader never imports the content apps (``hub`` is the core): page models are looked
up by label. It is idempotent: a record whose English page already exists under its
index page (same slug) is left as it is. ``reset`` first deletes the demo content, and
only that: the pages whose slugs the data files name under the three index pages (with
their translations and aliases), the images and documents of the "Demo content"
collection, and the demo organisations and regions nothing else uses.

Everything runs in one transaction: an error leaves the database as it was, and the
image and document files written so far are removed.
"""

import contextlib
import datetime
import logging
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.synctree import create_aliases_for_new_page

from hub.db import refresh_statistics
from hub.models import Country, Organisation, Region, SpaceType, Theme
from hub.setup import setup_site

from .data import SOURCE_LANGUAGE, DemoData
from .illustrations import illustration_bytes
from .localize import TranslationMismatch, translate
from .odt import Document, Section, odt_bytes
from .progress import Progress
from .schema import DataError

logger = logging.getLogger(__name__)

DEMO_COLLECTION = "Demo content"
BLOCK_NAMESPACE = uuid.UUID("6f1c3d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f")

CASE_STUDY_PAGE = "casestudies.CaseStudyPage"
CASE_STUDY_INDEX = "casestudies.CaseStudyIndexPage"
GUIDE_PAGE = "toolkit.GuidePage"
TOOL_PAGE = "toolkit.ToolPage"
TOOLKIT_INDEX = "toolkit.ToolkitIndexPage"
COUNTRY_PAGE = "hub.CountryProfilePage"
COUNTRY_INDEX = "hub.CountryIndexPage"

INDEXES = {"case_studies": CASE_STUDY_INDEX, "toolkit": TOOLKIT_INDEX, "countries": COUNTRY_INDEX}

# The demo data's vocabulary (hub/data/demo/README.md) mapped to the case-study model's choices.
BUSINESS_MODELS = {
    "membership": "membership",
    "public-funding": "public_funding",
    "mixed": "mixed",
    "cooperative": "membership",  # members' shares and fees
    "social-enterprise": "services",  # sells services, training and events
    "private": "rental",  # a company renting desks and rooms
}
GOVERNANCES = {
    "association": "association",
    "cooperative": "cooperative",
    "public": "public",
    "company": "private",
    "public-private": "public_private",
    "community": "community",
}
ORGANISATION_KINDS = {
    "partner": "partner",
    "operator": "operator",
    "public": "public",
    "research": "research",
    "association": "association",
    "company": "company",
}


@contextmanager
def deferred_indexing():
    """Pause the search and reference indexes' per-save updates (a page is saved many
    times while it is created, published, aliased and translated); the loader indexes
    what it created once, at the end, in bulk."""
    indexed = [
        indexed_model
        for indexed_model in search_index.get_indexed_models()
        if getattr(indexed_model, "search_auto_update", True)
    ]
    for indexed_model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=indexed_model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for indexed_model in indexed:
            post_save.connect(post_save_signal_handler, sender=indexed_model)


def index_objects(objects) -> None:
    """Add objects to every search backend, in bulk, and to Wagtail's reference index."""
    by_model = defaultdict(list)
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)
        # modelsearch's own check: what the model's get_indexed_objects() leaves out
        # (aliases of pages) is not indexed, as on an ordinary save.
        indexed = None
        if hasattr(obj, "get_indexed_instance"):
            indexed = search_index.get_indexed_instance(obj)
        if indexed is not None:
            by_model[type(indexed)].append(indexed)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        for indexed_model, items in by_model.items():
            try:
                backend.add_bulk(indexed_model, items)
            except Exception:
                # An external search engine that is down must not undo the load (as on
                # an ordinary save); the database backend's errors are raised.
                if not backend.catch_indexing_errors:
                    raise
                logger.exception("Could not index the demo content in %r", name)


def model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def block_id(*parts) -> str:
    """A stable StreamField block id: the same in every run and every language."""
    return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(str(part) for part in parts)))


def rich(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def paragraphs(key: str, texts: list[str]) -> list[dict]:
    return [
        {"type": "paragraph", "value": rich(text), "id": block_id(key, index)}
        for index, text in enumerate(texts)
    ]


def steps_block(key: str, heading: str, steps: list[dict]) -> dict:
    return {
        "type": "steps",
        "value": {
            "heading": heading or "",
            "steps": [
                {
                    "type": "item",
                    "value": {"title": step["title"], "text": rich(step["text"])},
                    "id": block_id(key, "step", index),
                }
                for index, step in enumerate(steps)
            ],
        },
        "id": block_id(key),
    }


def image_block(key: str, image, alt: str) -> dict:
    return {
        "type": "image",
        "value": {"image": image.pk, "alt_text": alt, "caption": "", "attribution": ""},
        "id": block_id(key),
    }


def translated_slug(translation: dict, language: str, fallback: str) -> str:
    """The page's slug in a language: given, else made from the title (ASCII only)."""
    if translation.get("slug"):
        return translation["slug"]
    if language == SOURCE_LANGUAGE:
        return fallback
    # "Format d'événement" gives format-d-evenement, not format-devenement.
    title = translation["title"].replace("'", " ").replace("\u2019", " ")
    return slugify(title)[:80].strip("-") or fallback


@dataclass
class Summary:
    pages: Counter = field(default_factory=Counter)  # (kind, language) -> pages
    skipped: Counter = field(default_factory=Counter)  # kind -> records already present
    images: int = 0
    documents: int = 0
    organisations: Counter = field(default_factory=Counter)  # language -> rows
    regions: Counter = field(default_factory=Counter)
    promotions: int = 0
    deleted: Counter = field(default_factory=Counter)
    seconds: float = 0.0


class DemoLoader:
    def __init__(self, data: DemoData, *, stdout, user=None):
        self.data = data
        self.stdout = stdout
        self.user = user
        self.summary = Summary()
        self.written_files: list[tuple] = []  # (storage, name) to remove if the load fails
        self.page_keys: set = set()  # translation keys of the pages created or translated
        self.snippets: list = []  # organisations, regions, images and documents created
        self.countries_cache: dict = {}

    # -- entry point -------------------------------------------------------------------

    def run(self, *, reset: bool = False) -> Summary:
        missing = [
            label
            for label in (CASE_STUDY_PAGE, GUIDE_PAGE, TOOL_PAGE, COUNTRY_PAGE)
            if model(label) is None
        ]
        if missing:
            raise DataError(f"the page types {', '.join(missing)} are not installed")
        started = timezone.now()
        try:
            with transaction.atomic():
                # Locales, home pages and taxonomies, indexed as usual if they are new.
                self.home = setup_site()
                with deferred_indexing():
                    self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
                    self.source_locale = self.locales[SOURCE_LANGUAGE]
                    if reset:
                        self.delete_demo_content()
                    self.collection = self.demo_collection()
                    self.load_indexes()
                    self.load_organisations()
                    self.load_tools()
                    self.load_case_studies()
                    self.load_guides()
                    self.load_countries()
                    self.load_promotions()
                    self.index_created()
        except BaseException:
            self.remove_written_files()
            raise
        refresh_statistics(bulk_load=True)
        self.summary.seconds = (timezone.now() - started).total_seconds()
        return self.summary

    # -- helpers -----------------------------------------------------------------------

    def index_created(self) -> None:
        pages = Page.objects.filter(translation_key__in=self.page_keys).specific()
        objects = [*pages, *self.snippets]
        with self.progress("Search index", 1) as bar:
            index_objects(objects)
            bar.advance()

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.stdout, label, total)

    def fail(self, record: dict, message: str, field_name: str = "") -> DataError:
        return DataError(
            message,
            file=record.get("_file", ""),
            record=record.get("_record") or record.get("slug") or record.get("country", ""),
            field=field_name,
        )

    def record_error(self, record: dict, error: Exception) -> DataError:
        """A model validation error or a translation mismatch, named for the data file."""
        if isinstance(error, ValidationError):
            if hasattr(error, "error_dict"):
                name, errors = next(iter(error.error_dict.items()))
                return self.fail(record, " ".join(e.messages[0] for e in errors[:1]), name)
            return self.fail(record, " ".join(error.messages))
        if isinstance(error, TranslationMismatch):
            return self.fail(record, str(error), "translations")
        return self.fail(record, str(error))

    def demo_collection(self) -> Collection:
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=DEMO_COLLECTION).first()
        return existing or root.add_child(name=DEMO_COLLECTION)

    def remove_written_files(self) -> None:
        for storage, name in self.written_files:
            with contextlib.suppress(OSError):
                storage.delete(name)
        self.written_files = []

    def make_image(self, key: str, spec: dict, title: str, alt: str, size=(1200, 675)):
        image_model = get_image_model()
        png = illustration_bytes(spec["hue"], spec["motif"], seed=key, size=size)
        image = image_model(
            title=title[:255], collection=self.collection, width=size[0], height=size[1]
        )
        if any(f.name == "description" for f in image_model._meta.fields):
            image.description = alt[:255]
        image.file.save(f"demo-{key}.png", ContentFile(png), save=False)
        image.width, image.height = size  # set after the file: saving it resets them
        image.file_size = len(png)
        self.written_files.append((image.file.storage, image.file.name))
        image.save()
        self.snippets.append(image)
        self.summary.images += 1
        return image

    def make_document(self, title: str, filename: str, content: bytes):
        document = get_document_model()(title=title[:255], collection=self.collection)
        document.file.save(filename, ContentFile(content), save=False)
        self.written_files.append((document.file.storage, document.file.name))
        document.save()
        self.snippets.append(document)
        self.summary.documents += 1
        return document

    def index_page(self, label: str):
        index_model = model(label)
        return self.home.get_children().type(index_model).first().specific

    def existing_child(self, parent, slug: str):
        return parent.get_children().filter(slug=slug, locale=self.source_locale).first()

    def publish_new_page(self, parent, page):
        """Add an English page under ``parent``, publish it and create its aliases."""
        parent.add_child(instance=page)
        self.page_keys.add(page.translation_key)
        page.save_revision(user=self.user).publish(user=self.user)
        create_aliases_for_new_page(page)
        return page

    def translate_page(self, record: dict, kind: str, page, language: str, build):
        """Translate ``page`` into ``language``; ``build(copy)`` puts the translated text."""
        locale = self.locales[language]
        copy = type(page).objects.get(pk=page.pk)
        build(copy)
        self.page_keys.add(page.translation_key)
        try:
            translate(page, locale, copy, user=self.user)
        except (ValidationError, TranslationMismatch) as error:
            raise self.record_error(record, error) from None
        self.summary.pages[(kind, language)] += 1

    def save_new(self, record: dict, kind: str, parent, page, after_create=None):
        try:
            parent.add_child(instance=page)
            if after_create:
                after_create(page)
            page.save_revision(user=self.user).publish(user=self.user)
        except ValidationError as error:
            raise self.record_error(record, error) from None
        create_aliases_for_new_page(page)
        self.page_keys.add(page.translation_key)
        self.summary.pages[(kind, SOURCE_LANGUAGE)] += 1
        return page

    # -- reset -------------------------------------------------------------------------

    def delete_demo_content(self) -> None:
        slugs = {
            CASE_STUDY_INDEX: {record["slug"] for record in self.data.case_studies},
            TOOLKIT_INDEX: {record["slug"] for record in self.data.guides}
            | {record["slug"] for record in self.data.tools},
            COUNTRY_INDEX: {record["slug"] for record in self.data.countries},
        }
        keys = set()
        for label, names in slugs.items():
            index_model = model(label)
            index = self.home.get_children().type(index_model).first() if index_model else None
            if index is None:
                continue
            keys.update(
                index.get_children()
                .filter(slug__in=names, locale=self.source_locale)
                .values_list("translation_key", flat=True)
            )
        pages = Page.objects.filter(translation_key__in=keys)
        # Translations and aliases first, then the English sources.
        for page in pages.exclude(locale=self.source_locale).order_by("-depth"):
            page.delete()
        for page in Page.objects.filter(translation_key__in=keys).order_by("-depth"):
            page.delete()
        self.summary.deleted["pages"] = len(keys)

        collection = Collection.get_first_root_node().get_children().filter(name=DEMO_COLLECTION)
        for media_model in (get_image_model(), get_document_model()):
            queryset = media_model.objects.filter(collection__in=collection)
            for item in queryset:
                item.file.delete(save=False)
                item.delete()

        names = {(item["name"], item["country"]) for item in self.data.organisations}
        for record in self.data.case_studies:
            if record.get("operator"):
                names.add((record["operator"]["name"], record["country"]))
        organisation_keys = {
            organisation.translation_key
            for organisation in Organisation.objects.filter(locale=self.source_locale)
            .select_related("country")
            .filter(name__in=[name for name, _code in names])
            if (organisation.name, organisation.country.code) in names
        }
        case_study_model = model(CASE_STUDY_PAGE)
        in_use = set()
        if case_study_model is not None:
            for field_name in ("operator", "partner"):
                in_use.update(
                    case_study_model.objects.filter(
                        **{f"{field_name}__translation_key__in": organisation_keys}
                    ).values_list(f"{field_name}__translation_key", flat=True)
                )
        removable = organisation_keys - in_use
        self.summary.deleted["organisations"] = len(removable)
        Organisation.objects.filter(translation_key__in=removable).delete()

        region_names = {(record["region"], record["country"]) for record in self.data.case_studies}
        region_keys = {
            region.translation_key
            for region in Region.objects.filter(locale=self.source_locale).select_related("country")
            if (region.name, region.country.code) in region_names
            and not region.case_studies.exists()
        }
        Region.objects.filter(translation_key__in=region_keys).delete()

    # -- index pages and home ----------------------------------------------------------

    def load_indexes(self) -> None:
        entries = self.data.indexes
        with self.progress("Index pages", len(INDEXES) + 1) as bar:
            for key, label in INDEXES.items():
                entry = entries[key]["translations"]
                index_model = model(label)
                index = self.home.get_children().type(index_model).first()
                if index is None:
                    english = entry[SOURCE_LANGUAGE]
                    index = index_model(
                        title=english["title"],
                        slug=english.get("slug") or slugify(english["title"]),
                        introduction=english["introduction"],
                        locale=self.source_locale,
                    )
                    self.publish_new_page(self.home, index)
                    self.summary.pages[("index pages", SOURCE_LANGUAGE)] += 1
                index = index.specific
                self.translate_aliases(index, entry, "index pages", {"_file": "indexes.yaml"})
                bar.advance()
            self.translate_aliases(
                self.home, entries["home"]["translations"], "home", {"_file": "indexes.yaml"}
            )
            bar.advance()

    def translate_aliases(self, page, translations: dict, kind: str, record: dict) -> None:
        """Translate a page into the locales where it is still an untranslated alias."""
        for language, text in translations.items():
            if language == SOURCE_LANGUAGE:
                continue
            existing = page.get_translation_or_none(self.locales[language])
            if existing is not None and existing.alias_of_id is None:
                continue  # translated already (by a partner or an earlier load)

            def build(copy, text=text, language=language, existing=existing):
                copy.title = text["title"]
                if kind == "home":
                    # Home pages sit side by side under the root: keep the locale's slug.
                    copy.slug = existing.slug if existing is not None else f"home-{language}"
                else:
                    copy.slug = translated_slug(text, language, page.slug)
                copy.introduction = text["introduction"]

            self.translate_page(record, kind, page, language, build)

    # -- organisations and regions -----------------------------------------------------

    def english_country(self, code: str) -> Country:
        return self.country(code, SOURCE_LANGUAGE)

    def country(self, code: str, language: str) -> Country:
        key = (code, language)
        if key not in self.countries_cache:
            self.countries_cache[key] = Country.objects.get(
                code=code, locale=self.locales[language]
            )
        return self.countries_cache[key]

    def load_organisations(self) -> None:
        self.organisations = {}
        listed = list(self.data.organisations)
        seen = {(item["name"], item["country"]) for item in listed}
        for record in self.data.case_studies:
            operator = record.get("operator")
            if operator and (operator["name"], record["country"]) not in seen:
                seen.add((operator["name"], record["country"]))
                listed.append(
                    {
                        "name": operator["name"],
                        "kind": operator["kind"],
                        "country": record["country"],
                        "website": record.get("website", ""),
                        "logo": None,
                        "description": {},
                        "_file": record["_file"],
                        "_record": record["slug"],
                    }
                )
        with self.progress("Organisations", len(listed)) as bar:
            for item in listed:
                self.organisations[(item["name"], item["country"])] = self.organisation(item)
                bar.advance()

    def organisation(self, item: dict) -> Organisation:
        country = self.english_country(item["country"])
        existing = Organisation.objects.filter(
            name=item["name"], country=country, locale=self.source_locale
        ).first()
        if existing is not None:
            self.summary.skipped["organisations"] += 1
            return existing
        organisation = Organisation(
            name=item["name"],
            kind=ORGANISATION_KINDS[item["kind"]],
            country=country,
            website=item.get("website") or "",
            description=item["description"].get(SOURCE_LANGUAGE, ""),
            locale=self.source_locale,
        )
        if item.get("logo"):
            key = f"organisation-{slugify(item['name'])}"
            organisation.logo = self.make_image(
                key, item["logo"], item["name"], item["name"], size=(480, 480)
            )
        try:
            organisation.full_clean()
        except ValidationError as error:
            raise self.record_error(item, error) from None
        organisation.save()
        self.snippets.append(organisation)
        self.summary.organisations[SOURCE_LANGUAGE] += 1
        # Names are proper nouns and descriptions one sentence: each translation is a
        # direct copy in its locale (no segment editor needed to fix one sentence).
        for language, description in item["description"].items():
            if language == SOURCE_LANGUAGE:
                continue
            translation = organisation.copy_for_translation(self.locales[language])
            translation.description = description
            translation.country = self.country(item["country"], language)
            translation.save()
            self.snippets.append(translation)
            self.summary.organisations[language] += 1
        return organisation

    def region(self, record: dict) -> Region:
        country = self.english_country(record["country"])
        region = Region.objects.filter(
            name=record["region"], country=country, locale=self.source_locale
        ).first()
        if region is not None:
            return region
        region = Region.objects.create(
            name=record["region"], country=country, locale=self.source_locale
        )
        self.snippets.append(region)
        self.summary.regions[SOURCE_LANGUAGE] += 1
        for language, name in record["region_names"].items():
            translation = region.copy_for_translation(self.locales[language])
            translation.name = name
            translation.country = self.country(record["country"], language)
            translation.save()
            self.snippets.append(translation)
            self.summary.regions[language] += 1
        return region

    # -- tools ---------------------------------------------------------------------------

    def load_tools(self) -> None:
        tool_model = model(TOOL_PAGE)
        file_model = tool_model._meta.get_field("files").related_model
        index = self.index_page(TOOLKIT_INDEX)
        self.tools = {}
        with self.progress("Tools", len(self.data.tools)) as bar:
            for record in self.data.tools:
                slug = record["slug"]
                existing = self.existing_child(index, slug)
                if existing is not None:
                    self.tools[slug] = existing
                    self.summary.skipped["tools"] += 1
                    bar.advance()
                    continue
                english = record["translations"][SOURCE_LANGUAGE]
                image = self.make_image(
                    f"tool-{slug}", record["image"], english["title"], english["image_alt"]
                )

                def fields(text, image=image, slug=slug):
                    return {
                        "title": text["title"],
                        "summary": text["summary"],
                        "purpose": "\n\n".join(text["purpose"]),
                        "time_detail": text["time_detail"],
                        "how_to": [
                            image_block(f"{slug}/image", image, text["image_alt"]),
                            steps_block(f"{slug}/how-to", "", text["how_to"]),
                        ],
                    }

                page = tool_model(
                    slug=slug,
                    stage=record["stage"],
                    time_needed=record["time_needed"],
                    locale=self.source_locale,
                    **fields(english),
                )
                files = []
                for language, text in record["translations"].items():
                    document = self.make_document(
                        text["file"]["title"],
                        f"{slug}-{language}.odt",
                        odt_bytes(self.tool_document(text["file"], language)),
                    )
                    files.append(
                        file_model(
                            document=document,
                            language=language,
                            translation_key=uuid.uuid5(BLOCK_NAMESPACE, f"{slug}/file/{language}"),
                            locale=self.source_locale,
                        )
                    )
                page.files = files
                page = self.save_new(record, "tools", index, page)
                for language, text in record["translations"].items():
                    if language == SOURCE_LANGUAGE:
                        continue

                    def build(copy, text=text, language=language, fields=fields, slug=slug):
                        for name, value in fields(text).items():
                            setattr(copy, name, value)
                        copy.slug = translated_slug(text, language, slug)

                    self.translate_page(record, "tools", page, language, build)
                self.tools[slug] = page
                bar.advance()

    @staticmethod
    def tool_document(file: dict, language: str) -> Document:
        return Document(
            title=file["title"],
            subtitle=file.get("subtitle", ""),
            language=language,
            footer=file.get("footer", ""),
            sections=[
                Section(
                    heading=section["heading"],
                    paragraphs=section["paragraphs"],
                    items=section["items"],
                    style=section["style"],
                    columns=section["columns"],
                )
                for section in file["sections"]
            ],
        )

    # -- case studies ----------------------------------------------------------------------

    def load_case_studies(self) -> None:
        case_model = model(CASE_STUDY_PAGE)
        index = self.index_page(CASE_STUDY_INDEX)
        relation_model = case_model._meta.get_field("relations").related_model
        tool_link_model = case_model._meta.get_field("tool_links").related_model
        contact_model = case_model._meta.get_field("contacts").related_model
        self.case_studies = {}
        created = []
        records = self.data.case_studies
        with self.progress("Case studies", len(records) * 2) as bar:
            # First every English page, so that relations can point to any of them.
            for record in records:
                slug = record["slug"]
                existing = self.existing_child(index, slug)
                if existing is not None:
                    self.case_studies[slug] = existing.specific
                    self.summary.skipped["case studies"] += 1
                    bar.advance(2)
                    continue
                page = self.new_case_study(case_model, contact_model, record)
                try:
                    index.add_child(instance=page)
                    page.themes.set(
                        Theme.objects.filter(slug__in=record["themes"], locale=self.source_locale)
                    )
                except ValidationError as error:
                    raise self.record_error(record, error) from None
                self.case_studies[slug] = page
                created.append(record)
                bar.advance()
            # Then relations and tools, publication, aliases and translations.
            for record in created:
                page = self.case_studies[record["slug"]]
                page.relations = [
                    relation_model(
                        target=self.case_studies[relation["target"]],
                        relation=relation["relation"],
                    )
                    for relation in record["relations"]
                    if relation["target"] in self.case_studies
                ]
                page.tool_links = [
                    tool_link_model(tool=self.tools[slug])
                    for slug in record["tools"]
                    if slug in self.tools
                ]
                try:
                    page.save_revision(user=self.user).publish(user=self.user)
                except ValidationError as error:
                    raise self.record_error(record, error) from None
                create_aliases_for_new_page(page)
                self.page_keys.add(page.translation_key)
                self.summary.pages[("case studies", SOURCE_LANGUAGE)] += 1
                for language, text in record["translations"].items():
                    if language == SOURCE_LANGUAGE:
                        continue

                    def build(copy, text=text, language=language, record=record):
                        for name, value in self.case_study_text(record, text).items():
                            setattr(copy, name, value)
                        # A case study's slug names its place: the same in every language.
                        copy.slug = text.get("slug") or record["slug"]

                    self.translate_page(record, "case studies", page, language, build)
                bar.advance()

    def case_study_text(self, record: dict, text: dict) -> dict:
        """The translatable fields of a case study in one language."""
        slug = record["slug"]
        figures = [
            {
                "type": "key_figure",
                "value": {
                    "value": str(figure["value"]),
                    "unit": figure["unit"],
                    "label": label,
                    "year": figure.get("year"),
                    "source": "",
                },
                "id": block_id(slug, "results", "figure", index),
            }
            for index, (figure, label) in enumerate(
                zip(record["key_figures"], text["key_figure_labels"], strict=True)
            )
        ]
        lessons = paragraphs(f"{slug}/lessons", text["lessons"])
        if text.get("quote"):
            lessons.append(
                {
                    "type": "quote",
                    "value": {"quote": text["quote"]["text"], "source": text["quote"]["source"]},
                    "id": block_id(slug, "lessons", "quote"),
                }
            )
        return {
            "title": text["title"],
            "summary": text["summary"],
            "hero_image_alt": text["image_alt"],
            "context": paragraphs(f"{slug}/context", text["context"]),
            "challenge": paragraphs(f"{slug}/challenge", text["challenge"]),
            "approach": paragraphs(f"{slug}/approach", text["approach"]),
            "results": figures + paragraphs(f"{slug}/results", text["results"]),
            "lessons": lessons,
            "transfer": paragraphs(f"{slug}/transfer", text["transfer"]),
        }

    def new_case_study(self, case_model, contact_model, record: dict):
        english = record["translations"][SOURCE_LANGUAGE]
        country = self.english_country(record["country"])
        operator = record.get("operator")
        source = record.get("source") or {}
        image = self.make_image(
            f"case-{record['slug']}", record["image"], english["title"], english["image_alt"]
        )
        page = case_model(
            slug=record["slug"],
            locale=self.source_locale,
            hero_image=image,
            city=record["city"],
            region=self.region(record),
            country=country,
            latitude=record["latitude"],
            longitude=record["longitude"],
            space_type=SpaceType.objects.get(slug=record["space_type"], locale=self.source_locale),
            year_founded=record.get("year_founded"),
            surface_m2=record.get("surface_m2"),
            desks=record.get("desks"),
            members=record.get("members"),
            business_model=BUSINESS_MODELS[record["business_model"]],
            governance=GOVERNANCES[record["governance"]],
            website=record.get("website", ""),
            operator=self.organisations.get((operator["name"], record["country"]))
            if operator
            else None,
            partner=self.organisations.get((record.get("partner"), record["country"])),
            source_name=source.get("name", ""),
            source_url=source.get("url", ""),
            source_year=source.get("year"),
            licence=record["licence"],
            **self.case_study_text(record, english),
        )
        consent_date = min(
            datetime.date(source.get("year") or timezone.localdate().year, 1, 15),
            timezone.localdate(),
        )
        # Only contacts who agreed to be shown are loaded (the model refuses the others).
        page.contacts = [
            contact_model(
                name=contact["name"],
                role=contact["role"],
                email=contact["email"],
                phone=contact["phone"],
                consent=True,
                consent_date=consent_date,
                locale=self.source_locale,
                translation_key=uuid.uuid5(BLOCK_NAMESPACE, f"{record['slug']}/contact/{index}"),
            )
            for index, contact in enumerate(record["contacts"])
            if contact["consent"]
        ]
        return page

    # -- guides ------------------------------------------------------------------------------

    def load_guides(self) -> None:
        guide_model = model(GUIDE_PAGE)
        index = self.index_page(TOOLKIT_INDEX)
        tool_link = guide_model._meta.get_field("related_tools").related_model
        case_link = guide_model._meta.get_field("related_case_studies").related_model
        with self.progress("Guides", len(self.data.guides)) as bar:
            for record in self.data.guides:
                slug = record["slug"]
                if self.existing_child(index, slug) is not None:
                    self.summary.skipped["guides"] += 1
                    bar.advance()
                    continue
                english = record["translations"][SOURCE_LANGUAGE]
                image = self.make_image(
                    f"guide-{slug}", record["image"], english["title"], english["image_alt"]
                )

                def fields(text, image=image, slug=slug):
                    chapters = []
                    for number, chapter in enumerate(text["chapters"]):
                        key = f"{slug}/chapter/{number}"
                        body = []
                        if number == 0:
                            body.append(image_block(f"{key}/image", image, text["image_alt"]))
                        body.extend(paragraphs(f"{key}/paragraphs", chapter["paragraphs"]))
                        if chapter["steps"]:
                            body.append(
                                steps_block(
                                    f"{key}/steps", chapter.get("steps_heading"), chapter["steps"]
                                )
                            )
                        chapters.append(
                            {
                                "type": "chapter",
                                "value": {
                                    "heading": chapter["heading"],
                                    "anchor": "",
                                    "body": body,
                                },
                                "id": block_id(key),
                            }
                        )
                    return {
                        "title": text["title"],
                        "summary": text["summary"],
                        "chapters": chapters,
                    }

                page = guide_model(
                    slug=slug,
                    stage=record["stage"],
                    audience=record["audience"],
                    locale=self.source_locale,
                    **fields(english),
                )
                page.related_tools = [
                    tool_link(tool=self.tools[tool])
                    for tool in record["related_tools"]
                    if tool in self.tools
                ]
                page.related_case_studies = [
                    case_link(case_study=self.case_studies[case])
                    for case in record["related_case_studies"]
                    if case in self.case_studies
                ]
                page = self.save_new(record, "guides", index, page)
                for language, text in record["translations"].items():
                    if language == SOURCE_LANGUAGE:
                        continue

                    def build(copy, text=text, language=language, fields=fields, slug=slug):
                        for name, value in fields(text).items():
                            setattr(copy, name, value)
                        copy.slug = translated_slug(text, language, slug)

                    self.translate_page(record, "guides", page, language, build)
                bar.advance()

    # -- country profiles ----------------------------------------------------------------------

    def load_countries(self) -> None:
        profile_model = model(COUNTRY_PAGE)
        contact_model = profile_model._meta.get_field("network_contacts").related_model
        index = self.index_page(COUNTRY_INDEX)
        organisations = {(item["name"], item["country"]): item for item in self.data.organisations}
        with self.progress("Country profiles", len(self.data.countries)) as bar:
            for record in self.data.countries:
                slug = record["slug"]
                if self.existing_child(index, slug) is not None:
                    self.summary.skipped["country profiles"] += 1
                    bar.advance()
                    continue
                english = record["translations"][SOURCE_LANGUAGE]
                image = self.make_image(
                    f"country-{slug}", record["image"], english["title"], english["image_alt"]
                )

                def fields(text, image=image, slug=slug, record=record):
                    return {
                        "title": text["title"],
                        "search_description": text["summary"],
                        "overview": [
                            image_block(f"{slug}/overview/image", image, text["image_alt"]),
                            *paragraphs(f"{slug}/overview", text["overview"]),
                        ],
                        "key_figures": [
                            {
                                "type": "key_figure",
                                "value": {
                                    "value": str(figure["value"]),
                                    "unit": figure["unit"],
                                    "label": label["label"],
                                    "year": figure.get("year"),
                                    "source": label["source"],
                                    "source_url": figure["source_url"],
                                },
                                "id": block_id(slug, "key-figures", index),
                            }
                            for index, (figure, label) in enumerate(
                                zip(record["key_figures"], text["key_figures"], strict=True)
                            )
                        ],
                        "legal_framework": paragraphs(f"{slug}/legal", text["legal_framework"]),
                        "funding": paragraphs(f"{slug}/funding", text["funding"]),
                    }

                def contacts(text, record=record, slug=slug):
                    return [
                        contact_model(
                            name=contact["name"],
                            role=role,
                            organisation=contact["organisation"],
                            email=contact["email"],
                            phone=contact["phone"],
                            website=organisations[(contact["organisation"], record["country"])][
                                "website"
                            ],
                            locale=self.source_locale,
                            translation_key=uuid.uuid5(BLOCK_NAMESPACE, f"{slug}/contact/{number}"),
                        )
                        for number, (contact, role) in enumerate(
                            zip(record["network_contacts"], text["contact_roles"], strict=True)
                        )
                    ]

                page = profile_model(
                    slug=slug,
                    country=self.english_country(record["country"]),
                    locale=self.source_locale,
                    **fields(english),
                )
                page.network_contacts = contacts(english)
                page = self.save_new(record, "country profiles", index, page)
                for language, text in record["translations"].items():
                    if language == SOURCE_LANGUAGE:
                        continue

                    def build(
                        copy,
                        text=text,
                        language=language,
                        fields=fields,
                        contacts=contacts,
                        slug=slug,
                    ):
                        for name, value in fields(text).items():
                            setattr(copy, name, value)
                        copy.slug = translated_slug(text, language, slug)
                        copy.network_contacts = contacts(text)

                    self.translate_page(record, "country profiles", page, language, build)
                bar.advance()

    # -- promoted search results ------------------------------------------------------------------

    def load_promotions(self) -> None:
        if not apps.is_installed("wagtail.contrib.search_promotions"):
            self.promotions_skipped = True
            return
        self.promotions_skipped = False
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        indexes = {
            "case_study": CASE_STUDY_INDEX,
            "guide": TOOLKIT_INDEX,
            "tool": TOOLKIT_INDEX,
            "country": COUNTRY_INDEX,
        }
        with self.progress("Promoted results", len(self.data.promotions)) as bar:
            for item in self.data.promotions:
                index = self.index_page(indexes[item["page"]["kind"]])
                page = self.existing_child(index, item["page"]["slug"])
                if page is None:
                    raise self.fail(item, "the page is not in the database", "page.slug")
                page = page.get_translation_or_none(self.locales[item["locale"]]) or page
                query = Query.get(item["query"])
                _promotion, created = SearchPromotion.objects.get_or_create(
                    query=query,
                    page=page,
                    defaults={
                        "description": item["description"],
                        "sort_order": query.editors_picks.count(),
                    },
                )
                self.summary.promotions += int(created)
                bar.advance()


def summary_lines(summary: Summary, *, promotions_installed: bool) -> list[str]:
    languages = [code for code, _name in settings.LANGUAGES]
    kinds = ["index pages", "home", "tools", "case studies", "guides", "country profiles"]
    width = max(len(kind) for kind in kinds) + 2
    lines = ["Summary (pages created, by language):"]
    lines.append(" " * width + "".join(f"{code:>5}" for code in languages))
    for kind in kinds:
        counts = [summary.pages[(kind, code)] for code in languages]
        lines.append(f"{kind:<{width}}" + "".join(f"{count:>5}" for count in counts))
    lines.append(
        f"{'organisations':<{width}}"
        + "".join(f"{summary.organisations[code]:>5}" for code in languages)
    )
    lines.append(
        f"{'regions':<{width}}" + "".join(f"{summary.regions[code]:>5}" for code in languages)
    )
    lines.append(f"Images: {summary.images}, documents: {summary.documents}.")
    if promotions_installed:
        lines.append(f"Promoted search results: {summary.promotions}.")
    else:
        lines.append(
            "Promoted search results: not loaded "
            "(wagtail.contrib.search_promotions is not installed)."
        )
    if summary.skipped:
        already = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.skipped.items()))
        lines.append(f"Already present, left as they are: {already}.")
    if summary.deleted:
        deleted = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.deleted.items()))
        lines.append(f"Deleted first (--reset): {deleted}.")
    lines.append(f"Done in {summary.seconds:.1f}s.")
    return lines
