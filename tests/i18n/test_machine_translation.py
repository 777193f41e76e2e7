"""Item 3: machine drafts with the network glossary, the visitors' notice, the review."""

import json

import pytest
import requests
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from hub import checks
from hub.translation import machine
from hub.translation.machine import (
    DeepLGlossaryTranslator,
    LocalDraftTranslator,
    MachineTranslationError,
    TermReplacer,
    load_glossary,
)
from hub.translation.review import has_unreviewed_machine_translation

from .conftest import refused, start_translation


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _locale(code):
    return Locale(language_code=code)


# The glossary ---------------------------------------------------------------------------


def test_glossary_has_the_networks_terms_in_six_languages():
    glossary = load_glossary()
    assert glossary.languages == ("en", "fr", "it", "es", "el", "hr")
    third_place = next(term for term in glossary.terms if term["en"] == "third place")
    assert third_place == {
        "en": "third place",
        "fr": "tiers-lieu",
        "it": "terzo luogo",
        "es": "tercer lugar",
        "el": "τρίτος χώρος",
        "hr": "treći prostor",
    }
    english = {term["en"] for term in glossary.terms}
    assert {
        "coworking space",
        "fab lab",
        "rural hub",
        "living lab",
        "incubator",
        "community manager",
    } <= english
    assert "fab lab\tfab lab" in glossary.tsv("en", "fr").splitlines()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms: [", "cannot be read as YAML"),
        ("words: []", "expected a mapping with a 'terms' list"),
        ("terms:\n  - en: fab lab\n    fr: fab lab\n", "has no 'it' text"),
        (
            "terms:\n"
            + "".join(
                f"  - {{en: fab lab, fr: a{n}, it: b{n}, es: c{n}, el: d{n}, hr: e{n}}}\n"
                for n in range(2)
            ),
            "'fab lab' appears twice in 'en'",
        ),
    ],
)
def test_a_broken_glossary_is_a_clear_error(tmp_path, text, message, monkeypatch):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=message):
        load_glossary(path)
    monkeypatch.setattr(machine, "GLOSSARY_PATH", path)
    errors = checks.glossary_is_valid(None)
    assert [error.id for error in errors] == ["hub.E001"]


def test_term_replacer_keeps_case_and_prefers_longer_terms():
    replacer = TermReplacer(load_glossary().pairs("en", "fr"))
    assert replacer.apply("Each Coworking  space has a community manager.") == (
        "Each Espace de coworking has a animateur de communauté."
    )
    assert replacer.apply("spaces and coworkings stay") == "spaces and coworkings stay"


# The local translator -------------------------------------------------------------------


def test_local_translator_is_the_default_without_a_deepl_key():
    assert isinstance(get_machine_translator(), LocalDraftTranslator)


def test_local_translator_applies_the_glossary_and_marks_its_drafts():
    translator = LocalDraftTranslator({})
    strings = [
        StringValue('A <a id="a1">fab lab</a> is a <b>third place</b> &amp; more.'),
        StringValue("coworking-space"),
        StringValue("Rural hub"),
    ]
    greek = translator.translate(_locale("en"), _locale("el"), strings)
    assert greek[strings[0]].data == (
        '[MT-EL] A <a id="a1">fab lab</a> is a <b>τρίτος χώρος</b> &amp; more.'
    )
    assert greek[strings[1]].data == "coworking-space"  # a slug stays ASCII
    assert greek[strings[2]].data == "[MT-EL] Αγροτικός κόμβος"
    french = translator.translate(_locale("en"), _locale("fr"), strings)
    assert french[strings[1]].data == "espace-de-coworking"
    assert not translator.can_translate(_locale("fr"), _locale("fr"))


# Drafts, the visitors' notice and the review, through the admin ------------------------


@pytest.fixture
def french(about, locales, django_capture_on_commit_callbacks):
    return start_translation(about, locales["fr"], django_capture_on_commit_callbacks)


