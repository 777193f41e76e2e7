"""The site chrome in a real browser: language switching, skip link, accessibility."""

import pytest


@pytest.mark.parametrize("code", ["en", "el"])
def test_home_page_has_no_accessibility_violations(site, page, axe, code):
    page.goto(f"/{code}/")
    assert page.locator("html").get_attribute("lang") == code
    assert axe(page) == []


def test_visitor_switches_language_and_skips_to_content(site, page):
    page.goto("/en/")
    page.get_by_role("link", name="Ελληνικά").click()
    page.wait_for_url("**/el/")
    assert page.locator("html").get_attribute("lang") == "el"
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    skip.press("Enter")
    assert page.evaluate("location.hash") == "#main"
