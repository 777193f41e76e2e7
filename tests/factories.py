"""Factories for every page type, snippet and block (one place; no copy-pasted helpers)."""

import datetime
from uuid import uuid4

import factory
import wagtail_factories
from anyascii import anyascii
from django.utils.text import slugify
from wagtail.models import Locale

from home.models import HomePage, StandardPage
from hub import blocks
from hub.models import (
    Country,
    CountryContact,
    CountryIndexPage,
    CountryProfilePage,
    Organisation,
    Region,
    SpaceType,
    Theme,
)
from toolkit.choices import Audience, Stage, TimeNeeded
from toolkit.models import GuidePage, ToolFile, ToolkitIndexPage, ToolPage


def english():
    return Locale.objects.get(language_code="en")


class CountryFactory(factory.django.DjangoModelFactory):
    code = factory.Iterator(["FR", "IT", "ES", "GR", "HR", "MT", "CY", "SI"])
    name = factory.LazyAttribute(lambda o: f"Country {o.code}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = Country
        django_get_or_create = ("code", "locale")


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    country = factory.SubFactory(CountryFactory)
    locale = factory.LazyFunction(english)

    class Meta:
        model = Region


class ThemeFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = Theme
        django_get_or_create = ("slug", "locale")


class SpaceTypeFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"space-type-{n}")
    name = factory.Sequence(lambda n: f"Space type {n}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = SpaceType
        django_get_or_create = ("slug", "locale")


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.OPERATOR
    country = factory.SubFactory(CountryFactory)
    locale = factory.LazyFunction(english)

    class Meta:
        model = Organisation


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About the network {n}")
    introduction = "Who we are and how the network works."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "CoWorkMed Hub"
    introduction = "Case studies, guides and tools."

    class Meta:
        model = HomePage


class SourcedKeyFigureBlockFactory(wagtail_factories.StructBlockFactory):
    value = "1200"
    unit = ""
    label = "coworking spaces in the country"
    year = 2023
    source = "National coworking survey"
    source_url = "https://example.org/survey-2023"

    class Meta:
        model = blocks.SourcedKeyFigureBlock


class CountryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Countries"
    introduction = "The network's countries: their spaces, rules and funding."

    class Meta:
        model = CountryIndexPage


class CountryProfilePageFactory(wagtail_factories.PageFactory):
    """A live English profile; pass ``parent`` (a CountryIndexPage) and usually ``country``."""

    title = factory.LazyAttribute(lambda o: o.country.name)
    country = factory.SubFactory(CountryFactory)
    overview = wagtail_factories.StreamFieldFactory({})
    key_figures = factory.LazyFunction(lambda: [("key_figure", SourcedKeyFigureBlockFactory())])
    legal_framework = wagtail_factories.StreamFieldFactory({})
    funding = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = CountryProfilePage


class CountryContactFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CountryProfilePageFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "National coordinator"
    organisation = "Network secretariat"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Meta:
        model = CountryContact


# --- Toolkit: guides and tools -------------------------------------------------------


def chapter(heading, *paragraphs, anchor="", steps=()):
    """Stored data of one guide chapter: paragraphs, then ordered steps if any."""
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    if steps:
        body.append(
            {
                "type": "steps",
                "value": {
                    "heading": "",
                    "steps": [
                        {"type": "item", "value": {"title": step, "text": ""}, "id": str(uuid4())}
                        for step in steps
                    ],
                },
            }
        )
    return {"type": "chapter", "value": {"heading": heading, "anchor": anchor, "body": body}}


def how_to_steps(*steps):
    """Stored data of a tool's how-to: one list of ordered steps."""
    return [
        {
            "type": "steps",
            "value": {
                "heading": "",
                "steps": [
                    {"type": "item", "value": {"title": s, "text": ""}, "id": str(uuid4())}
                    for s in steps
                ],
            },
        }
    ]


class ToolkitIndexPageFactory(wagtail_factories.PageFactory):
    title = "Toolkit"
    slug = "toolkit"
    introduction = "Guides and tools to build a network of third places."

    class Meta:
        model = ToolkitIndexPage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"How to map the spaces of a region {n}")
    summary = "Find the coworking spaces and third places of a region before convening them."
    stage = Stage.MAPPING
    audience = factory.LazyFunction(lambda: [Audience.NETWORK_ORGANISERS])
    chapters = factory.LazyFunction(
        lambda: [
            chapter("Why map first", "Knowing who is there saves months later."),
            chapter("Run the census", "Send the survey.", steps=["List", "Send", "Publish"]),
        ]
    )

    class Meta:
        model = GuidePage


class ToolPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Census survey {n}")
    summary = "A questionnaire to list the third places of a region."
    purpose = "Collect comparable facts about every space before the first meeting."
    stage = Stage.MAPPING
    time_needed = TimeNeeded.WEEKS
    how_to = factory.LazyFunction(
        lambda: how_to_steps("Adapt the questions", "Send it", "Publish the results")
    )

    class Meta:
        model = ToolPage


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Census survey template {n}")
    file = factory.django.FileField(filename="census-survey.pdf", data=b"%PDF-1.4 survey")


class ToolFileFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ToolPageFactory)
    document = factory.SubFactory(DocumentFactory)
    language = "en"

    class Meta:
        model = ToolFile


# Case studies ------------------------------------------------------------------------


def _story(text):
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{text}</p>"))]


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case studies"
    introduction = "Spaces of the network, told so that others can learn from them."

    class Meta:
        model = "casestudies.CaseStudyIndexPage"


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rural hub {n}")
    summary = "A former school turned into a coworking space and village meeting place."
    city = "Forcalquier"
    country = factory.SubFactory(CountryFactory, code="FR")
    latitude = 43.9596
    longitude = 5.7803
    space_type = factory.SubFactory(SpaceTypeFactory)
    themes = factory.LazyFunction(lambda: [ThemeFactory()])
    year_founded = 2016
    context = factory.LazyFunction(lambda: _story("The village had lost its last café."))
    challenge = factory.LazyFunction(lambda: _story("Remote workers had nowhere to meet."))
    approach = factory.LazyFunction(lambda: _story("The town hall lent the old school."))
    results = factory.LazyFunction(lambda: _story("Forty regular members after two years."))
    lessons = factory.LazyFunction(lambda: _story("Start with a café, not with desks."))

    class Meta:
        model = "casestudies.CaseStudyPage"


class CaseStudyContactFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CaseStudyPageFactory)
    name = factory.Sequence(lambda n: f"Contact person {n}")
    role = "Manager of the space"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consent = True
    consent_date = datetime.date(2024, 5, 2)

    class Meta:
        model = "casestudies.CaseStudyContact"


class CaseStudyGalleryImageFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CaseStudyPageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    caption = "The shared kitchen on a market day"

    class Meta:
        model = "casestudies.CaseStudyGalleryImage"


class CaseStudyRelationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CaseStudyPageFactory)
    target = factory.SubFactory(CaseStudyPageFactory)
    relation = "inspired_by"

    class Meta:
        model = "casestudies.CaseStudyRelation"


class CaseStudyToolFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CaseStudyPageFactory)
    tool = factory.SubFactory(StandardPageFactory)

    class Meta:
        model = "casestudies.CaseStudyTool"


def make_standard_page(parent, title, introduction="", paragraphs=(), **kwargs):
    """A live StandardPage with rich-text paragraphs in its body, under ``parent``."""
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    kwargs.setdefault("slug", slugify(anyascii(title))[:80])
    page = StandardPage(
        title=title, introduction=introduction, body=body, locale=parent.locale, **kwargs
    )
    parent.add_child(instance=page)
    return page
