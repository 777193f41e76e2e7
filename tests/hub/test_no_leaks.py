"""Drafts, unpublished and private pages never show in public pages, navigation,
the language switcher or hreflang links."""

import pytest
from wagtail.models import PageViewRestriction
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import StandardPageFactory, translate_page


def _about(home, **kwargs):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", show_in_menus=True, **kwargs
    )
    create_aliases_for_new_page(page)
    return page


def _header(html):
    return html.split("</header>", 1)[0]


def test_a_draft_page_is_nowhere(home, client):
    StandardPageFactory(
        parent=home, title="Secret plans", slug="secret", live=False, show_in_menus=True
    )
    assert "Secret plans" not in client.get("/en/").text
    assert client.get("/en/secret/").status_code == 404


def test_draft_changes_stay_out_of_the_live_page_and_menu(home, client):
    page = _about(home)
    page.title = "DRAFT TITLE"
    page.introduction = "DRAFT TEXT"
    page.save_revision()  # saved, not published
    html = client.get("/en/about/").text
    assert "About us" in html
    assert "DRAFT" not in html
    assert "DRAFT" not in client.get("/en/").text


def test_an_unpublished_page_is_nowhere(home, client):
    page = _about(home)
    assert "About us" in _header(client.get("/en/").text)
    page.unpublish()
    assert "About us" not in client.get("/en/").text
    assert client.get("/en/about/").status_code == 404


def test_a_private_page_is_not_in_the_menu_and_shows_no_content(home, client):
    page = _about(home, introduction="Board minutes and budgets.")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert "About us" not in _header(client.get("/en/").text)
    response = client.get("/en/about/")
    assert "Board minutes" not in response.text
    assert "password" in response.text.lower()


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_a_hidden_translation_is_not_linked_from_its_source(home, locales, client, how):
    page = _about(home)
    french = translate_page(page, locales["fr"], "À propos")
    if how == "unpublished":
        french.unpublish()
    else:
        PageViewRestriction.objects.create(page=french, restriction_type="login")
    html = client.get("/en/about/").text
    assert 'hreflang="fr" href=' not in html  # no <link rel="alternate">
    assert "/fr/about/" not in html  # neither in the switcher
    assert 'href="/fr/?notice=untranslated" lang="fr"' in html
    # The public translations are still linked.
    assert '<link rel="alternate" hreflang="en"' in html


def test_a_private_source_keeps_its_untranslated_aliases_out_of_sight(home, client):
    page = _about(home)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    html = client.get("/fr/").text
    assert "About us" not in _header(html)


def test_an_untranslated_alias_of_a_private_page_is_private_too(home, client, locales):
    page = _about(home, introduction="Board minutes and budgets.")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for code in ["fr", "it", "es", "el", "hr"]:
        alias = page.get_translation(locales[code])
        assert alias.alias_of_id == page.pk
        assert "Board minutes" not in client.get(alias.url).text
    restriction.delete()
    assert "Board minutes" in client.get("/fr/about/").text


def test_aliases_created_after_the_restriction_are_private_too(home, client):
    page = StandardPageFactory(
        parent=home, title="About us", slug="about", introduction="Board minutes."
    )
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    create_aliases_for_new_page(page)
    assert "Board minutes" not in client.get("/hr/about/").text
    assert client.get("/hr/about/").status_code == 302  # to the login page
