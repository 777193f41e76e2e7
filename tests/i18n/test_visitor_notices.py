"""Item 7: a visitor never hits a dead end; the notice says what they are reading."""

from wagtail.models import Page

from home.models import StandardPage

from .conftest import make_page, start_translation


def test_alias_shows_the_notice_and_links_to_the_original(about, client):
    html = client.get("/hr/about/").text
    assert '<div class="notice" role="note">' in html
    assert '<a href="/en/about/" hreflang="en">' in html
    assert '<article class="container prose" lang="en">' in html


def test_deleted_alias_falls_back_to_the_original_not_a_404(about, locales, client):
    about.get_translation(locales["hr"]).delete()
    response = client.get("/hr/about/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="hr"' in html
    assert '<a href="/en/about/" hreflang="en">' in html  # read the original
    assert "Why a coworking space?" in html
    assert '<link rel="canonical" href="http://testserver/en/about/">' in html


def test_deleted_alias_of_a_child_page_falls_back_too(about, locales, client):
    child = make_page(about, title="Mapping the network", slug="mapping")
    child.get_translation(locales["el"]).delete()
    response = client.get("/el/about/mapping/")
    assert response.status_code == 200
    assert 'href="/en/about/mapping/" hreflang="en"' in response.text


def test_a_page_that_exists_only_in_french(home, locales, client):
    french_home = home.get_translation(locales["fr"])
    local = french_home.add_child(
        instance=StandardPage(
            title="Fête des tiers-lieux", slug="fete", introduction="Le programme."
        )
    )
    local.save_revision().publish()
    assert client.get("/fr/fete/").status_code == 200
    response = client.get("/en/fete/")
    assert response.status_code == 200
    assert '<a href="/fr/fete/" hreflang="fr">' in response.text
    assert '<article class="container prose" lang="fr">' in response.text
    # From the French page, the switcher offers English through its home, with a notice.
    assert 'href="/en/?notice=untranslated" lang="en"' in client.get("/fr/fete/").text


def test_a_translation_under_another_slug_is_reached_by_redirect(
    about, locales, client, django_capture_on_commit_callbacks
):
    translation = start_translation(about, locales["fr"], django_capture_on_commit_callbacks)
    french = translation.get_target_instance()
    french.slug = "a-propos"
    french.save_revision().publish()
    response = client.get("/fr/about/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/"


def test_an_unpublished_translation_shows_the_original_meanwhile(
    about, locales, client, django_capture_on_commit_callbacks
):
    translation = start_translation(about, locales["it"], django_capture_on_commit_callbacks)
    italian = translation.get_target_instance()
    italian.unpublish()
    response = client.get("/it/about/")
    assert response.status_code == 200
    assert '<a href="/en/about/" hreflang="en">' in response.text


def test_unknown_paths_are_still_404(about, client):
    response = client.get("/hr/no-such-page/")
    assert response.status_code == 404


def test_a_language_without_a_home_page_shows_the_english_home(home, locales, client):
    Page.objects.filter(depth=2, locale=locales["es"]).delete()
    response = client.get("/es/")
    assert response.status_code == 200
    assert '<html lang="es"' in response.text
    assert 'href="/en/" hreflang="en"' in response.text


def test_translated_pages_have_no_notice(
    about, locales, client, django_capture_on_commit_callbacks
):
    for code in ["fr", "it", "es", "el", "hr"]:
        translation = start_translation(about, locales[code], django_capture_on_commit_callbacks)
        html = client.get(translation.get_target_instance().url).text
        assert f'<html lang="{code}"' in html
        assert 'role="note"' not in html, code
