"""Static files as production serves them: hashed names cached for good, compressed copies.

``collectstatic`` runs with the production storage into an empty folder; the Wagtail and
Django admin files are left out to keep the test fast (the project's own files are what
the public pages load).
"""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.test_settings import _manage

ONE_YEAR = 365 * 24 * 60 * 60
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.DEBUG = False
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=0,
        ignore_patterns=["wagtail*", "admin", "rest_framework", "django_extensions"],
    )
    return tmp_path


def test_production_uses_the_hashing_compressing_storage():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        SECRET_KEY="s" * 10 + "an-unguessable-but-test-only-value-0123456789abcdef",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == PRODUCTION_STORAGE


def test_hashed_static_files_are_cached_for_a_year_and_compressed(collected):
    from django.templatetags.static import static

    url = static("hub/css/site.css")
    assert re.fullmatch(r"/static/hub/css/site\.[0-9a-f]{12}\.css", url)
    hashed = collected / url.removeprefix("/static/")
    assert hashed.with_name(hashed.name + ".gz").exists()

    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = middleware(RequestFactory().get(url, headers={"accept-encoding": "gzip"}))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= ONE_YEAR
    assert "immutable" in cache_control
    assert "public" in cache_control
    assert response["Content-Encoding"] == "gzip"

    # The name without a hash may change with any deploy: a short lifetime only.
    plain = middleware(RequestFactory().get("/static/hub/css/site.css"))
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"]
