"""Test settings: fast hasher, local-memory cache, immediate tasks, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole-page caching is off; tests/hub/test_page_cache.py turns it on where it is tested.
PAGE_CACHE_SECONDS = 0
WAGTAILFRONTENDCACHE = {}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# A translatable snippet model for the translation workflow's tests (tests/snippetapp).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.snippetapp"]  # noqa: F405
