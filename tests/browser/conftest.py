"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

Tests here are marked ``browser``. Without a Chromium on the machine they are skipped with
a message that says how to install one; `.ci/run` installs it, so CI always runs them.
"""

import os
import shutil

import pytest

from hub.setup import setup_site

CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip(
            "No Chromium found: install Debian's package (apt-get install chromium) "
            "to run the browser and accessibility tests."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's async-safety guard
    # must allow the test's database calls meanwhile (only while the browser runs).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(
                executable_path=path, headless=True, args=CHROMIUM_ARGS
            )
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    # Keep every request on this machine: anything else is a bug (no third-party requests).
    outside = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"requests left the site: {outside}"


@pytest.fixture
def site(transactional_db):
    """Locales and home pages in the live server's database."""
    return setup_site(taxonomies=False)


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    def check(tab):
        results = tab.evaluate(
            Axe().axe_script + "\n;axe.run(document, {resultTypes: ['violations']})"
        )
        violations = [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
            f"{violation['nodes'][0]['target']})"
            for violation in results["violations"]
        ]
        return violations

    return check
