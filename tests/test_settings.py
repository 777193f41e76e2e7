"""Production settings: refuse to start without a secret, pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.settings.base import search_backends

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "hub.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_passes_the_deploy_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 10 + "an-unguessable-but-test-only-value-0123456789abcdef",
        ALLOWED_HOSTS="hub.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "search.backends"),
        ("elasticsearch://search:9200", "wagtail.search.backends.elasticsearch9"),
        ("opensearch://127.0.0.1:9200", "wagtail.search.backends.opensearch3"),
    ],
)
def test_search_url_selects_the_backend(url, backend):
    assert search_backends(url)["default"]["BACKEND"] == backend


def test_bad_search_url_is_a_clear_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL must look like"):
        search_backends("ftp://nowhere")


def test_postgres_planner_costs_random_reads_as_on_ssds_unless_told_otherwise():
    from hub.settings.base import database_settings

    url = "postgres://hub@db.example.org:5432/hub"
    assert database_settings(url, "1.1")["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    assert database_settings(url, "2")["OPTIONS"]["options"] == "-c random_page_cost=2"
    assert "options" not in database_settings(url, "server").get("OPTIONS", {})
    # SQLite has no such planner setting: its own options only.
    sqlite = database_settings("sqlite:////tmp/hub.sqlite3", "1.1")
    assert "options" not in sqlite["OPTIONS"]
    assert "PRAGMA journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]


@pytest.mark.parametrize("value", ["fast", "0", "-1", "nan", "inf", "1e9"])
def test_bad_random_page_cost_is_a_clear_error(value):
    from django.core.exceptions import ImproperlyConfigured

    from hub.settings.base import database_settings

    with pytest.raises(ImproperlyConfigured, match="DATABASE_RANDOM_PAGE_COST must be"):
        database_settings("postgres://hub@db.example.org:5432/hub", value)


def test_production_refuses_to_start_with_a_bad_random_page_cost():
    result = _manage(
        "check",
        SECRET_KEY="k" * 10 + "an-unguessable-but-test-only-value-0123456789abcdef",
        DATABASE_URL="postgres://hub@127.0.0.1:5432/hub",
        DATABASE_RANDOM_PAGE_COST="fast",
    )
    assert result.returncode != 0
    assert "DATABASE_RANDOM_PAGE_COST must be a positive number" in result.stderr
