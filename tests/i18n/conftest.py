"""Fixtures for the translation workflow: roles, users, a page with every text block."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils.translation import trans_real
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from hub.roles import setup_roles, translators_group_name
from hub.translation import sync_page
from tests.factories import StandardPageFactory

BODY = [
    ("heading", {"text": "Why a coworking space?", "level": "h2", "anchor": ""}),
    (
        "paragraph",
        '<p>A <a href="https://example.org/lab">fab lab</a> is a <b>third place</b>.</p>',
    ),
    ("quote", {"quote": "The space became the village's living room.", "source": "A manager"}),
]

FRENCH = {
    "About the network": "À propos du réseau",
    "about": "a-propos",
    "Who we are and how the network works.": "Qui nous sommes et comment fonctionne le réseau.",
    "Why a coworking space?": "Pourquoi un espace de coworking ?",
    'A <a id="a1">fab lab</a> is a <b>third place</b>.': (
        'Un <a id="a1">fab lab</a> est un <b>tiers-lieu</b>.'
    ),
    "The space became the village's living room.": "L'espace est devenu le salon du village.",
    "A manager": "Une gérante",
}


def make_page(home, title="About the network", slug="about", body=BODY, **kwargs):
    """A live English StandardPage with a heading, a paragraph and a quote, synced."""
    page = StandardPageFactory(parent=home, title=title, slug=slug, **kwargs)
    page.body = body
    page.save_revision().publish()
    sync_page(page)
    return page


def start_translation(page, locale, django_capture_on_commit_callbacks, user=None):
    """Submit ``page`` for translation into ``locale`` and let wagtail-localize publish it."""
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=user, target_locales=[locale]).create_translations(page)
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The .mo files are build products (``make catalogs``); a bare pytest run compiles them."""
    call_command("compile_catalogs", verbosity=0)
    trans_real._translations = {}  # forget catalogs loaded before they were compiled


@pytest.fixture
def roles(home):
    setup_roles()
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, *group_names):
        user = django_user_model.objects.create_user(
            username=username, password="a-long-password-123", email=f"{username}@example.org"
        )
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def croatian_translator(roles, make_user):
    return make_user("ana", translators_group_name("hr"))


@pytest.fixture
def french_translator(roles, make_user):
    return make_user("claire", translators_group_name("fr"))


@pytest.fixture
def about(home):
    return make_page(home)


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a
    "Sorry, you do not have permission" message (a 403 for scripts)."""
    from django.contrib.messages import get_messages

    if response.status_code == 403:
        return True
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response["Location"] == "/admin/"
        and any("do not have permission" in m for m in messages)
    )
