"""How the shared page-type check builds each page type.

Every page model of the project must have an entry here: ``tests/test_page_types.py``
fails for a page type that has none, so a new page type cannot skip the shared check.
An entry gives a function that creates a live English page (under its natural parent,
given the English home) and the POST data that creates one through the Wagtail admin.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage, StandardPage
from hub.models import CountryIndexPage, CountryProfilePage
from toolkit.models import GuidePage, ToolkitIndexPage, ToolPage

from .casestudies.builders import case_study, case_study_admin_data, case_study_index
from .factories import (
    CountryFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    DocumentFactory,
    GuidePageFactory,
    StandardPageFactory,
    ToolFileFactory,
    ToolkitIndexPageFactory,
    ToolPageFactory,
)


def _standard_page(home):
    return StandardPageFactory(parent=home)


def _country_profile(home):
    index = CountryIndexPageFactory(parent=home)
    return CountryProfilePageFactory(parent=index, country=CountryFactory(code="FR", name="France"))


def _country_profile_admin_data():
    return nested_form_data(
        {
            "title": "France",
            "country": CountryFactory(code="FR", name="France").pk,
            "overview": streamfield([("paragraph", rich_text("<p>Thousands of tiers-lieux.</p>"))]),
            "key_figures": streamfield(
                [
                    (
                        "key_figure",
                        {
                            "value": "3500",
                            "unit": "",
                            "label": "third places",
                            "year": "2023",
                            "source": "France Tiers-Lieux",
                            "source_url": "https://example.org/",
                        },
                    )
                ]
            ),
            "legal_framework": streamfield([]),
            "funding": streamfield([]),
            "network_contacts": inline_formset(
                [
                    {
                        "name": "Secretariat",
                        "role": "",
                        "organisation": "",
                        "email": "hello@example.org",
                        "phone": "",
                        "website": "",
                    }
                ]
            ),
        }
    )


def listblock(items):
    """ListBlock form data (like ``streamfield`` but without block types)."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def _toolkit_index(home):
    return home.get_children().type(ToolkitIndexPage).first() or ToolkitIndexPageFactory(
        parent=home
    )


def _guide_page(home):
    return GuidePageFactory(parent=_toolkit_index(home))


def _tool_page(home):
    tool = ToolPageFactory(parent=_toolkit_index(home))
    ToolFileFactory(page=tool, language="en")
    return tool


def _guide_admin_data():
    data = nested_form_data(
        {
            "title": "Convening the first meeting",
            "slug": "convening-the-first-meeting",
            "summary": "How to bring the spaces of a region around one table.",
            "stage": "convening",
            "chapters": streamfield(
                [
                    (
                        "chapter",
                        {
                            "heading": "Who to invite",
                            "anchor": "",
                            "body": streamfield(
                                [("paragraph", rich_text("<p>Every space you mapped.</p>"))]
                            ),
                        },
                    )
                ]
            ),
            "related_tools": inline_formset([]),
            "related_case_studies": inline_formset([]),
        }
    )
    data["audience"] = ["space_managers", "network_organisers"]
    return data


def _tool_admin_data():
    document = DocumentFactory()
    return nested_form_data(
        {
            "title": "Network charter template",
            "slug": "network-charter-template",
            "summary": "A charter the spaces of a network can adapt and sign.",
            "purpose": "Agree on shared values and commitments.",
            "stage": "charter",
            "time_needed": "weeks",
            "time_detail": "",
            "how_to": streamfield(
                [
                    (
                        "steps",
                        {
                            "heading": "",
                            "steps": listblock([{"title": "Read it", "text": rich_text("")}]),
                        },
                    )
                ]
            ),
            "files": inline_formset([{"document": str(document.pk), "language": "en"}]),
        }
    )


PAGE_TYPES = {
    StandardPage: {
        "create": _standard_page,
        "parent": lambda home: home,
        "admin_data": lambda: nested_form_data(
            {
                "title": "Legal notice",
                "introduction": "Who publishes the hub.",
                "body": streamfield([]),
            }
        ),
    },
    CountryIndexPage: {
        "create": lambda home: CountryIndexPageFactory(parent=home),
        "parent": lambda home: home,
        "admin_data": lambda: nested_form_data(
            {"title": "Countries", "introduction": "The network's countries."}
        ),
    },
    CountryProfilePage: {
        "create": _country_profile,
        "parent": lambda home: CountryIndexPageFactory(parent=home),
        "admin_data": _country_profile_admin_data,
    },
    HomePage: {
        "create": lambda home: home,
        "parent": None,  # one per locale, created by setup_site
        "admin_data": None,
    },
    ToolkitIndexPage: {
        "create": _toolkit_index,
        "parent": lambda home: home,
        "admin_data": lambda: nested_form_data(
            {"title": "Toolkit", "slug": "toolkit", "introduction": "Guides and tools."}
        ),
    },
    GuidePage: {
        "create": _guide_page,
        "parent": _toolkit_index,
        "admin_data": _guide_admin_data,
    },
    ToolPage: {
        "create": _tool_page,
        "parent": _toolkit_index,
        "admin_data": _tool_admin_data,
    },
    CaseStudyIndexPage: {
        "create": case_study_index,
        "parent": lambda home: home,
        "admin_data": lambda: nested_form_data(
            {"title": "Case studies", "introduction": "Spaces of the network."}
        ),
    },
    CaseStudyPage: {
        "create": case_study,
        "parent": case_study_index,
        "admin_data": case_study_admin_data,
    },
}