def _machine_translate(client, translation, capture):
    edit_url = translation.get_target_instance_edit_url()
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": edit_url}
    )
    assert response.status_code == 302
    with capture(execute=True):
        client.post(edit_url, {"action": "publish"})
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_machine_draft_shows_a_notice_until_reviewed(
    french, locales, roles, make_user, editor_client, client, django_capture_on_commit_callbacks
):
    notes = _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    assert any("local draft translator" in note for note in notes)
    strings = StringTranslation.objects.filter(locale=locales["fr"])
    assert strings.count() == 7
    assert set(strings.values_list("translation_type", flat=True)) == {"machine"}
    page = french.get_target_instance()
    assert has_unreviewed_machine_translation(page)

    html = client.get(page.url).text
    assert '<div class="notice notice--machine" role="note">' in html
    assert "[MT-FR] Why a <a" not in html  # the heading is plain text
    assert "[MT-FR] Why a espace de coworking?" in html
    assert 'href="/en/about/" hreflang="en"' in html  # the original

    reviewer = make_user("rita", "Reviewers")
    editor_client.force_login(reviewer)
    review = editor_client.get(f"/admin/translation/review/{french.pk}/")
    assert review.status_code == 200
    assert "[MT-FR] Why a espace de coworking?" in review.text
    response = editor_client.post(f"/admin/translation/review/{french.pk}/")
    assert response.status_code == 302

    assert set(strings.values_list("translation_type", flat=True)) == {"manual"}
    assert set(strings.values_list("last_translated_by", flat=True)) == {reviewer.pk}
    entry = PageLogEntry.objects.get(page=page, action="hub.translation_reviewed")
    assert (entry.user, entry.data["strings"]) == (reviewer, 7)
    assert not has_unreviewed_machine_translation(page)
    assert "notice--machine" not in client.get(page.url).text


def test_a_new_machine_string_after_review_needs_review_again(
    french, locales, editor_client, superuser, django_capture_on_commit_callbacks
):
    from hub.translation.review import mark_reviewed

    _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    mark_reviewed(french, superuser)
    StringTranslation.objects.filter(locale=locales["fr"]).first().delete()
    _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    assert has_unreviewed_machine_translation(french.get_target_instance())


def test_review_page_offers_the_reviewers_action_on_the_page_header(
    french, editor_client, django_capture_on_commit_callbacks
):
    _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    page = french.get_target_instance()
    listing = editor_client.get(f"/admin/pages/{page.get_parent().pk}/")
    assert listing.status_code == 200
    explore = editor_client.get(f"/admin/pages/{page.pk}/")
    assert f"/admin/translation/review/{french.pk}/" in explore.text


def test_a_translator_cannot_review_another_language(
    french,
    croatian_translator,
    french_translator,
    client,
    editor_client,
    django_capture_on_commit_callbacks,
):
    _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    client.force_login(croatian_translator)
    assert refused(client.get(f"/admin/translation/review/{french.pk}/"))
    assert refused(client.post(f"/admin/translation/review/{french.pk}/"))
    assert has_unreviewed_machine_translation(french.get_target_instance())
    client.force_login(french_translator)
    assert client.get(f"/admin/translation/review/{french.pk}/").status_code == 200


# DeepL, with its HTTP API mocked ---------------------------------------------------------


