"""Production: secrets must come from the environment; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = False

if not ENV.secret_key:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production needs a long random secret in the SECRET_KEY "
        "environment variable, for example: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
if len(ENV.secret_key) < 50 or len(set(ENV.secret_key)) < 5:
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 50 random characters.")
SECRET_KEY = ENV.secret_key

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Without a DeepL key, no machine drafts: the local translator is for development only.
if not ENV.deepl_api_key:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
