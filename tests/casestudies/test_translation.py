"""Translating a case study: text goes to translators, facts stay in sync, terms follow."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from hub.models import Country, Theme
from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyGalleryImageFactory,
    CaseStudyPageFactory,
    CaseStudyRelationFactory,
)

from .builders import case_study_index, synchronised


@pytest.fixture
def locales_by_code(home, taxonomy):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def case(home, locales_by_code):
    english = locales_by_code["en"]
    index = synchronised(case_study_index(home))
    page = CaseStudyPageFactory(
        parent=index,
        city="Split",
        country=Country.objects.get(code="HR", locale=english),
        themes=[Theme.objects.get(slug="community-building", locale=english)],
    )
    CaseStudyContactFactory(page=page, role="Community manager")
    CaseStudyGalleryImageFactory(page=page, caption="The terrace", alt_text="People at a table")
    CaseStudyRelationFactory(page=page, target=synchronised(CaseStudyPageFactory(parent=index)))
    return synchronised(page)


def source_strings(page):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    return source, set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )


def test_text_is_sent_to_translators_and_facts_are_not(case):
    _source, strings = source_strings(case)
    for text in [
        case.title,
        case.summary,
        "Split",
        "Community manager",
        "The terrace",
        "People at a table",
        "The village had lost its last café.",
    ]:
        assert text in strings, text
    assert not {"43.9596", "5.7803", "2016", "CC-BY-4.0"} & strings
    assert case.contacts.get().email not in strings


def test_a_translation_keeps_the_facts_and_uses_its_language_terms(case, locales_by_code):
    french = locales_by_code["fr"]
    source, _strings = source_strings(case)
    source.create_or_update_translation(french, publish=True, fallback=True)
    translation = case.get_translation(french)
    assert translation.alias_of_id is None
    assert (translation.latitude, translation.longitude) == (case.latitude, case.longitude)
    assert translation.year_founded == case.year_founded
    assert translation.country.code == "HR" and translation.country.locale == french
    assert [(t.slug, t.locale) for t in translation.themes.all()] == [
        ("community-building", french)
    ]
    assert translation.contacts.get().locale == french
    assert translation.gallery_images.get().locale == french
    assert translation.relations.get().target_id == case.relations.get().target_id


def test_the_french_profile_of_a_country_finds_untranslated_case_studies(case, locales_by_code):
    croatia_fr = Country.objects.get(code="HR", locale=locales_by_code["fr"])
    assert list(croatia_fr.case_studies.live()) == [case.get_translation(locales_by_code["fr"])]


def test_related_cases_link_to_the_visitor_language(client, case, locales_by_code):
    alias = case.get_translation(locales_by_code["it"])
    related = alias.related_cases()
    assert [r.page.locale.language_code for r in related] == ["it"]
    html = client.get(alias.url).text
    assert f'href="{related[0].page.url}"' in html
    assert related[0].page.url.startswith("/it/")
