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

from .casestudies.builders import case_study, case_study_admin_data, case_study_index
from .factories import (
    CountryFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    StandardPageFactory,
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
