"""A small catalogue of English case studies on the seeded taxonomies, for the finder tests."""

import pytest

from hub.models import Country, Region, SpaceType, Theme
from tests.casestudies.builders import case_study_index, synchronised
from tests.factories import CaseStudyPageFactory


def en(model, **lookup):
    return model.objects.get(locale__language_code="en", **lookup)


@pytest.fixture
def index(home, taxonomy):
    return case_study_index(home)


@pytest.fixture
def catalogue(index):
    """Four spaces: two French, one Italian, one Greek, with different themes, types, sizes."""
    provence = Region.objects.create(
        name="Provence", country=en(Country, code="FR"), locale=en(Country, code="FR").locale
    )

    def make(title, slug, code, themes, space_type, **kwargs):
        page = CaseStudyPageFactory(
            parent=index,
            title=title,
            slug=slug,
            country=en(Country, code=code),
            space_type=en(SpaceType, slug=space_type),
            themes=[en(Theme, slug=s) for s in themes],
            **kwargs,
        )
        return synchronised(page)

    return {
        "mill": make(
            "Olive mill coworking",
            "olive-mill",
            "FR",
            ["rural-revitalisation", "community-building"],
            "rural-hub",
            region=provence,
            city="Forcalquier",
            latitude=43.96,
            longitude=5.78,
            year_founded=2016,
            desks=24,
            surface_m2=320,
        ),
        "factory": make(
            "Old factory fab lab",
            "old-factory",
            "FR",
            ["urban-regeneration"],
            "fab-lab",
            city="Marseille",
            latitude=43.2965,
            longitude=5.3698,
            year_founded=2010,
            desks=90,
            surface_m2=1500,
        ),
        "naples": make(
            "Naples social hub",
            "naples-hub",
            "IT",
            ["social-economy", "community-building"],
            "coworking",
            city="Napoli",
            latitude=40.8518,
            longitude=14.2681,
            year_founded=2019,
            desks=8,
            surface_m2=150,
        ),
        "volos": make(
            "Volos maker space",
            "volos",
            "GR",
            ["entrepreneurship"],
            "fab-lab",
            city="Volos",
            latitude=39.3622,
            longitude=22.9420,
            year_founded=None,
        ),
        "provence": provence,
    }
