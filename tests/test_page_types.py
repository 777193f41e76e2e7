"""The shared check that every page type of the project passes."""

import pytest
import wagtail_factories
from django.conf import settings
from wagtail.models import get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.synctree import create_aliases_for_new_page

from .pagetypes import PAGE_TYPES

PROJECT_APPS = {"hub", "home", "casestudies", "toolkit", "search"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def project_page_models():
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


def label(model):
    return model.__name__


def test_every_page_type_has_an_entry_in_the_shared_check():
    assert set(project_page_models()) == set(PAGE_TYPES)


@pytest.mark.parametrize("model", project_page_models(), ids=label)
def test_page_type_declares_its_place_in_the_tree(model):
    assert "template" in model.__dict__, "set template explicitly"
    assert "parent_page_types" in model.__dict__
    assert "subpage_types" in model.__dict__
    assert str(model.page_description)


@pytest.mark.parametrize("model", list(PAGE_TYPES), ids=label)
def test_page_type_renders_in_every_language(model, home, locales, client):
    page = PAGE_TYPES[model]["create"](home)
    if page.pk != home.pk:
        create_aliases_for_new_page(page)
    for code in LANGUAGE_CODES:
        version = page.get_translation(locales[code])
        response = client.get(version.url)
        assert response.status_code == 200, f"{model.__name__} in {code}"
        assert f'<html lang="{code}"' in response.text


@pytest.mark.parametrize(
    "model", [m for m, entry in PAGE_TYPES.items() if entry["admin_data"]], ids=label
)
def test_page_type_can_be_created_in_the_admin(model, home, editor_client):
    case = WagtailPageTestCase()
    case.client = editor_client
    entry = PAGE_TYPES[model]
    case.assertCanCreate(entry["parent"](home), model, entry["admin_data"]())
    assert model.objects.filter(live=True, locale=home.locale).exists()


@pytest.mark.parametrize("keeps", [True, False], ids=["snippets kept", "nothing kept"])
@pytest.mark.parametrize("model", list(PAGE_TYPES), ids=label)
def test_page_type_is_served_whole_as_the_orm_reads_it(model, keeps, home, monkeypatch):
    """Routing reads the page it serves through plain SQL where it can
    (``hub.translation.routing._specific``): every field as ``get`` reads it, none left
    to load later, and the relations its type asks for already there."""
    from wagtail.models import Page

    from hub.translation import routing

    monkeypatch.setattr(routing.sitewide, "keeps", lambda request: keeps)
    page = PAGE_TYPES[model]["create"](home)
    if getattr(page, "hero_image_id", False) is None:  # a relation read with the page
        page.hero_image = wagtail_factories.ImageFactory()
        page.save()
    expected = model.objects.get(pk=page.pk)
    served = routing._specific(Page.objects.get(pk=page.pk))  # as routing finds it

    assert type(served) is model and served.get_deferred_fields() == set()
    for field in model._meta.concrete_fields:
        assert getattr(served, field.attname) == getattr(expected, field.attname), field.name
    names = [
        *getattr(model, "served_select_related", ()),
        *getattr(model, "served_kept_relations", ()),
    ]
    for name in names:
        field = model._meta.get_field(name.split("__")[0])
        if name.startswith("alias_of") or getattr(served, field.attname) is None:
            continue
        assert field.is_cached(served), name
        assert getattr(served, name) == getattr(expected, name)
