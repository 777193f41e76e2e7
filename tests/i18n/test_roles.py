"""Item 4: setup_roles, and translators confined to their own language."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from hub.roles import EDITORS, REVIEWERS, setup_roles
from tests.snippetapp.models import Label

from .conftest import refused, start_translation

TRANSLATOR_GROUPS = [
    "Translators (Français)",
    "Translators (Italiano)",
    "Translators (Español)",
    "Translators (Ελληνικά)",
    "Translators (Hrvatski)",
]


def _snapshot():
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection__name", "permission__codename"
                )
            ),
        )
        for group in Group.objects.order_by("name")
    }


def test_setup_roles_creates_every_group_and_is_idempotent(home, capsys):
    call_command("setup_roles")
    first = _snapshot()
    assert {EDITORS, REVIEWERS, *TRANSLATOR_GROUPS} <= set(first)
    output = capsys.readouterr().out
    assert "Translators (Hrvatski): created" in output
    assert "Editors: updated" in output  # Wagtail's default group, given the hub's rights
    call_command("setup_roles")
    assert _snapshot() == first
    assert "Translators (Hrvatski): up to date" in capsys.readouterr().out
    assert Collection.objects.count() == 1 + len(TRANSLATOR_GROUPS)


def test_translators_page_rights_cover_only_their_locale(roles, locales):
    croatian_home = Page.objects.get(depth=2, locale=locales["hr"])
    rights = set(
        GroupPagePermission.objects.filter(group=roles["Translators (Hrvatski)"]).values_list(
            "page_id", "permission__codename"
        )
    )
    assert rights == {
        (croatian_home.pk, "add_page"),
        (croatian_home.pk, "change_page"),
        (croatian_home.pk, "publish_page"),
        (croatian_home.pk, "lock_page"),
    }
    codenames = set(roles["Translators (Hrvatski)"].permissions.values_list("codename", flat=True))
    assert "access_admin" in codenames
    assert "submit_translation" not in codenames  # would allow any locale
    assert {"add_label", "change_label"} <= codenames
    assert "submit_translation" in roles[EDITORS].permissions.values_list("codename", flat=True)


def test_each_translators_group_uploads_into_its_own_collection(roles):
    media = set(
        GroupCollectionPermission.objects.filter(group=roles["Translators (Hrvatski)"]).values_list(
            "collection__name", "permission__codename"
        )
    )
    assert media == {
        ("Root", "choose_image"),
        ("Root", "choose_document"),
        *{
            ("Hrvatski", f"{action}_{kind}")
            for action in ["add", "change", "delete", "choose"]
            for kind in ["image", "document"]
        },
    }
    editors = set(
        GroupCollectionPermission.objects.filter(group=roles[EDITORS]).values_list(
            "collection__name", "permission__codename"
        )
    )
    assert ("Root", "delete_document") in editors


def test_setup_roles_repairs_a_group_changed_by_hand(roles):
    group = roles["Translators (Hrvatski)"]
    GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
    group.permissions.add(Permission.objects.get(codename="submit_translation"))
    collection = Collection.objects.get(name="Hrvatski")
    collection.name = "Hrvatski (HR)"
    collection.save()
    setup_roles()
    assert GroupPagePermission.objects.filter(
        group=group, permission__codename="publish_page"
    ).exists()
    assert not group.permissions.filter(codename="submit_translation").exists()
    assert Collection.objects.filter(name__startswith="Hrvatski").count() == 1  # found again


# A Croatian translator and a French page ------------------------------------------------


@pytest.fixture
def french(about, locales, django_capture_on_commit_callbacks):
    return start_translation(about, locales["fr"], django_capture_on_commit_callbacks)


def test_croatian_translator_cannot_edit_or_publish_a_french_page(
    french, croatian_translator, client
):
    page = french.get_target_instance()
    client.force_login(croatian_translator)
    assert refused(client.get(f"/admin/pages/{page.pk}/edit/"))
    revision = page.latest_revision_id
    assert refused(client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"}))
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    assert refused(client.get(f"/admin/pages/{page.pk}/unpublish/"))
    assert refused(client.get(f"/admin/localize/translate/{french.pk}/pofile/download/"))
    assert refused(client.post(f"/admin/localize/translate/{french.pk}/machine_translate/"))
    segment = StringSegment.objects.filter(source=french.source).first()
    response = client.put(
        f"/admin/localize/translate/{french.pk}/strings/{segment.pk}/edit/",
        "value=Pirat",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403 or refused(response)
    assert not StringTranslation.objects.filter(data="Pirat").exists()


def test_croatian_translator_cannot_start_a_french_translation(
    about, locales, croatian_translator, client
):
    client.force_login(croatian_translator)
    french_alias = about.get_translation(locales["fr"])
    assert refused(client.get(f"/admin/pages/{french_alias.pk}/edit/"))
    form = client.get(f"/admin/localize/submit/page/{about.pk}/")
    assert form.status_code == 200
    offered = {locale.pk for locale in form.context["form"].fields["locales"].queryset}
    assert offered == {locales["hr"].pk}  # no action offered for French
    assert refused(
        client.post(f"/admin/localize/submit/page/{about.pk}/", {"locales": [locales["fr"].pk]})
    )
    assert not Translation.objects.filter(target_locale=locales["fr"]).exists()
    assert about.get_translation(locales["fr"]).alias_of_id == about.pk


def test_croatian_translator_translates_and_publishes_a_croatian_page(
    about, locales, croatian_translator, client, django_capture_on_commit_callbacks
):
    client.force_login(croatian_translator)
    alias = about.get_translation(locales["hr"])
    page = client.get(f"/admin/pages/{alias.pk}/edit/")
    assert page.status_code == 200
    assert f"/admin/localize/submit/page/{about.pk}/?select_locale=hr" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{about.pk}/", {"locales": [locales["hr"].pk]}
        )
    assert response.status_code == 302
    translation = Translation.objects.get(target_locale=locales["hr"])
    croatian = Page.objects.get(pk=alias.pk)
    assert croatian.alias_of_id is None

    assert client.get(f"/admin/pages/{croatian.pk}/edit/").status_code == 200
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{title.pk}/edit/",
        "value=O+mreži",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    assert (
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{croatian.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    croatian.refresh_from_db()
    assert croatian.live and croatian.title == "O mreži"
    assert "O mreži" in client.get(croatian.url).text


def test_croatian_translator_sees_only_the_croatian_tree(
    about, locales, croatian_translator, client
):
    client.force_login(croatian_translator)
    croatian_home = Page.objects.get(depth=2, locale=locales["hr"])
    assert client.get(f"/admin/pages/{croatian_home.pk}/").status_code == 200
    french_home = Page.objects.get(depth=2, locale=locales["fr"])
    assert refused(client.get(f"/admin/pages/{french_home.pk}/add_subpage/"))


# Snippets --------------------------------------------------------------------------------


@pytest.fixture
def label(locales):
    from hub.translation import sync_snippet

    label = Label.objects.create(name="Rural hub", locale=locales["en"])
    sync_snippet(label)
    return label


def test_croatian_translator_works_on_croatian_snippets_only(
    label, locales, croatian_translator, client
):
    client.force_login(croatian_translator)
    croatian = label.get_translation(locales["hr"])
    french = label.get_translation(locales["fr"])
    assert client.get(f"/admin/snippets/snippetapp/label/edit/{croatian.pk}/").status_code == 200
    assert refused(client.get(f"/admin/snippets/snippetapp/label/edit/{french.pk}/"))
    assert refused(client.get(f"/admin/snippets/snippetapp/label/edit/{label.pk}/"))

    french_translation = Translation.objects.get(target_locale=locales["fr"])
    assert refused(
        client.get(f"/admin/localize/translate/{french_translation.pk}/pofile/download/")
    )
    croatian_translation = Translation.objects.get(target_locale=locales["hr"])
    assert (
        client.get(f"/admin/localize/translate/{croatian_translation.pk}/pofile/download/")
    ).status_code == 200

    assert refused(client.get("/admin/snippets/snippetapp/label/add/?locale=fr"))
    assert client.get("/admin/snippets/snippetapp/label/add/?locale=hr").status_code == 200


def test_editors_work_in_every_locale(label, about, locales, roles, make_user, client):
    client.force_login(make_user("eve", EDITORS))
    french = label.get_translation(locales["fr"])
    assert client.get(f"/admin/snippets/snippetapp/label/edit/{french.pk}/").status_code == 200
    form = client.get(f"/admin/localize/submit/page/{about.pk}/")
    offered = {locale.language_code for locale in form.context["form"].fields["locales"].queryset}
    assert offered == {"fr", "it", "es", "el", "hr"}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("submit_page_translation", [1]),
        ("submit_snippet_translation", ["snippetapp", "label", "1"]),
        ("update_translations", [1]),
        ("edit_string_translation", [1, 1]),
        ("edit_override", [1, 1]),
        ("download_pofile", [1]),
        ("upload_pofile", [1]),
        ("machine_translate", [1]),
        ("preview_translation", [1]),
        ("stop_translation", [1]),
    ],
)
def test_wagtail_localize_links_reach_the_scoped_views(name, args):
    from django.urls import resolve, reverse

    match = resolve(reverse(f"wagtail_localize:{name}", args=args))
    assert match.namespace == "hub_localize"
    assert match.url_name == name