class FakeDeepL:
    """Answers the DeepL API calls the translator makes, and records them."""

    def __init__(self, glossaries=None, targets=("FR", "IT", "ES", "EL", "EN-GB")):
        self.calls = []
        self.glossaries = list(glossaries or [])
        self.targets = targets
        self.fail_translate = None

    def __call__(self, method, url, headers=None, timeout=None, **kwargs):
        self.calls.append((method, url, kwargs))
        assert headers == {"Authorization": "DeepL-Auth-Key secret:fx"}
        assert url.startswith("https://api-free.deepl.com/")
        path = url.removeprefix("https://api-free.deepl.com")
        if (method, path) == ("GET", "/v2/languages"):
            return self.answer([{"language": code, "name": code} for code in self.targets])
        if (method, path) == ("GET", "/v3/glossaries"):
            return self.answer({"glossaries": self.glossaries})
        if method == "DELETE" and path.startswith("/v3/glossaries/"):
            return self.answer(None, status=204)
        if (method, path) == ("GET", "/v2/glossary-language-pairs"):
            pairs = [
                {"source_lang": s, "target_lang": t}
                for s in ["en", "fr", "it", "es", "el"]
                for t in ["en", "fr", "it", "es", "el"]
                if s != t
            ]
            return self.answer({"supported_languages": pairs})
        if (method, path) == ("POST", "/v3/glossaries"):
            body = kwargs["json"]
            created = {
                "glossary_id": "gl-1",
                "name": body["name"],
                "dictionaries": [
                    {
                        "source_lang": d["source_lang"],
                        "target_lang": d["target_lang"],
                        "entry_count": len(d["entries"].splitlines()),
                    }
                    for d in body["dictionaries"]
                ],
            }
            self.glossaries.append(created)
            return self.answer(created, status=201)
        if (method, path) == ("POST", "/v2/translate"):
            if self.fail_translate:
                return self.answer({"message": "Quota exceeded"}, status=self.fail_translate)
            texts = kwargs["data"]["text"]
            return self.answer({"translations": [{"text": f"FR({t})"} for t in texts]})
        raise AssertionError(f"unexpected DeepL call {method} {path}")

    @staticmethod
    def answer(payload, status=200):
        response = requests.Response()
        response.status_code = status
        response._content = b"" if payload is None else json.dumps(payload).encode()
        return response


def _translate_call(fake):
    """The form data of the first /v2/translate request."""
    return next(kw for _m, url, kw in fake.calls if url.endswith("/v2/translate"))["data"]


@pytest.fixture
def deepl(settings, monkeypatch):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "hub.translation.machine.DeepLGlossaryTranslator",
        "OPTIONS": {"AUTH_KEY": "secret:fx"},
    }
    fake = FakeDeepL()
    monkeypatch.setattr(machine.requests, "request", fake)
    return fake


def test_deepl_creates_the_glossary_once_and_uses_it(deepl):
    translator = get_machine_translator()
    assert isinstance(translator, DeepLGlossaryTranslator)
    strings = [StringValue("A fab lab in a third place."), StringValue("about-the-network")]
    result = translator.translate(_locale("en"), _locale("fr"), strings)
    assert result[strings[0]].data == "FR(A fab lab in a third place.)"
    assert result[strings[1]].data == "frabout-the-network"  # a slug stays a slug

    created = [
        call
        for call in deepl.calls
        if call[:2] == ("POST", "https://api-free.deepl.com/v3/glossaries")
    ]
    assert len(created) == 1
    body = created[0][2]["json"]
    assert body["name"] == f"coworkmed-hub-{load_glossary().digest}"
    english_french = next(
        d for d in body["dictionaries"] if (d["source_lang"], d["target_lang"]) == ("en", "fr")
    )
    assert "third place\ttiers-lieu" in english_french["entries"].splitlines()
    assert not any(d["target_lang"] == "hr" for d in body["dictionaries"])  # not offered
    translate = _translate_call(deepl)
    assert (translate["source_lang"], translate["target_lang"]) == ("EN", "FR")
    assert translate["glossary_id"] == "gl-1"
    assert translate["tag_handling"] == "xml"

    deepl.calls.clear()
    translator.translate(_locale("en"), _locale("it"), strings[:1])
    assert [call[1].rsplit("/", 2)[-2:] for call in deepl.calls] == [["v2", "translate"]]


def test_deepl_reuses_its_glossary_and_deletes_stale_ones(deepl):
    name = f"coworkmed-hub-{load_glossary().digest}"
    deepl.glossaries = [
        {"glossary_id": "old", "name": "coworkmed-hub-000000000000", "dictionaries": []},
        {
            "glossary_id": "current",
            "name": name,
            "dictionaries": [{"source_lang": "en", "target_lang": "fr", "entry_count": 19}],
        },
        {"glossary_id": "other", "name": "someone-elses", "dictionaries": []},
    ]
    translator = get_machine_translator()
    translator.translate(_locale("en"), _locale("fr"), [StringValue("Hello")])
    methods = [(method, url.rsplit("/", 1)[-1]) for method, url, _kw in deepl.calls]
    assert ("DELETE", "old") in methods
    assert ("DELETE", "other") not in methods
    assert not any(method == "POST" and url == "glossaries" for method, url in methods)
    translate = _translate_call(deepl)
    assert translate["glossary_id"] == "current"


