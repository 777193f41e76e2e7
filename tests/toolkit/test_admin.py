"""Editors build guides and tools in the admin: tabs, choosers, related pages."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory, ToolPageFactory
from tests.pagetypes import _guide_admin_data
from toolkit.models import GuidePage, GuideRelatedCaseStudy, ToolPage

pytestmark = pytest.mark.django_db


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


@pytest.mark.parametrize(
    ("model", "tabs"),
    [
        (GuidePage, ["Content", "Stage &amp; audience", "Related", "Promote"]),
        (ToolPage, ["Content", "Stage &amp; time", "Files", "Promote"]),
    ],
)
def test_edit_form_is_organised_in_tabs(toolkit, editor_client, model, tabs):
    html = editor_client.get(add_url(toolkit, model)).text
    labels = re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', html)
    assert labels[: len(tabs)] == tabs


def test_a_guide_is_published_with_related_tools_and_case_studies(home, toolkit, editor_client):
    tool = ToolPageFactory(parent=toolkit, title="Charter template")
    case = CaseStudyPageFactory(parent=CaseStudyIndexPageFactory(parent=home))
    data = _guide_admin_data()
    data.update(
        nested_form_data(
            {
                "related_tools": inline_formset([{"tool": str(tool.pk)}]),
                "related_case_studies": inline_formset([{"case_study": str(case.pk)}]),
            }
        )
    )
    data["action-publish"] = "action-publish"
    response = editor_client.post(add_url(toolkit, GuidePage), data)
    assert response.status_code == 302
    guide = GuidePage.objects.get(slug="convening-the-first-meeting", locale=home.locale)
    assert guide.live
    assert guide.audience == ["space_managers", "network_organisers"]
    assert guide.tools == [tool.specific]
    assert [page.pk for page in guide.case_studies] == [case.pk]


def test_a_related_case_study_must_be_a_case_study(toolkit):
    tool = ToolPageFactory(parent=toolkit)
    link = GuideRelatedCaseStudy(page=GuidePage(), case_study=tool)
    with pytest.raises(ValidationError, match="Choose a case study page"):
        link.full_clean(exclude=["page"])
