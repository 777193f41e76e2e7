"""Synthetic content at scale for benchmarks, reproducible from a seed.

Two parts:

- ``plan_pages(count, seed, ...)`` decides everything (kinds, titles, texts, places,
  taxonomies, which locales get a translation) without touching the database: the same
  seed gives the same pages;
- ``BenchWriter`` writes the plan in bulk. Creating pages one by one through treebeard's
  ``add_child`` costs several queries and a tree lock each (about 20 pages a second here);
  the writer computes tree paths itself and inserts a few hundred pages per query, then
  indexes them for search in bulk.

Every English page gets a version in each other locale, as the synchronised trees of the
real site have: a translation (text from that language's word lists) for a share of the
pages, an alias of the English page otherwise. Bench pages are identified by their slug,
which starts with ``bench-``; their pictures live in the "Benchmark content" collection.
"""

import logging
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from modelsearch.backends import get_search_backends_with_name
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail_localize.synctree import create_aliases_for_new_page

from hub.db import refresh_statistics
from hub.models import Country, SpaceType, Theme
from hub.setup import TAXONOMY_FILE, setup_site

from .illustrations import MOTIFS, illustration_bytes
from .loader import deferred_indexing

logger = logging.getLogger(__name__)

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "bench" / "words.yaml"
SLUG_PREFIX = "bench-"
BENCH_COLLECTION = "Benchmark content"
IMAGE_COUNT = 20
MAX_PAGES = 100_000
BATCH = 400
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
KINDS = {"case_study": 84, "tool": 10, "guide": 6}  # shares, in per cent
MODELS = {
    "case_study": "casestudies.CaseStudyPage",
    "guide": "toolkit.GuidePage",
    "tool": "toolkit.ToolPage",
}
INDEXES = {
    "case_study": ("casestudies.CaseStudyIndexPage", "Case studies", "case-studies"),
    "guide": ("toolkit.ToolkitIndexPage", "Toolkit", "toolkit"),
    "tool": ("toolkit.ToolkitIndexPage", "Toolkit", "toolkit"),
}
PARTNERS = ("FR", "IT", "ES", "GR", "HR")
STAGES = ("mapping", "convening", "charter", "platform", "evaluation")
AUDIENCES = ("space_managers", "public_authorities", "network_organisers", "researchers")
TIMES = ("hour", "half_day", "day", "days", "weeks", "months")


def read_words() -> dict:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


def taxonomy_slugs() -> dict:
    data = yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))
    return {
        "themes": sorted(entry["slug"] for entry in data["themes"]),
        "space_types": sorted(entry["slug"] for entry in data["space_types"]),
        "space_type_names": {entry["slug"]: entry for entry in data["space_types"]},
    }


# -- the plan: pure and reproducible ---------------------------------------------------------


@dataclass
class PlannedPage:
    kind: str
    number: int
    slug: str
    translation_key: uuid.UUID
    fields: dict  # synchronised fields (numbers, places, taxonomies, choices)
    texts: dict = field(default_factory=dict)  # language -> translatable text fields
    translated: list = field(default_factory=list)  # languages with a real translation


