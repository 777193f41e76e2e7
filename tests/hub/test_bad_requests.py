"""Control characters in a URL get a clear 400 page before any view or database sees them."""

import pytest


@pytest.mark.parametrize(
    "url", ["/en/?q=%00", "/en/?notice=a%01b", "/en/a%00b/", "/fr/?x%1f=1", "/documents/1/a%00"]
)
def test_control_characters_get_a_clear_400(home, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "characters that are not allowed" in response.text
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/en/?q=caf%C3%A9", "/en/?q=line%0Abreak", "/en/?q=tab%09"])
def test_ordinary_text_passes(home, client, url):
    assert client.get(url).status_code == 200
