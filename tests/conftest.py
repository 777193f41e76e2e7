import pytest
from wagtail.models import Locale

from hub.setup import ensure_taxonomies, setup_site


@pytest.fixture
def home(db):
    """The English home page, with the six locales and their synchronised home pages."""
    return setup_site(taxonomies=False)


@pytest.fixture
def taxonomy(home):
    """The seeded countries, themes and space types in the six languages."""
    ensure_taxonomies()


@pytest.fixture
def locales(home):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-password-123"
    )


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: rolled-back rows reuse primary keys, so a
    rendition or page cached by an earlier test would otherwise leak into the next."""
    from django.core.cache import caches

    from hub import sitewide

    for cache in caches.all():
        cache.clear()
    sitewide.forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request served in Italian must not
    leave Italian active for the next test's validation messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
