"""What editors are told when a guide or a tool is not right, and that nothing is saved."""

import html
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import DocumentFactory, GuidePageFactory, ToolFileFactory, ToolPageFactory
from tests.pagetypes import _guide_admin_data, _tool_admin_data
from toolkit.models import GuidePage, GuideRelatedTool, ToolFile, ToolPage

pytestmark = pytest.mark.django_db


def shows(response, message):
    """Whether the admin page shows ``message``: as HTML, or in a StreamField's error data."""
    text = html.unescape(response.content.decode())
    return message in text or json.dumps(message)[1:-1] in text


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def post_guide(client, toolkit, **changes):
    data = _guide_admin_data()
    data.update(changes)
    data["action-publish"] = "action-publish"  # drafts may be incomplete; publishing may not
    return client.post(add_url(toolkit, GuidePage), data)


def chapters(*pairs):
    return nested_form_data(
        {
            "chapters": streamfield(
                [
                    (
                        "chapter",
                        {
                            "heading": heading,
                            "anchor": anchor,
                            "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                        },
                    )
                    for heading, anchor in pairs
                ]
            )
        }
    )


def test_two_chapters_with_the_same_anchor_are_refused(toolkit, editor_client):
    response = post_guide(editor_client, toolkit, **chapters(("Funding", ""), ("Money", "funding")))
    assert response.status_code == 200
    assert shows(
        response,
        "Chapters 1 and 2 both have the anchor “funding”: give one of them another heading "
        "or its own anchor.",
    )
    assert not GuidePage.objects.exists()


def test_an_anchor_with_spaces_is_refused(toolkit, editor_client):
    response = post_guide(editor_client, toolkit, **chapters(("Funding", "where money is")))
    assert shows(response, "Use only letters, digits and hyphens, without spaces")
    assert not GuidePage.objects.exists()


def test_a_guide_needs_an_audience(toolkit, editor_client):
    response = post_guide(editor_client, toolkit, audience=[])
    assert shows(response, "Tick at least one audience: who is this guide for?")
    assert not GuidePage.objects.exists()


def test_unknown_audience_values_are_refused(toolkit):
    guide = GuidePageFactory.build(audience=["space_managers", "aliens"])
    with pytest.raises(ValidationError) as error:
        guide.full_clean(exclude=["path", "depth", "slug"])
    assert "aliens is not one of the available choices." in str(error.value.message_dict)


def test_a_guide_without_stage_says_what_to_choose(toolkit, editor_client):
    response = post_guide(editor_client, toolkit, stage="")
    assert shows(response, "Choose the stage of network building this guide is for.")


def test_related_tool_must_be_a_tool(toolkit):
    other_guide = GuidePageFactory(parent=toolkit)
    link = GuideRelatedTool(page=GuidePageFactory(parent=toolkit), tool=other_guide)
    with pytest.raises(ValidationError, match="Choose a tool page"):
        link.full_clean()
    tool = ToolPageFactory(parent=toolkit)
    GuideRelatedTool(page=other_guide, tool=tool).full_clean()


def test_a_tool_needs_ordered_steps(toolkit, editor_client):
    data = _tool_admin_data()
    data["action-publish"] = "action-publish"
    data.update(nested_form_data({"how_to": streamfield([("paragraph", rich_text("<p>Hi</p>"))])}))
    response = editor_client.post(add_url(toolkit, ToolPage), data)
    assert shows(response, "Ordered steps: The minimum number of items is 1")
    assert not ToolPage.objects.exists()


def test_a_tool_file_needs_its_language(toolkit, editor_client):
    data = _tool_admin_data()
    data["action-publish"] = "action-publish"
    data["files-0-language"] = ""
    response = editor_client.post(add_url(toolkit, ToolPage), data)
    assert shows(response, "This field is required.")
    assert not ToolPage.objects.exists()
    assert not ToolFile.objects.exists()


def test_a_document_used_by_a_tool_cannot_be_deleted(toolkit, editor_client):
    document = DocumentFactory()
    tool = ToolPageFactory(parent=toolkit, title="Evaluation grid")
    ToolFileFactory(page=tool, document=document)
    url = reverse("wagtaildocs:delete", args=[document.pk])
    confirm = editor_client.get(url)
    assert "This document is referenced 1 time." in confirm.text
    assert "Yes, delete" not in confirm.text
    usage = editor_client.get(reverse("wagtaildocs:document_usage", args=[document.pk]))
    assert "Evaluation grid" in usage.text  # the admin lists the tool that uses it
    editor_client.post(url)
    assert type(document).objects.filter(pk=document.pk).exists()
    assert tool.files.get().document == document
