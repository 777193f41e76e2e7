"""Every environment variable the project reads, in one place, with a type and a default.

Settings modules import ``ENV`` from here and never call ``os.environ`` themselves,
so this file is the complete list (mirrored in ``.env.example`` and the README).
"""

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}.")


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _str(name: str, default: str = "") -> str:
    """The variable's value; an unset or empty variable gives the default."""
    return os.environ.get(name, "").strip() or default


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


@dataclass(frozen=True)
class Environment:
    """The typed view of the process environment."""

    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    database_random_page_cost: str
    media_root: Path
    static_root: Path
    redis_url: str
    search_url: str
    deepl_api_key: str
    wagtailadmin_base_url: str
    secure_ssl_redirect: bool
    cache_timeout: int
    page_cache_seconds: int
    page_cache_configured: bool
    frontend_cache_url: str
    frontend_cache_cloudflare_zone_id: str
    frontend_cache_cloudflare_token: str
    admin_username: str
    admin_email: str
    admin_password: str
    admin_2fa_required: bool
    session_cookie_age: int
    map_tile_url: str
    map_tile_attribution: str


def read_environment() -> Environment:
    return Environment(
        debug=_bool("DEBUG", False),
        secret_key=_str("SECRET_KEY"),
        allowed_hosts=_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"]),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        database_url=_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        database_random_page_cost=_str("DATABASE_RANDOM_PAGE_COST", "1.1"),
        media_root=Path(_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))),
        static_root=Path(_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))),
        redis_url=_str("REDIS_URL"),
        search_url=_str("SEARCH_URL"),
        deepl_api_key=_str("DEEPL_API_KEY"),
        wagtailadmin_base_url=_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
        secure_ssl_redirect=_bool("SECURE_SSL_REDIRECT", True),
        cache_timeout=_int("CACHE_TIMEOUT", 600),
        page_cache_seconds=_int("PAGE_CACHE_SECONDS", 600),
        page_cache_configured=bool(_str("PAGE_CACHE_SECONDS")),
        frontend_cache_url=_str("FRONTEND_CACHE_URL"),
        frontend_cache_cloudflare_zone_id=_str("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"),
        frontend_cache_cloudflare_token=_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        admin_username=_str("ADMIN_USERNAME", "admin"),
        admin_email=_str("ADMIN_EMAIL", "admin@example.org"),
        admin_password=_str("ADMIN_PASSWORD"),
        admin_2fa_required=_bool("ADMIN_2FA_REQUIRED", False),
        session_cookie_age=_int("SESSION_COOKIE_AGE", 60 * 60 * 12),
        map_tile_url=_str("MAP_TILE_URL"),
        map_tile_attribution=_str("MAP_TILE_ATTRIBUTION"),
    )


ENV = read_environment()
