"""Security headers on public pages, the admin and documents; production HTTPS settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.pagetypes import PAGE_TYPES

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_public_pages_have_a_strict_content_security_policy(home, client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_error_pages_have_the_strict_policy_too(home, client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "unsafe" not in response["Content-Security-Policy"]
    assert_common_headers(response)


# Data blocks (type="application/json", from json_script) are never executed: CSP allows them.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*application/json)[^>]*>", re.IGNORECASE
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("model", list(PAGE_TYPES), ids=lambda model: model.__name__)
def test_public_pages_contain_no_inline_code_the_policy_would_block(model, home, locales, client):
    page = PAGE_TYPES[model]["create"](home)
    if page.pk != home.pk:
        create_aliases_for_new_page(page)
    for code in LANGUAGE_CODES:
        html = client.get(page.get_translation(locales[code]).url).text
        assert not INLINE_SCRIPT.search(html), f"inline <script> without nonce in {code}"
        assert not EVENT_HANDLER.search(html), f"on* attribute in {code}"
        assert not STYLE_ATTRIBUTE.search(html), f"style attribute in {code}"


def test_inline_code_is_allowed_only_with_the_responses_nonce():
    from django.utils.csp import build_policy

    policy = csp_directives(build_policy(settings.SECURE_CSP, nonce="abc123"))
    assert policy["script-src"] == ["'self'", "'nonce-abc123'"]
    assert policy["style-src"] == ["'self'", "'nonce-abc123'"]
    # No template used the nonce: no nonce in the header (cacheable responses).
    assert "nonce" not in build_policy(settings.SECURE_CSP, nonce=None)


def test_the_admin_has_its_own_looser_policy(home, editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_admin_login_page_and_page_editor_load_with_the_admin_policy(home, client, superuser):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in csp_directives(response["Content-Security-Policy"])["style-src"]
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in csp_directives(response["Content-Security-Policy"])["script-src"]


@pytest.fixture
def documents(db, media_root):
    pdf = Document.objects.create(
        title="Charter", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="charter.pdf")
    )
    sheet = Document.objects.create(
        title="Survey", file=ContentFile(b"name,city\nHub,Split\n", name="survey.csv")
    )
    return pdf, sheet


def test_documents_are_downloads_with_a_no_content_policy(documents, client):
    _pdf, sheet = documents
    response = client.get(sheet.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_pdf_documents_open_in_the_browser_but_still_without_content(documents, client):
    pdf, _sheet = documents
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="p" * 10 + "an-unguessable-but-test-only-value-0123456789abcdef",
        ALLOWED_HOSTS="hub.example.org",
        **env,
    )
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_AGE",
        "ADMIN_2FA_REQUIRED",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_uses_https_everywhere():
    values = _production_settings()
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["ADMIN_2FA_REQUIRED"] is False


def test_production_switches_come_from_the_environment():
    values = _production_settings(
        SECURE_SSL_REDIRECT="off", ADMIN_2FA_REQUIRED="on", SESSION_COOKIE_AGE="3600"
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["ADMIN_2FA_REQUIRED"] is True
    assert values["SESSION_COOKIE_AGE"] == 3600
