"""Editors create and edit case studies through the real admin forms."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from hub.models import Theme
from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyPageFactory,
    CaseStudyRelationFactory,
    CountryFactory,
    ThemeFactory,
)

from .builders import case_study_admin_data, case_study_index


@pytest.fixture
def index(home):
    return case_study_index(home)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", index.pk))


def post_new(editor_client, index, **overrides):
    data = case_study_admin_data(**overrides)
    data["action-publish"] = "action-publish"
    return editor_client.post(add_url(index), data)


def test_the_add_form_shows_the_tabs_in_order(editor_client, index):
    response = editor_client.get(add_url(index))
    assert response.status_code == 200
    text = response.text
    tabs = ["content", "location_facts", "story", "resources", "promote"]
    positions = [text.find(f'id="tab-label-{tab}"') for tab in tabs]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
    assert "Location &amp; facts" in text
    assert 'name="go_live_at"' in text  # scheduling stays available


def test_an_editor_creates_a_complete_case_study(editor_client, index):
    response = post_new(editor_client, index)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="olive-mill-coworking", locale=index.locale)
    assert page.live
    assert page.city == "Vodnjan"
    assert page.region.name == "Istria"
    assert [theme.slug for theme in page.themes.all()] == ["rural-development"]
    assert page.latitude == pytest.approx(44.9614)
    assert page.licence == "CC-BY-4.0"
    assert [figure["label"] for figure in page.key_figures] == ["members"]
    contact = page.contacts.get()
    assert (contact.name, contact.consent) == ("Ana Horvat", True)
    assert contact.locale_id == page.locale_id
    assert editor_client.get(page.url).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"latitude": "95"}, "Latitude is between -90 and 90 degrees."),
        ({"year_founded": "2999"}, "2999 is in the future"),
        ({"summary": ""}, "This field is required."),
        ({"context-count": "0"}, "This field is required."),
        ({"contacts-0-consent": ""}, "only with the person&#x27;s consent"),
    ],
    ids=["latitude", "future-year", "summary", "empty-story-section", "consent"],
)
def test_bad_input_is_explained_and_creates_nothing(editor_client, index, overrides, message):
    data = case_study_admin_data()
    data.update(overrides)
    data["action-publish"] = "action-publish"
    if "contacts-0-consent" in overrides:
        del data["contacts-0-consent"]  # an unticked checkbox is not sent
    response = editor_client.post(add_url(index), data)
    assert response.status_code == 200
    assert message in response.text
    assert not CaseStudyPage.objects.exists()


def test_a_region_of_another_country_is_explained(editor_client, index):
    data = case_study_admin_data()
    data["country"] = CountryFactory(code="IT", name="Italy").pk
    data["action-publish"] = "action-publish"
    response = editor_client.post(add_url(index), data)
    assert response.status_code == 200
    assert "Istria is not in Italy: choose a region of Italy or leave it empty." in response.text
    assert not CaseStudyPage.objects.exists()


def test_choices_are_the_terms_of_the_page_language(editor_client, index, taxonomy):
    response = editor_client.get(add_url(index))
    english = Locale.objects.get(language_code="en")
    form = response.context["form"]
    assert set(form.fields["themes"].queryset) == set(Theme.objects.filter(locale=english))
    assert {c.locale_id for c in form.fields["country"].queryset} == {english.pk}


def edit(editor_client, page, **changes):
    """Post the page's edit form with its current values, changed by ``changes``."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    form = editor_client.get(url).context["form"]
    data = {}
    for name, value in form.initial.items():
        if name in form.fields and value is not None:
            data[name] = value
    data.update(case_study_admin_data())
    data.update(
        {"title": page.title, "slug": page.slug, "country": page.country_id},
    )
    data["region"] = ""
    data.update(changes)
    return editor_client.post(url, data)


