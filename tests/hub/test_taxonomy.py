"""The shared taxonomies: seeded in six languages, stable identifiers, admin screens."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from hub.models import Country, SpaceType, Theme
from hub.setup import ensure_taxonomies
from tests.factories import CountryFactory

LANGUAGES = ["en", "fr", "it", "es", "el", "hr"]
PARTNERS = {"FR", "IT", "ES", "GR", "HR"}


def test_seed_names_every_term_in_six_languages(taxonomy):
    for model, minimum in [(Country, 20), (Theme, 10), (SpaceType, 7)]:
        english = model.objects.filter(locale__language_code="en")
        assert english.count() >= minimum
        for term in english:
            names = dict(
                model.objects.filter(translation_key=term.translation_key).values_list(
                    "locale__language_code", "name"
                )
            )
            assert sorted(names) == sorted(LANGUAGES), term
    partners = Country.objects.filter(is_partner=True, locale__language_code="en")
    assert set(partners.values_list("code", flat=True)) == PARTNERS


def test_seed_uses_real_translations(taxonomy):
    croatia = {c.locale.language_code: c.name for c in Country.objects.filter(code="HR")}
    assert croatia == {
        "en": "Croatia",
        "fr": "Croatie",
        "it": "Croazia",
        "es": "Croacia",
        "el": "Κροατία",
        "hr": "Hrvatska",
    }
    third_place = {
        t.locale.language_code: t.name for t in SpaceType.objects.filter(slug="third-place")
    }
    assert third_place["fr"] == "Tiers-lieu"
    assert third_place["el"] == "Τρίτος χώρος"


def test_seed_is_idempotent_and_keeps_editors_changes(taxonomy):
    theme = Theme.objects.get(slug="social-economy", locale__language_code="fr")
    theme.name = "ESS"
    theme.save()
    before = Country.objects.count() + Theme.objects.count() + SpaceType.objects.count()
    assert ensure_taxonomies() == 0
    after = Country.objects.count() + Theme.objects.count() + SpaceType.objects.count()
    assert before == after
    theme.refresh_from_db()
    assert theme.name == "ESS"


def test_identifiers_are_synchronised_across_translations(taxonomy):
    for theme in Theme.objects.filter(locale__language_code="en"):
        slugs = set(
            Theme.objects.filter(translation_key=theme.translation_key).values_list(
                "slug", flat=True
            )
        )
        assert slugs == {theme.slug}


def test_country_code_is_unique_per_locale(home):
    CountryFactory(code="MT", name="Malta")
    duplicate = Country(
        code="MT", name="Malta again", locale=Locale.objects.get(language_code="en")
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert (
        "ISO code" in str(error.value) or "code" in error.value.message_dict.get("__all__", [""])[0]
    )


@pytest.mark.parametrize("code", ["fr", "F", "FRA", "1X", ""])
def test_country_code_must_be_two_capital_letters(home, code):
    country = Country(code=code, name="Somewhere", locale=Locale.objects.get(language_code="en"))
    with pytest.raises(ValidationError) as error:
        country.full_clean()
    assert "code" in error.value.message_dict


def test_theme_slug_is_validated(home):
    theme = Theme(slug="Rural Hub!", name="Rural", locale=Locale.objects.get(language_code="en"))
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "lowercase" in str(error.value.message_dict["slug"])


@pytest.mark.parametrize("model_name", ["country", "region", "theme", "spacetype", "organisation"])
def test_taxonomy_admin_listing_and_search(taxonomy, editor_client, model_name):
    url = reverse(f"wagtailsnippets_hub_{model_name}:list")
    response = editor_client.get(url)
    assert response.status_code == 200
    assert editor_client.get(url, {"q": "croa"}).status_code == 200


def test_country_admin_search_finds_by_name(taxonomy, editor_client):
    response = editor_client.get(
        reverse("wagtailsnippets_hub_country:list"), {"q": "Croatia", "locale": "en"}
    )
    assert "Croatia" in response.text
    assert "Malta" not in response.text
