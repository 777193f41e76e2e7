"""Nothing is lost: revisions restore exactly, locks and concurrent edits are enforced,
and the Review workflow keeps a submitted page off the site until it is approved."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.synctree import create_aliases_for_new_page

from home.models import StandardPage
from hub.workflows import WORKFLOW_NAME, ensure_review_workflow
from tests.factories import StandardPageFactory, translate_page

LANGUAGE_CODES = ["en", "fr", "it", "es", "el", "hr"]


def _body(text):
    return [("paragraph", f"<p>{text}</p>")]


def _snapshot(page):
    page = StandardPage.objects.get(pk=page.pk)
    return (page.title, page.introduction, page.body.get_prep_value(), page.live)


def _user_with_page_permissions(django_user_model, username, page, codenames, group_name):
    group = Group.objects.create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


def _edit_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "body": streamfield([]),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def about(home, locales):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", introduction="Version one.", body=[]
    )
    page.body = _body("Story one")
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    translate_page(page, locales["fr"], "À propos", introduction="Version une.")
    return StandardPage.objects.get(pk=page.pk)


def test_a_revision_restores_exactly_in_every_locale(about, locales, client):
    versions = {code: about.get_translation(locales[code]) for code in LANGUAGE_CODES}
    before = {code: _snapshot(page) for code, page in versions.items()}
    first_revisions = {
        code: page.specific.latest_revision
        for code, page in versions.items()
        if code in {"en", "fr"}
    }

    english = about
    english.title, english.introduction = "About the network", "Version two."
    english.body = _body("Story two")
    english.save_revision().publish()
    french = versions["fr"].specific
    french.title, french.introduction = "Le réseau", "Version deux."
    french.save_revision().publish()
    after_edit = {code: _snapshot(page) for code, page in versions.items()}
    assert after_edit["en"] != before["en"]
    assert after_edit["fr"] != before["fr"]
    assert after_edit["hr"][1] == "Version two."  # aliases follow their source

    for revision in first_revisions.values():
        revision.publish()

    assert {code: _snapshot(page) for code, page in versions.items()} == before
    assert "Version one." in client.get("/hr/about/").text
    assert "Version une." in client.get("/fr/about/").text


def test_the_admin_offers_the_old_revision_for_review(about, editor_client):
    revision = about.latest_revision
    about.title = "About the network"
    about.save_revision().publish()
    response = editor_client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[about.pk, revision.pk])
    )
    assert response.status_code == 200
    assert 'value="About us"' in response.text


def test_a_locked_page_cannot_be_saved_by_someone_else(about, django_user_model, client, superuser):
    editor = _user_with_page_permissions(
        django_user_model,
        "partner",
        about.get_parent(),
        ["add_page", "change_page", "publish_page"],
        "Test editors",
    )
    about.locked, about.locked_by, about.locked_at = True, superuser, timezone.now()
    about.save()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _edit_data(about, title="Overwritten", **{"action-publish": "publish"}),
    )
    assert response.status_code in {200, 302}
    assert StandardPage.objects.get(pk=about.pk).title == "About us"
    assert about.revisions.filter(content__title="Overwritten").count() == 0
    assert client.post(reverse("wagtailadmin_pages:unlock", args=[about.pk])).status_code in {
        302,
        403,
    }
    assert StandardPage.objects.get(pk=about.pk).locked
    # Once the lock is released, the same edit goes through.
    StandardPage.objects.filter(pk=about.pk).update(locked=False)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _edit_data(about, title="Overwritten", **{"action-publish": "publish"}),
    )
    assert StandardPage.objects.get(pk=about.pk).title == "Overwritten"


def test_concurrent_editors_are_told_about_a_newer_version(
    about, client, superuser, django_user_model
):
    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw")
    client.force_login(superuser)
    loaded = about.latest_revision

    # Someone else publishes while the first editor still has the old version open.
    about.title = "Changed by someone else"
    newer = about.save_revision(user=other)
    newer.publish()

    ping = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["wagtailcore", "page", about.pk, 0],
    )
    response = client.post(
        ping,
        {
            "revision_id": loaded.pk,
            "revision_created_at": loaded.created_at.isoformat(),
            "is_editing": "1",
        },
    )
    assert response.status_code == 200
    sessions = response.json()["other_sessions"]
    assert [session["revision_id"] for session in sessions] == [newer.pk]
    assert "other" in response.json()["html"]


def test_a_stale_autosave_is_refused_and_changes_nothing(about, editor_client):
    loaded = about.latest_revision
    about.title = "Changed by someone else"
    about.save_revision().publish()
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _edit_data(
            about,
            title="Stale autosave",
            loaded_revision_id=loaded.pk,
            loaded_revision_created_at=loaded.created_at.isoformat(),
        ),
        headers={"accept": "application/json"},
    )
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "invalid_revision"
    assert StandardPage.objects.get(pk=about.pk).title == "Changed by someone else"
    assert not about.revisions.filter(content__title="Stale autosave").exists()
    # From the latest version, the same autosave is accepted.
    latest = about.revisions.latest("created_at")
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _edit_data(
            about,
            title="Fresh autosave",
            loaded_revision_id=latest.pk,
            loaded_revision_created_at=latest.created_at.isoformat(),
        ),
        headers={"accept": "application/json"},
    )
    assert response.json()["success"] is True
    assert about.revisions.filter(content__title="Fresh autosave").exists()


def test_every_saved_version_is_kept(about, editor_client):
    count = about.revisions.count()
    for title in ["One", "Two"]:
        editor_client.post(
            reverse("wagtailadmin_pages:edit", args=[about.pk]),
            _edit_data(about, title=title),
        )
    assert about.revisions.count() == count + 2
    assert list(about.revisions.order_by("-pk").values_list("content__title", flat=True)[:2]) == [
        "Two",
        "One",
    ]


def test_review_workflow_covers_every_language_tree_and_is_idempotent(home, locales):
    ensure_review_workflow()
    ensure_review_workflow()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    for code in LANGUAGE_CODES:
        assert home.get_translation(locales[code]).get_workflow().name == WORKFLOW_NAME


def test_a_submitted_page_is_not_live_until_a_reviewer_approves(home, django_user_model, client):
    partner = _user_with_page_permissions(
        django_user_model, "partner", home, ["add_page", "change_page"], "Test partners"
    )
    reviewer = _user_with_page_permissions(
        django_user_model,
        "reviewer",
        home,
        ["add_page", "change_page", "publish_page"],
        "Test reviewers",
    )
    task = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    task.groups.set(reviewer.groups.all())

    client.force_login(partner)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk]),
        nested_form_data(
            {
                "title": "Our case",
                "slug": "our-case",
                "introduction": "Submitted by a partner.",
                "body": streamfield([("paragraph", rich_text("<p>Draft story.</p>"))]),
                "action-submit": "submit",
            }
        ),
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="our-case", locale=home.locale)
    assert not page.live
    assert client.get("/en/our-case/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The partner cannot approve their own submission.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    client.post(approve)
    assert not Page.objects.get(pk=page.pk).live

    client.force_login(reviewer)
    response = client.post(approve)
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    assert client.get("/en/our-case/").status_code == 200
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
