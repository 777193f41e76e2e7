"""Country profiles: one per country and language, sourced figures, automatic lists."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import create_aliases_for_new_page

from hub import blocks
from hub.models import Country, CountryIndexPage, CountryProfilePage
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CaseStudyToolFactory,
    CountryContactFactory,
    CountryFactory,
    CountryIndexPageFactory,
    CountryProfilePageFactory,
    OrganisationFactory,
    SpaceTypeFactory,
    StandardPageFactory,
    ThemeFactory,
)


def country(code, language="en"):
    return Country.objects.get(code=code, locale__language_code=language)


NAMES = {
    "FR": {"en": "France", "fr": "France"},
    "IT": {"en": "Italy", "fr": "Italie"},
    "ES": {"en": "Spain", "fr": "Espagne"},
    "HR": {"en": "Croatia", "fr": "Croatie"},
}


@pytest.fixture
def countries(locales):
    """A few countries in English and French (lighter than seeding the whole taxonomy)."""
    for code, names in NAMES.items():
        english = CountryFactory(code=code, name=names["en"])
        french = english.copy_for_translation(locales["fr"])
        french.name = names["fr"]
        french.save()


@pytest.fixture
def index(home, countries):
    return CountryIndexPageFactory(parent=home)


@pytest.fixture
def france(index):
    return CountryProfilePageFactory(parent=index, title="France", country=country("FR"))


# Validation -------------------------------------------------------------------------


def test_a_second_profile_for_the_same_country_and_language_is_refused(index, france):
    duplicate = CountryProfilePage(title="France again", slug="france-2", country=country("FR"))
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=duplicate)
    assert error.value.message_dict["country"] == [
        "France already has a profile in this language: “France”. "
        "Edit that page instead of creating a second one."
    ]
    assert CountryProfilePage.objects.count() == 1


def test_the_admin_refuses_a_second_profile_with_a_message_on_the_country(
    index, france, editor_client
):
    url = reverse("wagtailadmin_pages:add", args=["hub", "countryprofilepage", index.pk])
    from tests.pagetypes import PAGE_TYPES

    data = PAGE_TYPES[CountryProfilePage]["admin_data"]()
    data["slug"] = "france-again"
    data["action-publish"] = "publish"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "France already has a profile in this language" in response.text
    assert CountryProfilePage.objects.count() == 1


def test_a_country_of_another_language_is_refused(index):
    page = CountryProfilePage(title="Croatia", slug="croatia", country=country("HR", "fr"))
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    message = error.value.message_dict["country"][0]
    assert "“Croatie” is the French version of the country" in message
    assert "this page is in English" in message
    assert not CountryProfilePage.objects.exists()


def test_an_untranslated_copy_in_another_language_is_accepted(france):
    create_aliases_for_new_page(france)
    aliases = CountryProfilePage.objects.filter(alias_of=france).select_related("country")
    assert {alias.locale.language_code for alias in aliases} == {"fr", "it", "es", "el", "hr"}
    # Each copy points to the country's version in its own language where there is one.
    french = aliases.get(locale__language_code="fr")
    assert french.country == country("FR", "fr")
    assert aliases.get(locale__language_code="it").country == country("FR")


def test_a_new_page_cannot_duplicate_a_profile_already_synchronised_into_the_language(
    france, locales
):
    create_aliases_for_new_page(france)
    french_index = CountryIndexPage.objects.get(locale=locales["fr"])
    page = CountryProfilePage(title="La France", slug="la-france", country=country("FR", "fr"))
    with pytest.raises(ValidationError, match="France already has a profile in this language"):
        french_index.add_child(instance=page)


def test_the_country_chooser_lists_only_the_countries_of_the_page_language(
    index, editor_client, locales
):
    url = reverse("wagtailadmin_pages:add", args=["hub", "countryprofilepage", index.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    field = response.context["form"].fields["country"]
    assert set(field.queryset.values_list("locale__language_code", flat=True)) == {"en"}
    assert field.queryset.count() == Country.objects.filter(locale=index.locale).count()
    assert ">Croatia</option>" in response.text
    assert ">Croatie</option>" not in response.text

    create_aliases_for_new_page(index)
    french_index = index.get_translation(locales["fr"])
    url = reverse("wagtailadmin_pages:add", args=["hub", "countryprofilepage", french_index.pk])
    response = editor_client.get(url)
    assert ">Croatie</option>" in response.text
    assert ">Croatia</option>" not in response.text


def test_the_admin_form_has_tabs_and_help_for_editors(index, editor_client):
    url = reverse("wagtailadmin_pages:add", args=["hub", "countryprofilepage", index.pk])
    text = editor_client.get(url).text
    for tab in ["Content", "Key figures", "Framework &amp; funding", "Network", "Promote"]:
        assert tab in text
    assert "Each country has one profile per language" in text


def test_a_contact_needs_a_way_to_be_reached(france):
    contact = CountryContactFactory.build(page=france, email="", phone="", website="")
    with pytest.raises(ValidationError, match="at least one way to reach"):
        contact.full_clean()


def test_a_country_key_figure_needs_its_source():
    block = blocks.SourcedKeyFigureBlock()
    value = block.to_python({"value": "12", "label": "spaces", "source": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "source" in error.value.block_errors
    # The figures of a case study keep an optional source.
    plain = blocks.KeyFigureBlock()
    assert plain.clean(plain.to_python({"value": "12", "label": "spaces", "source": ""}))


def test_only_one_country_index_per_home(index, home):
    assert not CountryIndexPage.can_create_at(home)
    assert "hub.CountryIndexPage" in home.specific_class.subpage_types


# Translation --------------------------------------------------------------------------


def test_labels_and_sources_are_translatable_and_numbers_are_synchronised(france):
    CountryContactFactory(page=france, name="Marie Dupont", role="National coordinator")
    segments = extract_segments(france)
    strings = {
        segment.path: segment.string.data for segment in segments if hasattr(segment, "string")
    }
    texts = set(strings.values())
    assert "coworking spaces in the country" in texts
    assert "National coworking survey" in texts
    assert "National coordinator" in texts
    assert "Marie Dupont" not in texts  # names are not translated
    assert not any(path.endswith((".value", ".year")) for path in strings)
    related = [segment for segment in segments if segment.path == "country"]
    assert len(related) == 1


def test_a_translated_profile_points_to_the_translated_country(france, locales):
    create_aliases_for_new_page(france)
    source, _created = TranslationSource.get_or_create_from_instance(france)
    translation, _created = source.create_or_update_translation(locales["fr"], fallback=True)
    assert translation.country == country("FR", "fr")
    assert translation.alias_of_id is None
    figure = translation.key_figures[0].value
    france.refresh_from_db()
    assert figure["value"] == france.key_figures[0].value["value"] == Decimal("1200")
    assert figure["source"] == "National coworking survey"
    assert StringSegment.objects.filter(source=source).exists()


# Automatic lists -------------------------------------------------------------------------


def test_organisations_of_the_country_are_listed_once_in_the_page_language(france, locales):
    english = OrganisationFactory(
        name="Tiers-Lieux Network", country=country("FR"), website="https://example.org/tl"
    )
    translated = english.copy_for_translation(locales["fr"])
    translated.name = "Réseau des tiers-lieux"
    translated.country = country("FR", "fr")
    translated.save()
    OrganisationFactory(name="Coop Hub", country=country("FR"))
    OrganisationFactory(name="Rome Lab", country=country("IT"))

    assert [o.name for o in france.organisations()] == ["Coop Hub", "Tiers-Lieux Network"]

    create_aliases_for_new_page(france)
    french = france.get_translation(locales["fr"]).specific
    assert [(o.name, o.locale.language_code) for o in french.organisations()] == [
        ("Coop Hub", "en"),
        ("Réseau des tiers-lieux", "fr"),
    ]


def test_without_case_studies_the_profile_counts_no_space(france):
    assert france.space_count == len(france.case_studies)


def test_the_index_lists_its_profiles_with_their_count_of_spaces(index, france, client):
    CountryProfilePageFactory(parent=index, title="Italy", country=country("IT"))
    draft = CountryProfilePageFactory(parent=index, title="Spain", country=country("ES"))
    draft.unpublish()
    profiles = index.profiles
    assert [profile.title for profile in profiles] == ["France", "Italy"]
    assert all(hasattr(profile, "space_count") for profile in profiles)
    response = client.get(index.url)
    assert "2 country profiles" in response.text
    assert "Spain" not in response.text


def test_the_french_index_names_countries_in_french(index, france, locales, client):
    Country.objects.filter(code="FR", locale=locales["fr"]).update(
        description="Le pays des tiers-lieux."
    )
    create_aliases_for_new_page(france)
    french_index = index.get_translation(locales["fr"]).specific
    [profile] = french_index.profiles
    assert profile.local_country.name == "France"
    assert profile.local_country.locale == locales["fr"]
    response = client.get(french_index.url)
    assert '<p lang="fr">Le pays des tiers-lieux.</p>' in response.text


# Rendering --------------------------------------------------------------------------------


def test_profile_shows_figures_sections_organisations_and_contacts(france, client):
    france.overview = [("paragraph", "<p>Thousands of tiers-lieux.</p>")]
    france.funding = [("paragraph", "<p>Regional calls for projects.</p>")]
    france.save_revision().publish()
    OrganisationFactory(
        name="Tiers-Lieux Network", country=country("FR"), website="https://example.org/tl"
    )
    CountryContactFactory(page=france, name="Network secretariat", email="hello@example.org")

    response = client.get(france.url)
    text = response.text
    assert response.status_code == 200
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in text
    assert f'<a href="{france.get_parent().url}">Countries</a>' in text
    assert "coworking spaces in the country" in text
    assert '<a href="https://example.org/survey-2023">National coworking survey</a>' in text
    assert "Thousands of tiers-lieux." in text
    assert "Regional calls for projects." in text
    assert "Legal and policy framework" not in text  # empty sections are left out
    assert '<a href="https://example.org/tl" lang="en">Tiers-Lieux Network</a>' in text
    assert '<a href="mailto:hello@example.org">hello@example.org</a>' in text
    assert "0 spaces documented in the hub" in text
    france.refresh_from_db()
    published = timezone.localtime(france.last_published_at)
    assert f'<time datetime="{published.isoformat()}">' in text
    assert f"{published.day}, {published.year}</time>" in text
    assert "No case study from this country has been published in this language yet." in text


def test_an_untranslated_profile_is_served_in_each_language_marked_as_english(
    france, locales, client
):
    create_aliases_for_new_page(france)
    french = france.get_translation(locales["fr"])
    response = client.get(french.url)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    assert '<h1 lang="en">France</h1>' in response.text  # untranslated alias, marked


def test_the_admin_edits_a_profile_and_opens_its_untranslated_copies(
    france, locales, editor_client
):
    create_aliases_for_new_page(france)
    french = france.get_translation(locales["fr"])
    for page in [france, french]:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200


# Automatic lists with real case studies ------------------------------------------------------


@pytest.fixture
def terms(locales):
    """A space type and two themes, named in English and French."""
    space_type = SpaceTypeFactory(slug="rural-hub", name="Rural hub")
    themes = [
        ThemeFactory(slug="rural-development", name="Rural development"),
        ThemeFactory(slug="social-economy", name="Social economy"),
    ]
    for term, french_name in [
        (space_type, "Tiers-lieu rural"),
        (themes[0], "Développement rural"),
        (themes[1], "Économie sociale"),
    ]:
        translation = term.copy_for_translation(locales["fr"])
        translation.name = french_name
        translation.save()
    return space_type, themes


@pytest.fixture
def case_studies_index(home):
    return CaseStudyIndexPageFactory(parent=home)


def make_case_study(parent, terms, **kwargs):
    space_type, themes = terms
    kwargs.setdefault("country", country("FR"))
    return CaseStudyPageFactory(parent=parent, space_type=space_type, themes=themes, **kwargs)


def test_the_profile_lists_the_live_case_studies_of_its_country(france, case_studies_index, terms):
    forcalquier = make_case_study(case_studies_index, terms, title="Forcalquier hub")
    lyon = make_case_study(case_studies_index, terms, title="Lyon fab lab", city="Lyon")
    draft = make_case_study(case_studies_index, terms, title="Draft hub")
    draft.unpublish()
    make_case_study(case_studies_index, terms, title="Bologna hub", country=country("IT"))

    # Newest first.
    assert [page.pk for page in france.case_studies] == [lyon.pk, forcalquier.pk]
    assert france.space_count == 2
    [_lyon, card] = france.case_study_cards
    assert card.space_type.name == "Rural hub"
    assert [theme.name for theme in card.themes] == ["Rural development", "Social economy"]


def test_each_language_lists_its_own_versions_of_the_case_studies(
    france, case_studies_index, terms, locales, client
):
    english = make_case_study(case_studies_index, terms, title="Forcalquier hub")
    create_aliases_for_new_page(english)
    create_aliases_for_new_page(france)
    french_profile = france.get_translation(locales["fr"]).specific
    french_case = english.get_translation(locales["fr"])
    # A case study written directly in French, for France, appears in French only.
    only_french = make_case_study(
        case_studies_index.get_translation(locales["fr"]),
        terms,
        title="Marseille coopérative",
        country=country("FR", "fr"),
        locale=locales["fr"],
    )

    assert [page.pk for page in french_profile.case_studies] == [only_french.pk, french_case.pk]
    assert [page.pk for page in france.case_studies] == [english.pk]

    response = client.get(french_profile.url)
    text = response.text
    assert f'<a href="{french_case.url}" lang="en">Forcalquier hub</a>' in text
    assert f'<a href="{only_french.url}" lang="fr">Marseille coopérative</a>' in text
    assert "<dd>Tiers-lieu rural</dd>" in text
    assert "<li>Développement rural</li>" in text
    assert "<li>Rural development</li>" not in text
    assert "2 espaces documentés dans le hub" in text


def test_the_profile_lists_the_tools_its_case_studies_used(
    france, case_studies_index, terms, home, locales
):
    charter, survey, unused, elsewhere = (
        StandardPageFactory(parent=home, title=title)
        for title in ["Charter template", "Mapping survey", "Unused tool", "Italian tool"]
    )
    hub = make_case_study(case_studies_index, terms, title="Forcalquier hub")
    other = make_case_study(case_studies_index, terms, title="Lyon fab lab")
    draft = make_case_study(case_studies_index, terms, title="Draft hub")
    italian = make_case_study(case_studies_index, terms, title="Bologna", country=country("IT"))
    for page, tool in [(hub, charter), (other, charter), (other, survey), (draft, unused)]:
        CaseStudyToolFactory(page=page, tool=tool)
    CaseStudyToolFactory(page=italian, tool=elsewhere)
    draft.unpublish()

    assert [tool.title for tool in france.tools] == ["Charter template", "Mapping survey"]

    survey.unpublish()
    france = type(france).objects.get(pk=france.pk)  # the lists are read once per object
    assert [tool.title for tool in france.tools] == ["Charter template"]

    for page in [charter, hub, france]:
        create_aliases_for_new_page(page)
    french_profile = france.get_translation(locales["fr"]).specific
    assert [tool.pk for tool in french_profile.tools] == [charter.get_translation(locales["fr"]).pk]


def test_the_index_counts_the_live_spaces_of_each_country(
    index, france, case_studies_index, terms, client
):
    CountryProfilePageFactory(parent=index, title="Italy", country=country("IT"))
    for _n in range(3):
        make_case_study(case_studies_index, terms)
    make_case_study(case_studies_index, terms, country=country("IT"))
    make_case_study(case_studies_index, terms).unpublish()

    counts = {profile.title: profile.space_count for profile in index.profiles}
    assert counts == {"France": 3, "Italy": 1}
    text = client.get(index.url).text
    assert "3 spaces documented" in text
    assert "1 space documented" in text


# Performance ---------------------------------------------------------------------------------


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


def test_rendering_a_profile_takes_the_same_queries_with_5_or_200_case_studies(
    france, index, case_studies_index, terms, home, client
):
    tools = [StandardPageFactory(parent=home, title=f"Tool {n}") for n in range(3)]
    CountryContactFactory(page=france)

    def add_case_studies(count, start):
        for n in range(start, start + count):
            page = make_case_study(case_studies_index, terms, title=f"Space {n:03d}")
            CaseStudyToolFactory(page=page, tool=tools[n % len(tools)])
            OrganisationFactory(name=f"Operator {n:03d}", country=country("FR"))

    add_case_studies(5, 0)
    client.get(france.url)  # warm the per-process caches (content types, site)
    few, text = queries_to_render(client, france.url)
    few_index, _text = queries_to_render(client, index.url)
    assert text.count('class="card__title"') == 5 + 3  # case studies and tools

    add_case_studies(195, 5)
    client.get(france.url)  # the site-wide values are read again after a change
    many, text = queries_to_render(client, france.url)
    many_index, index_text = queries_to_render(client, index.url)
    # The latest 12 are listed; the finder, filtered by the country, has them all.
    assert text.count('class="card__title"') == 12 + 3
    assert "Space 199" in text and "Space 187" not in text
    assert '<a href="/en/case-studies/?country=FR">' in text
    assert "Operator 199" in text
    assert "200 spaces documented in the hub" in text
    assert "200 spaces documented" in index_text

    print(f"country profile: {few} queries with 5 case studies, {many} with 200")
    print(f"country index: {few_index} queries with 5 case studies, {many_index} with 200")
    assert few == many
    assert few_index == many_index


def test_rendering_the_index_takes_the_same_queries_with_1_or_4_profiles(
    index, france, locales, client
):
    for code in ["FR", "IT", "ES", "HR"]:
        Country.objects.filter(code=code, locale=locales["fr"]).update(description=f"About {code}")
    create_aliases_for_new_page(france)
    french_index = index.get_translation(locales["fr"])
    client.get(french_index.url)
    one, _text = queries_to_render(client, french_index.url)
    for code, name in [("IT", "Italy"), ("ES", "Spain"), ("HR", "Croatia")]:
        profile = CountryProfilePageFactory(parent=index, title=name, country=country(code))
        create_aliases_for_new_page(profile)
    client.get(french_index.url)  # the site-wide values are read again after a change
    four, text = queries_to_render(client, french_index.url)
    assert "4 profils de pays" in text
    assert '<p lang="fr">About HR</p>' in text
    assert one == four