def test_a_case_study_cannot_be_related_to_itself_in_the_admin(editor_client, index):
    page = CaseStudyPageFactory(parent=index)
    response = edit(
        editor_client,
        page,
        **{
            "relations-TOTAL_FORMS": "1",
            "relations-INITIAL_FORMS": "0",
            "relations-MIN_NUM_FORMS": "0",
            "relations-MAX_NUM_FORMS": "1000",
            "relations-0-target": str(page.pk),
            "relations-0-relation": "similar",
            "relations-0-ORDER": "1",
            "relations-0-DELETE": "",
            "relations-0-id": "",
        },
    )
    assert response.status_code == 200
    assert "A case study cannot be related to itself: choose another one." in response.text
    assert not page.relations.exists()


def test_the_same_case_cannot_be_listed_twice(editor_client, index):
    page = CaseStudyPageFactory(parent=index)
    other = CaseStudyPageFactory(parent=index)
    rows = {}
    for i in range(2):
        rows.update(
            {
                f"relations-{i}-target": str(other.pk),
                f"relations-{i}-relation": "inspired_by",
                f"relations-{i}-ORDER": str(i + 1),
                f"relations-{i}-DELETE": "",
                f"relations-{i}-id": "",
            }
        )
    response = edit(
        editor_client,
        page,
        **{
            "relations-TOTAL_FORMS": "2",
            "relations-INITIAL_FORMS": "0",
            "relations-MIN_NUM_FORMS": "0",
            "relations-MAX_NUM_FORMS": "1000",
            **rows,
        },
    )
    assert response.status_code == 200
    assert "This page is already in the list: remove one of the two." in response.text


def test_an_editor_relates_two_cases(editor_client, index):
    page = CaseStudyPageFactory(parent=index)
    other = CaseStudyPageFactory(parent=index)
    response = edit(
        editor_client,
        page,
        **{
            "relations-TOTAL_FORMS": "1",
            "relations-INITIAL_FORMS": "0",
            "relations-MIN_NUM_FORMS": "0",
            "relations-MAX_NUM_FORMS": "1000",
            "relations-0-target": str(other.pk),
            "relations-0-relation": "adapted_by",
            "relations-0-ORDER": "1",
            "relations-0-DELETE": "",
            "relations-0-id": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert [(r.target_id, r.relation) for r in page.relations.all()] == [(other.pk, "adapted_by")]


def test_relation_factory_builds_a_link(index):
    relation = CaseStudyRelationFactory(
        page=CaseStudyPageFactory(parent=index), target=CaseStudyPageFactory(parent=index)
    )
    assert relation.page.relations.get() == relation


def test_an_editor_previews_a_case_study_before_saving_it(editor_client, index):
    other = CaseStudyPageFactory(parent=index, title="Olive mill of Istria")
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("casestudies", "casestudypage", index.pk)
    )
    data = case_study_admin_data(
        **{
            "relations-TOTAL_FORMS": "1",
            "relations-0-target": str(other.pk),
            "relations-0-relation": "inspired_by",
            "relations-0-ORDER": "1",
            "relations-0-DELETE": "",
            "relations-0-id": "",
        }
    )
    assert editor_client.post(url, data).json()["is_valid"]
    html = editor_client.get(url).text
    assert "Coworking in a former olive mill" in html
    assert "Olive mill of Istria" in html
    assert "Ana Horvat" in html
    assert not CaseStudyPage.objects.filter(slug="olive-mill-coworking").exists()


def test_a_preview_of_a_saved_case_study_shows_its_edited_contacts_and_themes(editor_client, index):
    page = CaseStudyPageFactory(parent=index, themes=[ThemeFactory(name="Old theme")])
    CaseStudyContactFactory(page=page, name="Old Contact", consent=True)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = case_study_admin_data()  # Ana Horvat, consenting; the theme Rural development
    data["slug"] = page.slug
    assert editor_client.post(url, data).json()["is_valid"]
    html = editor_client.get(url).text
    assert "Ana Horvat" in html and "Rural development" in html
    assert "Old theme" not in html
    # Visitors still see the saved page.
    saved = editor_client.get(page.url).text
    assert "Old Contact" in saved and "Old theme" in saved
    assert "Ana Horvat" not in saved and "Rural development" not in saved
