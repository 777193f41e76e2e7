"""Styled 404 and 500 pages in the visitor's language."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize("code", ["en", "el"])
def test_missing_page_is_a_styled_404_in_the_visitors_language(client, home, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.text
    assert f'<html lang="{code}"' in html
    assert 'name="robots" content="noindex"' in html
    assert f'action="/{code}/search/"' in html
    assert "hub/css/site.css" in html


def test_server_error_page_renders_without_a_request_in_the_active_language():
    with translation.override("fr"):
        html = render_to_string("500.html")
    assert '<html lang="fr"' in html
    assert 'href="/fr/"' in html
    assert "hub/css/site.css" in html
