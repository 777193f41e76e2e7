"""Item 2: a page's translation as a PO file, round trip through the real admin views."""

import shutil
import subprocess

import polib
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail_localize.models import StringTranslation, Translation

from .conftest import FRENCH


def _submit(client, page, locale, capture):
    with capture(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302, response.content
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def _download(client, translation):
    response = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    assert "attachment;" in response["Content-Disposition"]
    return response.content.decode()


def _upload(client, translation, content, name="about-fr.po"):
    edit_url = translation.get_target_instance_edit_url()
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile(name, content), "next": edit_url},
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def french(about, locales, editor_client, django_capture_on_commit_callbacks):
    return _submit(editor_client, about, locales["fr"], django_capture_on_commit_callbacks)


def test_po_round_trip_publishes_the_french_page(
    about, locales, editor_client, french, django_capture_on_commit_callbacks, client, tmp_path
):
    exported = _download(editor_client, french)
    po = polib.pofile(exported)
    assert po.metadata["Language"] == "fr"
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(french.uuid)
    assert {entry.msgid for entry in po} == set(FRENCH)
    assert all(entry.msgctxt for entry in po)  # each string knows where it goes

    if shutil.which("msgfmt"):
        path = tmp_path / "exported.po"
        path.write_text(exported, encoding="utf-8")
        check = subprocess.run(
            [shutil.which("msgfmt"), "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stderr
        assert "warning" not in check.stderr, check.stderr

    for entry in po:
        entry.msgstr = FRENCH[entry.msgid]
    notes = _upload(editor_client, french, str(po).encode())
    assert ("success", "7 translations imported from the PO file.") in notes
    assert (
        StringTranslation.objects.filter(locale=locales["fr"], translation_type="manual").count()
        == 7
    )

    target = french.get_target_instance()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302

    html = client.get("/fr/a-propos/").text
    for text in [
        "À propos du réseau",
        "Pourquoi un espace de coworking ?",
        "tiers-lieu",
        "L&#x27;espace est devenu le salon du village.",
        "Une gérante",
    ]:
        assert text in html
    assert "Why a coworking space?" not in html
    assert 'role="note"' not in html  # neither "not translated" nor "machine" notice
    assert '<article class="container prose" lang="fr">' in html


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_exported_file(editor_client, french, tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(_download(editor_client, french), encoding="utf-8")
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "7 untranslated messages" in result.stderr


def test_fuzzy_and_empty_entries_are_not_imported(editor_client, french, locales):
    po = polib.pofile(_download(editor_client, french))
    po[0].msgstr = "À propos du réseau"
    po[1].msgstr = "a-propos"
    po[1].flags.append("fuzzy")
    notes = _upload(editor_client, french, str(po).encode())
    assert ("success", "1 translation imported from the PO file.") in notes
    assert ("warning", "1 entry marked fuzzy (needs work) was not imported.") in notes
    assert list(
        StringTranslation.objects.filter(locale=locales["fr"]).values_list("data", flat=True)
    ) == ["À propos du réseau"]


BAD_FILES = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00binary", "This file is not a valid PO file."),
    "syntax error": (b'msgid "a"\nmsgstr "b" extra\n', "This file is not a valid PO file."),
    "no header": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "About the network"\nmsgstr "Hacked"\n',
        "its header has no translation identifier",
    ),
    "other translation": (
        b'msgid ""\nmsgstr ""\n"X-WagtailLocalize-TranslationID: '
        b'00000000-0000-0000-0000-000000000000\\n"\n\n'
        b'msgid "About the network"\nmsgstr "Hacked"\n',
        "belongs to another translation",
    ),
}


def test_bad_uploads_get_a_message_and_change_nothing(editor_client, french):
    for case, (content, expected) in BAD_FILES.items():
        notes = _upload(editor_client, french, content)
        assert notes[-1][0] == "error" and expected in notes[-1][1], (case, notes)
        assert not StringTranslation.objects.exists(), case


def test_upload_without_a_file_gets_a_message(editor_client, french):
    response = editor_client.post(f"/admin/localize/translate/{french.pk}/pofile/upload/")
    assert response.status_code == 302
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[-1] == "Choose a PO file to upload."
    assert not StringTranslation.objects.exists()


def test_uploaded_text_is_never_read_as_a_file_path(editor_client, french, tmp_path):
    # polib.pofile() accepts a path or contents: an upload naming a file on the server
    # must be parsed as contents, not read from disk.
    po = polib.pofile(_download(editor_client, french))
    po[0].msgstr = "Lu sur le disque du serveur"
    on_server = tmp_path / "server.po"
    on_server.write_text(str(po), encoding="utf-8")
    notes = _upload(editor_client, french, str(on_server).encode())
    assert notes[-1][0] == "error"
    assert not StringTranslation.objects.exists()


def test_entries_for_an_older_source_are_reported(editor_client, french):
    po = polib.pofile(_download(editor_client, french))
    po.append(polib.POEntry(msgid="Removed sentence", msgctxt="body.gone", msgstr="Phrase retirée"))
    po[0].msgstr = "À propos du réseau"
    notes = _upload(editor_client, french, str(po).encode())
    assert ("success", "1 translation imported from the PO file.") in notes
    assert any(
        (level == "warning" and "no longer match" in text) or "no longer matches" in text
        for level, text in notes
    )