class Planner:
    def __init__(self, seed: int, words: dict, taxonomy: dict, choices: dict, share: float):
        self.rng = random.Random(seed)  # noqa: S311 (synthetic content, not secrets)
        self.words = words
        self.taxonomy = taxonomy
        self.choices = choices
        self.share = share
        self.languages = [code for code, _name in settings.LANGUAGES]

    def sentence(self, language: str) -> str:
        words = self.words["languages"][language]
        return (
            f"{self.rng.choice(words['subjects'])} {self.rng.choice(words['predicates'])} "
            f"{self.rng.choice(words['complements'])}."
        )

    def paragraph(self, language: str, sentences: int) -> str:
        return " ".join(self.sentence(language) for _ in range(sentences))

    def paragraphs(self, language: str, count: int) -> list[str]:
        return [self.paragraph(language, self.rng.randint(2, 4)) for _ in range(count)]

    def city_name(self, city: dict, language: str) -> str:
        return city.get(language) or city["name"]

    def plan(self, count: int) -> list[PlannedPage]:
        kinds = list(KINDS)
        weights = [KINDS[kind] for kind in kinds]
        return [
            self.page(self.rng.choices(kinds, weights=weights)[0], number)
            for number in range(count)
        ]

    def page(self, kind: str, number: int) -> PlannedPage:
        rng = self.rng
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        translated = [
            code for code in self.languages if code != SOURCE_LANGUAGE and rng.random() < self.share
        ]
        page = PlannedPage(
            kind=kind,
            number=number,
            slug=f"{SLUG_PREFIX}{kind.replace('_', '-')}-{number:05d}",
            translation_key=key,
            fields={"image": rng.randrange(IMAGE_COUNT)},
            translated=translated,
        )
        getattr(self, f"plan_{kind}")(page)
        return page

    def plan_case_study(self, page: PlannedPage) -> None:
        rng = self.rng
        country = rng.choice(PARTNERS)
        city = rng.choice(self.words["cities"][country])
        space_type = rng.choice(self.taxonomy["space_types"])
        themes = rng.sample(self.taxonomy["themes"], rng.randint(1, 3))
        figures = [
            (
                rng.randrange(len(self.words["languages"]["en"]["figure_labels"])),
                rng.randint(3, 900),
            )
            for _ in range(rng.randint(1, 3))
        ]
        name = rng.randrange(len(self.words["languages"]["en"]["names"]))
        page.fields.update(
            country=country,
            latitude=round(city["lat"] + rng.uniform(-0.03, 0.03), 5),
            longitude=round(city["lon"] + rng.uniform(-0.03, 0.03), 5),
            space_type=space_type,
            themes=themes,
            year_founded=rng.randint(2005, 2024),
            surface_m2=rng.randint(60, 2500),
            desks=rng.randint(4, 120),
            members=rng.randint(10, 600),
            business_model=rng.choice(self.choices["business_model"]),
            governance=rng.choice(self.choices["governance"]),
            figures=figures,
        )
        sections = {
            section: rng.randint(1, 2)
            for section in ("context", "challenge", "approach", "results", "lessons", "transfer")
        }
        for language in [SOURCE_LANGUAGE, *page.translated]:
            words = self.words["languages"][language]
            space_name = self.taxonomy["space_type_names"][space_type][language]
            city_name = self.city_name(city, language)
            page.texts[language] = {
                "title": words["case_title"].format(
                    name=words["names"][name],
                    space=space_name[0].lower() + space_name[1:],
                    city=city_name,
                ),
                "summary": self.paragraph(language, 2),
                "city": city_name,
                **{
                    section: self.paragraphs(language, count) for section, count in sections.items()
                },
                "figure_labels": [words["figure_labels"][label] for label, _value in figures],
            }

    def plan_guide(self, page: PlannedPage) -> None:
        rng = self.rng
        en = self.words["languages"]["en"]
        topic = rng.randrange(len(en["guide_topics"]))
        angle = rng.randrange(len(en["guide_angles"]))
        chapters = rng.sample(range(len(en["chapter_titles"])), rng.randint(2, 4))
        steps = [rng.sample(range(len(en["step_titles"])), rng.randint(0, 4)) for _ in chapters]
        page.fields.update(
            stage=rng.choice(STAGES),
            audience=sorted(rng.sample(AUDIENCES, rng.randint(1, 3)), key=AUDIENCES.index),
        )
        for language in [SOURCE_LANGUAGE, *page.translated]:
            words = self.words["languages"][language]
            page.texts[language] = {
                "title": words["guide_title"].format(
                    topic=words["guide_topics"][topic], angle=words["guide_angles"][angle]
                ),
                "summary": self.paragraph(language, 2),
                "chapters": [
                    {
                        "heading": words["chapter_titles"][chapter],
                        "paragraphs": self.paragraphs(language, rng.randint(1, 3)),
                        "steps": [
                            (words["step_titles"][step], self.sentence(language))
                            for step in chapter_steps
                        ],
                    }
                    for chapter, chapter_steps in zip(chapters, steps, strict=True)
                ],
            }

    def plan_tool(self, page: PlannedPage) -> None:
        rng = self.rng
        en = self.words["languages"]["en"]
        name = rng.randrange(len(en["tool_names"]))
        steps = rng.sample(range(len(en["step_titles"])), rng.randint(2, 5))
        page.fields.update(stage=rng.choice(STAGES), time_needed=rng.choice(TIMES))
        for language in [SOURCE_LANGUAGE, *page.translated]:
            words = self.words["languages"][language]
            page.texts[language] = {
                "title": words["tool_names"][name],
                "summary": self.paragraph(language, 1),
                "purpose": self.paragraph(language, 3),
                "steps": [(words["step_titles"][step], self.sentence(language)) for step in steps],
            }


