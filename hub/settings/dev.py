"""Local development: DEBUG on, an insecure key that never leaves this machine."""

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = ENV.debug or True
SECRET_KEY = ENV.secret_key or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = [*ENV.allowed_hosts, "testserver"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Templates change under a developer's eyes: no whole-page cache unless asked for.
PAGE_CACHE_SECONDS = ENV.page_cache_seconds if ENV.page_cache_configured else 0
