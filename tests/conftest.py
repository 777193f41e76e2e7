import pytest
from wagtail.models import Locale

from hub.setup import setup_site


@pytest.fixture
def home(db):
    """The English home page, with the six locales and their synchronised home pages."""
    return setup_site()


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