def plan_pages(count: int, seed: int, *, share: float = 0.2, choices: dict | None = None):
    """The pages ``generate_bench_content`` creates, decided from the seed alone."""
    choices = choices or {
        "business_model": ["membership", "mixed", "public_funding"],
        "governance": ["association", "cooperative", "public"],
    }
    return Planner(seed, read_words(), taxonomy_slugs(), choices, share).plan(count)


# -- the writer: bulk inserts -------------------------------------------------------------------


def rich(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def block_id(page: PlannedPage, *parts) -> str:
    return str(uuid.uuid5(page.translation_key, "/".join(str(part) for part in parts)))


def paragraph_blocks(page, name, texts) -> list[dict]:
    return [
        {"type": "paragraph", "value": rich(text), "id": block_id(page, name, index)}
        for index, text in enumerate(texts)
    ]


def steps_value(page, name, steps) -> dict:
    return {
        "heading": "",
        "steps": [
            {
                "type": "item",
                "value": {"title": title, "text": rich(text)},
                "id": block_id(page, name, index),
            }
            for index, (title, text) in enumerate(steps)
        ],
    }


@dataclass
class BenchResult:
    source_pages: int = 0
    translated: int = 0
    aliases: int = 0
    by_kind: dict = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.source_pages + self.translated + self.aliases


class BenchWriter:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.now = timezone.now()

    def existing_count(self) -> int:
        return Page.objects.filter(slug__startswith=SLUG_PREFIX).count()

    def delete_existing(self) -> int:
        """Delete every bench page (all locales) and the bench pictures; returns the count."""
        pages = Page.objects.filter(slug__startswith=SLUG_PREFIX)
        count = pages.count()
        with deferred_indexing(), transaction.atomic():
            # Children of the index pages: treebeard's queryset delete keeps numchild right.
            pages.delete()
            collection = Collection.objects.filter(name=BENCH_COLLECTION)
            for image in get_image_model().objects.filter(collection__in=collection):
                image.file.delete(save=False)
                image.delete()
        for _name, backend in get_search_backends_with_name(with_auto_update=True):
            for model_label in set(MODELS.values()):
                index = backend.get_index_for_model(apps.get_model(model_label))
                if hasattr(index, "delete_stale_model_entries"):
                    index.delete_stale_model_entries(apps.get_model(model_label))
        return count

    # -- set-up --------------------------------------------------------------------------

    def prepare(self) -> None:
        self.home = setup_site()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.models = {kind: apps.get_model(label) for kind, label in MODELS.items()}
        self.content_types = {
            kind: ContentType.objects.get_for_model(model) for kind, model in self.models.items()
        }
        self.parents = {}  # (kind, language) -> parent page in that locale
        for kind, (label, title, slug) in INDEXES.items():
            index_model = apps.get_model(label)
            index = self.home.get_children().type(index_model).first()
            if index is None:
                index = index_model(title=title, slug=slug, locale=self.home.locale)
                self.home.add_child(instance=index)
                index.save_revision().publish()
                create_aliases_for_new_page(index)
            for code, locale in self.locales.items():
                self.parents[(kind, code)] = Page.objects.get(
                    translation_key=index.translation_key, locale=locale
                )
        self.next_step = {}
        for parent in {page.pk: page for page in self.parents.values()}.values():
            last = parent.get_last_child()
            self.next_step[parent.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.added_children = defaultdict(int)
        self.countries = {
            (country.code, country.locale_id): country
            for country in Country.objects.filter(code__in=PARTNERS)
        }
        self.space_types = {(term.slug, term.locale_id): term for term in SpaceType.objects.all()}
        self.themes = {(term.slug, term.locale_id): term for term in Theme.objects.all()}
        self.images = self.ensure_images()

    def ensure_images(self) -> list:
        """About twenty pictures, made once and reused by every bench page."""
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=BENCH_COLLECTION).first()
        if collection is None:
            collection = root.add_child(name=BENCH_COLLECTION)
        image_model = get_image_model()
        images = list(image_model.objects.filter(collection=collection).order_by("pk"))
        rng = random.Random(IMAGE_COUNT)  # noqa: S311 (pictures, not secrets)
        for number in range(len(images), IMAGE_COUNT):
            hue, motif = rng.randrange(360), MOTIFS[number % len(MOTIFS)]
            png = illustration_bytes(hue, motif, seed=f"bench-{number}", size=(960, 540))
            image = image_model(title=f"Benchmark illustration {number + 1}", collection=collection)
            image.file.save(f"bench-{number + 1}.png", ContentFile(png), save=False)
            image.width, image.height, image.file_size = 960, 540, len(png)
            if hasattr(image, "description"):
                image.description = f"Abstract illustration: {motif} in one colour family."
            image.save()
            images.append(image)
        return images

    # -- one page in one locale --------------------------------------------------------------

    def base_fields(self, page: PlannedPage, language: str, title: str, alias_of=None) -> dict:
        parent = self.parents[(page.kind, language)]
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] += 1
        self.added_children[parent.pk] += 1
        return {
            "title": title,
            "draft_title": title,
            "slug": page.slug,
            "content_type": self.content_types[page.kind],
            "path": Page._get_path(parent.path, parent.depth + 1, step),
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{page.slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": self.now,
            "last_published_at": self.now,
            "locale": self.locales[language],
            "translation_key": page.translation_key,
            "alias_of": alias_of,
        }

    def specific_fields(self, page: PlannedPage, language: str, text_language: str) -> dict:
        text = page.texts[text_language]
        image = self.images[page.fields["image"] % len(self.images)]
        locale_id = self.locales[language].pk
        if page.kind == "case_study":
            figures = [
                {
                    "type": "key_figure",
                    "value": {
                        "value": str(value),
                        "unit": "",
                        "label": label,
                        "year": 2024,
                        "source": "",
                    },
                    "id": block_id(page, "figure", index),
                }
                for index, ((_label, value), label) in enumerate(
                    zip(page.fields["figures"], text["figure_labels"], strict=True)
                )
            ]
            return {
                "summary": text["summary"],
                "hero_image": image,
                "hero_image_alt": "",
                "city": text["city"],
                "country": self.countries[(page.fields["country"], locale_id)],
                "latitude": page.fields["latitude"],
                "longitude": page.fields["longitude"],
                "space_type": self.space_types[(page.fields["space_type"], locale_id)],
                "year_founded": page.fields["year_founded"],
                "surface_m2": page.fields["surface_m2"],
                "desks": page.fields["desks"],
                "members": page.fields["members"],
                "business_model": page.fields["business_model"],
                "governance": page.fields["governance"],
                "context": paragraph_blocks(page, "context", text["context"]),
                "challenge": paragraph_blocks(page, "challenge", text["challenge"]),
                "approach": paragraph_blocks(page, "approach", text["approach"]),
                "results": figures + paragraph_blocks(page, "results", text["results"]),
                "lessons": paragraph_blocks(page, "lessons", text["lessons"]),
                "transfer": paragraph_blocks(page, "transfer", text["transfer"]),
                "source_name": "Synthetic benchmark content",
                "source_year": 2025,
            }
        if page.kind == "guide":
            chapters = []
            for number, chapter in enumerate(text["chapters"]):
                body = paragraph_blocks(page, f"chapter-{number}", chapter["paragraphs"])
                if chapter["steps"]:
                    body.append(
                        {
                            "type": "steps",
                            "value": steps_value(page, f"chapter-{number}-steps", chapter["steps"]),
                            "id": block_id(page, "chapter", number, "steps"),
                        }
                    )
                chapters.append(
                    {
                        "type": "chapter",
                        "value": {"heading": chapter["heading"], "anchor": "", "body": body},
                        "id": block_id(page, "chapter", number),
                    }
                )
            return {
                "summary": text["summary"],
                "stage": page.fields["stage"],
                "audience": page.fields["audience"],
                "chapters": chapters,
            }
        return {
            "summary": text["summary"],
            "purpose": text["purpose"],
            "stage": page.fields["stage"],
            "time_needed": page.fields["time_needed"],
            "time_detail": "",
            "how_to": [
                {
                    "type": "steps",
                    "value": steps_value(page, "how-to", text["steps"]),
                    "id": block_id(page, "how-to"),
                }
            ],
        }

    # -- writing ---------------------------------------------------------------------------

    def write(self, plan: list[PlannedPage], progress=None) -> BenchResult:
        result = BenchResult()
        started = time.monotonic()
        written = []
        with transaction.atomic():
            self.prepare()  # index pages it creates are indexed as usual
            with deferred_indexing():
                self.write_all(plan, result, written, progress)
        result.seconds = time.monotonic() - started
        indexing = time.monotonic()
        self.index(written)
        refresh_statistics(bulk_load=True)
        result.index_seconds = time.monotonic() - indexing
        return result

    def write_all(self, plan, result, written, progress) -> None:
        for start in range(0, len(plan), BATCH):
            batch = plan[start : start + BATCH]
            written.extend(self.write_batch(batch, result))
            if progress:
                progress.advance(len(batch))
        for parent_pk, added in self.added_children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + added)

    def write_batch(self, batch: list[PlannedPage], result: BenchResult) -> list[tuple]:
        rows = []  # (planned page, language, base Page row)
        for page in batch:
            english = page.texts[SOURCE_LANGUAGE]
            rows.append(
                (
                    page,
                    SOURCE_LANGUAGE,
                    Page(**self.base_fields(page, SOURCE_LANGUAGE, english["title"])),
                )
            )
            result.source_pages += 1
            result.by_kind[page.kind] += 1
        Page.objects.bulk_create([row[2] for row in rows])
        sources = {row[0].translation_key: row[2] for row in rows}
        for page in batch:
            for language in self.locales:
                if language == SOURCE_LANGUAGE:
                    continue
                if language in page.translated:
                    title = page.texts[language]["title"]
                    base = Page(**self.base_fields(page, language, title))
                    result.translated += 1
                else:
                    alias_of = sources[page.translation_key]
                    base = Page(
                        **self.base_fields(
                            page, language, page.texts[SOURCE_LANGUAGE]["title"], alias_of
                        )
                    )
                    result.aliases += 1
                rows.append((page, language, base))
        Page.objects.bulk_create([row[2] for row in rows if row[2].pk is None])

        by_model = defaultdict(list)
        themes = []
        for page, language, base in rows:
            model = self.models[page.kind]
            text_language = language if language in page.texts else SOURCE_LANGUAGE
            specific = model(
                page_ptr_id=base.pk, **self.specific_fields(page, language, text_language)
            )
            by_model[model].append(specific)
            if page.kind == "case_study":
                locale_id = self.locales[language].pk
                through, page_column, theme_column = self.themes_through(model)
                themes.extend(
                    through(
                        **{
                            page_column: base.pk,
                            theme_column: self.themes[(slug, locale_id)].pk,
                        }
                    )
                    for slug in page.fields["themes"]
                )
        for model, objects in by_model.items():
            local_fields = list(model._meta.local_concrete_fields)
            # Django's bulk_create refuses multi-table models; the parent rows exist, so
            # the child rows go in one INSERT per batch.
            model._base_manager._insert(objects, fields=local_fields, using=connection.alias)
        if themes:
            type(themes[0]).objects.bulk_create(themes)
        return [(self.models[page.kind], base.pk) for page, _language, base in rows]

    @staticmethod
    def themes_through(model):
        """The themes' link table and its two columns (page, theme)."""
        through = model._meta.get_field("themes").remote_field.through
        columns = {f.related_model: f.attname for f in through._meta.fields if f.is_relation}
        page_column = next(name for related, name in columns.items() if related is not Theme)
        return through, page_column, columns[Theme]

    def index(self, written: list[tuple]) -> None:
        """Add the new pages to every search backend, a thousand at a time."""
        by_model = defaultdict(list)
        for model, pk in written:
            by_model[model].append(pk)
        for model, pks in by_model.items():
            # get_indexed_objects() leaves out what is not indexed (aliases).
            queryset = model.get_indexed_objects().select_related("locale")
            if model is self.models["case_study"]:
                queryset = queryset.select_related(
                    "country", "region", "space_type"
                ).prefetch_related("themes")
            for start in range(0, len(pks), 1000):
                items = list(queryset.filter(pk__in=pks[start : start + 1000]))
                for name, backend in get_search_backends_with_name(with_auto_update=True):
                    try:
                        backend.add_bulk(model, items)
                    except Exception:
                        # An external engine that is down: the pages exist, `manage.py
                        # update_index` indexes them later (as for an ordinary save).
                        if not backend.catch_indexing_errors:
                            raise
                        logger.exception("Could not index benchmark pages in %r", name)


def describe(result: BenchResult) -> list[str]:
    elapsed = result.seconds + result.index_seconds
    rate = result.total / elapsed if elapsed else 0
    names = {"case_study": "case studies", "guide": "guides", "tool": "tools"}
    kinds = ", ".join(f"{count} {names[kind]}" for kind, count in sorted(result.by_kind.items()))
    return [
        f"English pages: {result.source_pages} ({kinds}).",
        f"Other locales: {result.translated} translated pages, {result.aliases} aliases.",
        f"Total: {result.total} pages in {elapsed:.1f}s ({rate:.0f} pages/second): "
        f"written in {result.seconds:.1f}s, indexed for search in {result.index_seconds:.1f}s.",
    ]
