"""Pages that reference a tool are found through Wagtail's reference index, per locale."""

import pytest
from wagtail.models import ReferenceIndex
from wagtail_localize.synctree import create_aliases_for_new_page

from home.models import StandardPage
from tests.factories import GuidePageFactory, StandardPageFactory, ToolPageFactory
from toolkit.models.relations import pages_referencing

pytestmark = pytest.mark.django_db


def call_to_action(page):
    return [
        {
            "type": "call_to_action",
            "id": f"cta-{page.pk}",
            "value": {"text": "Try it", "page": page.pk, "url": "", "button_label": "Open"},
        }
    ]


def test_a_page_that_links_to_the_tool_is_found(home, toolkit):
    tool = ToolPageFactory(parent=toolkit)
    citing = StandardPageFactory(parent=home, title="About mapping", body=call_to_action(tool))
    StandardPageFactory(parent=home, title="Unrelated")
    assert ReferenceIndex.get_references_to(tool).exists()
    assert list(pages_referencing(tool, StandardPage, tool.locale)) == [citing]


def test_drafts_and_other_page_types_are_left_out(home, toolkit):
    tool = ToolPageFactory(parent=toolkit)
    StandardPageFactory(parent=home, body=call_to_action(tool), live=False)
    guide = GuidePageFactory(parent=toolkit)
    guide.related_tools.create(tool=tool)
    guide.save()
    assert list(pages_referencing(tool, StandardPage, tool.locale)) == []
    assert list(pages_referencing(tool, type(guide), tool.locale)) == [guide]


def test_each_locale_sees_its_own_versions_of_the_referencing_pages(home, toolkit, locales):
    tool = ToolPageFactory(parent=toolkit)
    citing = StandardPageFactory(parent=home, title="About mapping", body=call_to_action(tool))
    for page in (toolkit, tool, citing):
        create_aliases_for_new_page(page)
    greek_tool = tool.get_translation(locales["el"])
    greek_citing = citing.get_translation(locales["el"])
    assert list(pages_referencing(greek_tool, StandardPage, locales["el"])) == [greek_citing]
    # An unpublished version in a locale is not listed there.
    greek_citing.unpublish()
    assert list(pages_referencing(greek_tool, StandardPage, locales["el"])) == []
    assert list(pages_referencing(tool, StandardPage, locales["en"])) == [citing]
