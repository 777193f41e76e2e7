"""Locales, synchronised home pages, language redirects and the site chrome."""

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage

from .factories import StandardPageFactory

LANGUAGE_CODES = ["en", "fr", "it", "es", "el", "hr"]


def test_six_locales_synchronised_from_english(home):
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGE_CODES)
    synced = LocaleSynchronization.objects.values_list("locale__language_code", flat=True)
    assert sorted(synced) == sorted(set(LANGUAGE_CODES) - {"en"})
    assert {p.locale.language_code for p in HomePage.objects.all()} == set(LANGUAGE_CODES)


def test_setup_site_is_idempotent(home):
    pages_before = Page.objects.count()
    call_command("setup_site", "--no-admin")
    call_command("setup_site", "--no-admin")
    assert Page.objects.count() == pages_before
    assert HomePage.objects.filter(locale__language_code="en").count() == 1


def test_setup_site_creates_one_admin_only(db, django_user_model, capsys):
    call_command("setup_site")
    call_command("setup_site")
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    assert "Generated password" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("el,en;q=0.5", "/el/"),
        ("hr-HR", "/hr/"),
        ("fr-CA,fr;q=0.9", "/fr/"),
        ("ja", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_preferred_language(home, client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_language_home_renders_with_its_lang(home, client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}" dir="ltr">' in response.text
    assert 'class="skip-link" href="#main"' in response.text
    assert '<link rel="icon"' in response.text


def test_unknown_language_prefix_ends_in_a_styled_404(home, client):
    response = client.get("/xx/", follow=True)
    assert response.redirect_chain == [("/en/xx/", 302)]
    assert response.status_code == 404
    assert "Page not found" in response.text


def _translate(page, locale, title):
    """Translate ``page`` into ``locale`` through wagtail-localize and publish it."""
    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    translated = page.get_translation(locale).specific
    translated.title = title
    translated.save_revision().publish()
    return translated


def test_language_switcher_points_to_translations_or_aliases(home, locales, client):
    page = StandardPageFactory(parent=home, title="About us", slug="about")
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)
    french = _translate(page, locales["fr"], "À propos")

    html = client.get("/en/about/").text
    assert f'href="{french.url}" lang="fr" hreflang="fr"' in html
    # Not translated into Greek yet: the switcher goes to the Greek alias.
    greek_alias = page.get_translation(locales["el"])
    assert greek_alias.alias_of_id == page.pk
    assert f'href="{greek_alias.url}" lang="el" hreflang="el"' in html
    assert 'lang="en" hreflang="en" aria-current="true">English</a>' in html


def test_hreflang_lists_real_translations_and_x_default(home, locales, client):
    page = StandardPageFactory(parent=home, title="About us", slug="about")
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)
    _translate(page, locales["fr"], "À propos")
    html = client.get("/fr/about/").text
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/about/">' in html
    assert 'hreflang="el"' not in html.split("<body")[0]  # an alias is no translation
    assert '<link rel="canonical" href="http://testserver/fr/about/">' in html


def test_untranslated_alias_says_so_and_points_to_the_source(home, locales, client):
    page = StandardPageFactory(parent=home, title="About us", slug="about")
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)
    html = client.get("/hr/about/").text
    assert '<html lang="hr"' in html
    assert 'href="/en/about/" hreflang="en"' in html
    assert '<article class="container prose" lang="en">' in html
    assert '<link rel="canonical" href="http://testserver/en/about/">' in html


def test_switcher_without_translation_goes_to_that_language_home(home, locales, client):
    page = StandardPageFactory(parent=home, title="English only", slug="english-only")
    html = client.get("/en/english-only/").text
    assert 'href="/it/?notice=untranslated" lang="it"' in html
    notice = client.get("/it/?notice=untranslated").text
    assert 'role="status"' in notice
    assert page.pk


def test_languages_setting_matches_the_six_locales():
    assert [code for code, _ in settings.LANGUAGES] == LANGUAGE_CODES
