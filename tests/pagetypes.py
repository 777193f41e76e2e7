"""How the shared page-type check builds each page type.

Every page model of the project must have an entry here: ``tests/test_page_types.py``
fails for a page type that has none, so a new page type cannot skip the shared check.
An entry gives a function that creates a live English page (under its natural parent,
given the English home) and the POST data that creates one through the Wagtail admin.
"""

from wagtail.test.utils.form_data import nested_form_data, streamfield

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from home.models import HomePage, StandardPage

from .casestudies.builders import case_study, case_study_admin_data, case_study_index
from .factories import StandardPageFactory


def _standard_page(home):
    return StandardPageFactory(parent=home)


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
