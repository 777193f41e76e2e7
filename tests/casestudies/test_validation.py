"""A case study refuses what would make it wrong, with a message that says what to fix."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casestudies.models import CaseStudyContact, CaseStudyRelation
from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyPageFactory,
    CountryFactory,
    RegionFactory,
)

from .builders import case_study_index


@pytest.fixture
def page(home):
    return CaseStudyPageFactory(parent=case_study_index(home))


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return {field: " ".join(messages) for field, messages in caught.value.message_dict.items()}


def test_a_valid_case_study_passes(page):
    page.full_clean()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", 91, "Latitude is between -90 and 90 degrees."),
        ("latitude", -90.5, "Latitude is between -90 and 90 degrees."),
        ("longitude", 181, "Longitude is between -180 and 180 degrees."),
        ("longitude", -200, "Longitude is between -180 and 180 degrees."),
    ],
)
def test_coordinates_out_of_range_are_refused(page, field, value, message):
    setattr(page, field, value)
    assert errors_of(page)[field] == message


def test_null_island_is_refused(page):
    page.latitude = 0
    page.longitude = 0
    assert "Atlantic Ocean" in errors_of(page)["latitude"]


def test_a_founding_year_in_the_future_is_refused(page):
    next_year = timezone.localdate().year + 1
    page.year_founded = next_year
    assert errors_of(page)["year_founded"] == (
        f"{next_year} is in the future: enter the year it actually happened."
    )


def test_a_founding_year_before_1800_is_refused(page):
    page.year_founded = 1799
    assert "from 1800 on" in errors_of(page)["year_founded"]


def test_this_year_is_a_valid_founding_year(page):
    page.year_founded = timezone.localdate().year
    page.full_clean()


def test_a_region_of_another_country_is_refused(page):
    italy = CountryFactory(code="IT", name="Italy")
    page.region = RegionFactory(name="Sardinia", country=italy)
    assert errors_of(page)["region"] == (
        f"Sardinia is not in {page.country.name}: choose a region of {page.country.name} "
        "or leave it empty."
    )


def test_a_region_of_the_chosen_country_is_accepted(page):
    page.region = RegionFactory(name="Provence", country=page.country)
    page.full_clean()


def test_a_contact_without_consent_is_refused(page):
    contact = CaseStudyContact(page=page, name="Jo", email="jo@example.org", consent=False)
    assert "only with the person's consent" in errors_of(contact)["consent"]


def test_consent_needs_its_date(page):
    contact = CaseStudyContact(page=page, name="Jo", email="jo@example.org", consent=True)
    assert errors_of(contact)["consent_date"] == "Enter the date the person gave their consent."


def test_consent_cannot_be_dated_in_the_future(page):
    contact = CaseStudyContactFactory.build(
        page=page, consent_date=timezone.localdate() + datetime.timedelta(days=2)
    )
    assert "future" in errors_of(contact)["consent_date"]


def test_a_contact_needs_a_way_to_be_reached(page):
    contact = CaseStudyContactFactory.build(page=page, email="", phone="")
    assert "email address or a phone number" in errors_of(contact)["email"]


def test_a_contact_with_consent_and_a_phone_is_accepted(page):
    CaseStudyContactFactory.build(page=page, email="", phone="+385 52 000 000").full_clean()


def test_a_case_study_cannot_be_related_to_itself(page):
    relation = CaseStudyRelation(page=page, target=page, relation="similar")
    assert "cannot be related to itself" in errors_of(relation)["target"]
