"""Item 6: the interface in six languages, from complete gettext catalogs."""

import re

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from hub.catalogs import check_catalogs

from .conftest import start_translation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def test_every_catalog_is_complete_and_nothing_is_fuzzy():
    reports = check_catalogs()
    assert [report.language for report in reports] == ["fr", "it", "es", "el", "hr"]
    for report in reports:
        assert report.total > 50
        assert report.problems == [], f"{report.language}: {report.problems}"


def test_check_catalogs_finds_untranslated_and_fuzzy_entries(tmp_path, settings):
    root = tmp_path / "locale"
    for code in ["fr", "it", "es", "el", "hr"]:
        catalog = polib.POFile()
        catalog.metadata = {"Language": code, "Content-Type": "text/plain; charset=UTF-8"}
        catalog.append(polib.POEntry(msgid="Home", msgstr="Accueil" if code == "fr" else ""))
        catalog.append(polib.POEntry(msgid="Search", msgstr="Recherche", flags=["fuzzy"]))
        (root / code / "LC_MESSAGES").mkdir(parents=True)
        catalog.save(str(root / code / "LC_MESSAGES" / "django.po"))
    settings.LOCALE_PATHS = [root]
    french = check_catalogs()[0]
    assert french.problems == ["fuzzy: Search"]
    assert check_catalogs()[1].problems == ["untranslated: Home", "fuzzy: Search"]
    with pytest.raises(Exception, match="interface string"):
        call_command("check_catalogs")


def test_translations_keep_every_placeholder():
    for code, _name in settings.LANGUAGES[1:]:
        catalog = polib.pofile(str(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"))
        for entry in catalog:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for text in translations:
                assert sorted(PLACEHOLDER.findall(text)) == expected, (code, entry.msgid)


def test_french_home_shows_the_french_interface(home, client):
    html = client.get("/fr/").text
    assert '<html lang="fr"' in html
    assert "Aller au contenu principal" in html
    assert 'aria-label="Choisir une langue"' in html
    assert "Contenus publiés sous licence Creative Commons Attribution 4.0" in html
    assert "Skip to main content" not in html


@pytest.mark.parametrize(
    ("code", "skip_link", "not_found"),
    [
        ("fr", "Aller au contenu principal", "Page introuvable"),
        ("it", "Vai al contenuto principale", "Pagina non trovata"),
        ("es", "Saltar al contenido principal", "Página no encontrada"),
        ("el", "Μετάβαση στο κύριο περιεχόμενο", "Η σελίδα δεν βρέθηκε"),  # noqa: RUF001
        ("hr", "Preskoči na glavni sadržaj", "Stranica nije pronađena"),
    ],
)
def test_each_language_has_its_interface_and_error_page(home, client, code, skip_link, not_found):
    assert skip_link in client.get(f"/{code}/").text
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    assert not_found in response.text


def test_notices_speak_the_visitors_language(about, locales, client):
    html = client.get("/hr/about/").text
    assert "Ova stranica još nije prevedena na vaš jezik." in html
    assert "Pročitajte izvornik (engleski)" in html


def test_machine_notice_in_greek(
    about, locales, client, superuser, django_capture_on_commit_callbacks
):
    from wagtail_localize.views.edit_translation import apply_machine_translation

    from hub.translation.machine import LocalDraftTranslator

    translation = start_translation(about, locales["el"], django_capture_on_commit_callbacks)
    apply_machine_translation(translation.pk, superuser, LocalDraftTranslator({}))
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    html = client.get(translation.get_target_instance().url).text
    assert "Αυτή η σελίδα μεταφράστηκε αυτόματα και δεν έχει ελεγχθεί ακόμη" in html
    assert "Διαβάστε το πρωτότυπο (αγγλικά)" in html