def test_deepl_targets_english_as_british_english(deepl):
    translator = get_machine_translator()
    translator.translate(_locale("fr"), _locale("en"), [StringValue("Bonjour")])
    translate = _translate_call(deepl)
    assert translate["target_lang"] == "EN-GB"


def test_deepl_is_not_offered_for_a_language_it_does_not_support(deepl):
    translator = get_machine_translator()
    assert translator.can_translate(_locale("en"), _locale("el"))
    assert not translator.can_translate(_locale("en"), _locale("hr"))


def test_deepl_failure_is_a_message_and_changes_nothing(deepl, french, locales, editor_client):
    deepl.fail_translate = 456
    edit_url = french.get_target_instance_edit_url()
    response = editor_client.post(
        f"/admin/localize/translate/{french.pk}/machine_translate/", {"next": edit_url}
    )
    assert response.status_code == 302
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[-1] == "The DeepL translation quota is used up for this period."
    assert not StringTranslation.objects.filter(locale=locales["fr"]).exists()


def test_deepl_unreachable_is_a_message(deepl, monkeypatch):
    def unreachable(*args, **kwargs):
        raise requests.ConnectionError("no route to host")

    monkeypatch.setattr(machine.requests, "request", unreachable)
    translator = get_machine_translator()
    with pytest.raises(MachineTranslationError, match="DeepL could not be reached"):
        translator.translate(_locale("en"), _locale("fr"), [StringValue("Hello")])
    # Languages unknown: offered anyway, so that the editor gets the message above.
    assert translator.can_translate(_locale("en"), _locale("fr"))


def test_deepl_translates_without_the_glossary_when_it_cannot_be_made(deepl, monkeypatch):
    real = deepl.__call__

    def no_glossaries(method, url, **kwargs):
        if "glossar" in url:
            return FakeDeepL.answer({"message": "Forbidden"}, status=403)
        return real(method, url, **kwargs)

    monkeypatch.setattr(machine.requests, "request", no_glossaries)
    translator = get_machine_translator()
    result = translator.translate(_locale("en"), _locale("fr"), [StringValue("Hello")])
    assert next(iter(result.values())).data == "FR(Hello)"
    assert "glossary_id" not in deepl.calls[-1][2]["data"]


def test_sync_with_a_failing_deepl_changes_nothing(deepl, french, locales, about, editor_client):
    deepl.fail_translate = 429
    about.title = "About the whole network"
    about.save_revision().publish()
    extracted = french.source.last_updated_at
    response = editor_client.post(
        f"/admin/localize/update/{french.source.pk}/",
        {"use_machine_translation": "on", "publish_translations": "on"},
    )
    assert response.status_code == 302
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes[-1] == "DeepL received too many requests. Please try again in a minute."
    french.source.refresh_from_db()
    assert french.source.last_updated_at == extracted  # rolled back
    assert not StringTranslation.objects.filter(locale=locales["fr"]).exists()


def test_a_cached_page_loses_its_notice_when_reviewed(
    french, editor_client, settings, superuser, django_capture_on_commit_callbacks
):
    """With the page cache on, a visitor sees the notice go as soon as a reviewer approves."""
    from django.test import Client

    from hub.translation.review import mark_reviewed

    settings.PAGE_CACHE_SECONDS = 600
    client = Client()  # an anonymous visitor (the editor's client is logged in)
    _machine_translate(editor_client, french, django_capture_on_commit_callbacks)
    url = french.get_target_instance().url
    client.get(url)
    cached = client.get(url)
    assert cached["X-Cache"] == "HIT"
    assert "notice--machine" in cached.text
    with django_capture_on_commit_callbacks(execute=True):
        mark_reviewed(french, superuser)
    fresh = client.get(url)
    assert fresh["X-Cache"] == "MISS"
    assert "notice--machine" not in fresh.text
