"""Settings shared by every environment. Environment variables come from ``ENV`` only."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, ENV

PROJECT_DIR = BASE_DIR / "hub"

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    # Project apps first, so their templates and static files win.
    "hub",
    "home",
    "casestudies",
    "toolkit",
    "search",
    # Translation
    "wagtail_localize",
    "wagtail_localize.locales",
    # Security: login lockout, two-factor authentication for the admin
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors' pages (hub/cache.py). Before the CSP middleware, so that a cached
    # page keeps the policy header it was rendered with (its nonce is renewed on each hit).
    "hub.cache.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the CSP middleware, so that it chooses the admin's policy before that one runs.
    "hub.middleware.SecurityHeadersMiddleware",
    "hub.middleware.RejectMalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.middleware.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hub.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "django.template.context_processors.csp",
            ],
        },
    },
]


def database_settings(url: str, random_page_cost: str) -> dict:
    """The default database's settings from DATABASE_URL.

    SQLite: connections are kept between requests, as on PostgreSQL (a new SQLite
    connection re-reads the schema and starts with an empty page cache); pages are read
    through a memory map and a larger page cache (64 MiB), so that reading thousands of
    rows by key (facet counts, listings) costs memory lookups, not system calls.

    PostgreSQL: the planner's cost of reading a page out of order is DATABASE_RANDOM_PAGE_COST
    (1.1, for a database on SSDs or in memory, as PostgreSQL's documentation advises;
    ``server`` keeps the server's own setting, e.g. behind a connection pooler that
    refuses startup options). With PostgreSQL's default of 4, which assumes spinning
    disks, the planner read every search index entry instead of using the full-text
    index for a common word (114 ms against 5 ms at 10,000 pages; docs/performance.md).
    """
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;"
                ),
                "timeout": 20,
            }
        )
    if database["ENGINE"] == "django.db.backends.postgresql" and random_page_cost != "server":
        try:
            cost = float(random_page_cost)
        except ValueError:
            cost = 0
        if not 0 < cost < 1000:
            raise ImproperlyConfigured(
                "DATABASE_RANDOM_PAGE_COST must be a positive number (such as 1.1) or "
                f"'server', not {random_page_cost!r}."
            )
        options = database.setdefault("OPTIONS", {})
        own = options.get("options", "")
        options["options"] = f"{own} -c random_page_cost={cost:g}".strip()
    return database


# Database: DATABASE_URL, SQLite under var/ by default.
DATABASES = {"default": database_settings(ENV.database_url, ENV.database_random_page_cost)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default lives under var/, which a fresh clone does not have yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text search fields.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
if ENV.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": ENV.redis_url,
            "TIMEOUT": ENV.cache_timeout,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "coworkmed",
            "TIMEOUT": ENV.cache_timeout,
        }
    }

# Anonymous visitors' pages, whole, for PAGE_CACHE_SECONDS (0: off). Any published change
# forgets them all (hub/cache.py, docs/performance.md).
PAGE_CACHE_SECONDS = ENV.page_cache_seconds

# A CDN or caching proxy in front of the site, purged by Wagtail when a page is published
# or unpublished (wagtail.contrib.frontend_cache). Nothing is purged when none is set.
WAGTAILFRONTENDCACHE = {}
if ENV.frontend_cache_url:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": ENV.frontend_cache_url,
    }
if ENV.frontend_cache_cloudflare_zone_id or ENV.frontend_cache_cloudflare_token:
    if not (ENV.frontend_cache_cloudflare_zone_id and ENV.frontend_cache_cloudflare_token):
        raise ImproperlyConfigured(
            "Cloudflare purging needs both FRONTEND_CACHE_CLOUDFLARE_ZONE_ID and "
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN (an API token allowed to purge the zone)."
        )
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": ENV.frontend_cache_cloudflare_zone_id,
        "BEARER_TOKEN": ENV.frontend_cache_cloudflare_token,
    }
if WAGTAILFRONTENDCACHE:
    # Installed only when there is something to purge: its handlers run on every publish.
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: six languages, English is the source.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("el", "Ελληνικά"),
    ("hr", "Hrvatski"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.media_root
# Leaflet and its clustering plugin come from their pinned packages (requirements/base.in),
# served under static/vendor/ by hub.staticfiles.VendorFinder, never copied into the repo.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "hub.staticfiles.VendorFinder",
]
STORAGES = {
    "default": {"BACKEND": "hub.media.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "CoWorkMed Hub"
WAGTAILADMIN_BASE_URL = ENV.wagtailadmin_base_url
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploads are checked by content, not by name (hub/uploads.py); no SVG: it can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hub.uploads.SafeDocumentForm"
# Documents always go through Wagtail's view, which adds the safe headers (docs/security.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# No third-party avatars in the admin (privacy, and a strict img-src).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False


def search_backends(search_url: str) -> dict:
    """Map SEARCH_URL to Wagtail's backend settings (database backend when unset).

    The project analyses text itself (search/analysis.py) and indexes finished words:
    PostgreSQL uses its "simple" configuration (no stemming, no stop words) so that it
    keeps them as they are; Elasticsearch/OpenSearch's standard analyzer leaves them
    unchanged too (they are lower-case letters and digits only).
    """
    if not search_url:
        return {
            "default": {
                # Wagtail's database backend, ranked in one query on SQLite (search/backends.py).
                "BACKEND": "search.backends",
                "SEARCH_CONFIG": "simple",
                "AUTO_UPDATE": True,
            }
        }
    parts = urlsplit(search_url)
    backends = {
        "elasticsearch": "wagtail.search.backends.elasticsearch9",
        "elasticsearch8": "wagtail.search.backends.elasticsearch8",
        "elasticsearch9": "wagtail.search.backends.elasticsearch9",
        "opensearch": "wagtail.search.backends.opensearch3",
        "opensearch2": "wagtail.search.backends.opensearch2",
        "opensearch3": "wagtail.search.backends.opensearch3",
    }
    if parts.scheme not in backends or not parts.hostname:
        raise ImproperlyConfigured(
            "SEARCH_URL must look like elasticsearch://host:9200 or opensearch://host:9200, "
            f"not {search_url!r}."
        )
    scheme = "https" if parts.query == "tls" else "http"
    netloc = parts.netloc
    return {
        "default": {
            "BACKEND": backends[parts.scheme],
            "URLS": [f"{scheme}://{netloc}"],
            "INDEX_PREFIX": "coworkmed_",
            "TIMEOUT": 5,
            "AUTO_UPDATE": True,
        }
    }


WAGTAILSEARCH_BACKENDS = search_backends(ENV.search_url)

# Translation (wagtail-localize): machine drafts from DeepL with the network's glossary
# (hub/glossary.yaml) when DEEPL_API_KEY is set, else a local glossary-only translator
# that marks its output (production.py switches it off). See docs/translation.md.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "hub.translation.machine.DeepLGlossaryTranslator",
        "OPTIONS": {"AUTH_KEY": ENV.deepl_api_key},
    }
    if ENV.deepl_api_key
    else {"CLASS": "hub.translation.machine.LocalDraftTranslator"}
)

# Sessions and security defaults (hardened further in production.py)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = ENV.session_cookie_age
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Wagtail API v2: public, read-only, JSON only, bounded page size.
WAGTAILAPI_LIMIT_MAX = 100
# Full-text search belongs to the search page, which cleans and analyses queries.
WAGTAILAPI_SEARCH_ENABLED = False
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

# Content-Security-Policy (Django's built-in middleware). Public pages: no inline code
# except with the per-response nonce ({{ csp_nonce }} in templates), no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# The Wagtail admin (paths under ADMIN_PATH_PREFIX) relies on inline styles and scripts.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF, "blob:"],
}
# Browser features no page of the hub uses (hub.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Accounts: lockout after repeated failed logins (django-axes), optional 2FA in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.accounts.lockout_response"
ADMIN_2FA_REQUIRED = ENV.admin_2fa_required
OTP_TOTP_ISSUER = "CoWorkMed Hub"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SITE_LANGUAGE_NAMES = dict(LANGUAGES)
NOT_TRANSLATED_LABEL = _("Not yet translated")

# Maps: markers on a neutral background by default (no request leaves the site). A
# deployment with its own tile server sets MAP_TILE_URL ({z}/{x}/{y} template) and the
# attribution its tiles require.
MAP_TILE_URL = ENV.map_tile_url
MAP_TILE_ATTRIBUTION = ENV.map_tile_attribution
