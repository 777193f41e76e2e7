"""The issue's acceptance scenario, end to end through the admin and the site."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page
from wagtail_localize.models import Translation

from hub.roles import translators_group_name

GREEK = {
    "About the network": "Σχετικά με το δίκτυο",
    "about": "sxetika",
    "Who we are and how the network works.": "Ποιοι είμαστε και πώς λειτουργεί το δίκτυο.",
    "Why a coworking space?": "Γιατί ένας χώρος συνεργασίας;",
    'A <a id="a1">fab lab</a> is a <b>third place</b>.': (
        'Ένα <a id="a1">fab lab</a> είναι ένας <b>τρίτος χώρος</b>.'
    ),
    "The space became the village's living room.": "Ο χώρος έγινε το σαλόνι του χωριού.",  # noqa: RUF001
    "A manager": "Μια διαχειρίστρια",  # noqa: RUF001
}


def test_a_greek_translator_translates_by_po_file_and_publishes(
    about, locales, roles, make_user, client, django_capture_on_commit_callbacks
):
    make_user("eleni", translators_group_name("el"))
    response = client.post(
        "/admin/login/", {"username": "eleni", "password": "a-long-password-123"}
    )
    assert response.status_code == 302

    alias = about.get_translation(locales["el"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{about.pk}/", {"locales": [locales["el"].pk]}
        )
    assert response.status_code == 302
    translation = Translation.objects.get(target_locale=locales["el"])

    po = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    for entry in po:
        entry.msgstr = GREEK[entry.msgid]
    edit_url = f"/admin/pages/{alias.pk}/edit/"
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("el.po", str(po).encode()), "next": edit_url},
    )
    assert response["Location"] == edit_url
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url, {"action": "publish"}).status_code == 302

    greek = Page.objects.get(pk=alias.pk)
    assert greek.live and greek.url == "/el/sxetika/"
    html = client.get("/el/sxetika/").text
    assert "Γιατί ένας χώρος συνεργασίας;" in html
    assert "Μετάβαση στο κύριο περιεχόμενο" in html  # the Greek interface
    assert 'role="note"' not in html


def test_a_french_visitor_sees_the_french_interface_on_every_page(about, client):
    for url in ["/fr/", "/fr/about/", "/fr/no-such-page/"]:
        html = client.get(url).text
        assert '<html lang="fr"' in html, url
        assert "Aller au contenu principal" in html, url
        assert "Skip to main content" not in html, url
