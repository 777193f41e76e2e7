"""Rendering the list and a case study costs the same number of queries at any size."""

import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyGalleryImageFactory,
    CaseStudyPageFactory,
    CaseStudyRelationFactory,
    CaseStudyToolFactory,
    RegionFactory,
    StandardPageFactory,
    ThemeFactory,
)

from .builders import case_study_index, full_case_study


def add_case_studies(index, numbers, images, themes, region):
    for number in numbers:
        CaseStudyPageFactory(
            parent=index,
            title=f"Case {number:03d}",
            hero_image=images[number % len(images)],
            themes=themes[: 1 + number % len(themes)],
            country=region.country,
            region=region,
        )


def queries_to_render(client, url):
    client.get(url)  # warm-up: renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_and_case_study_cost_the_same_with_5_or_200_case_studies(client, home):
    index = case_study_index(home)
    images = [wagtail_factories.ImageFactory() for _ in range(3)]
    themes = [ThemeFactory() for _ in range(3)]
    region = RegionFactory()
    page = full_case_study(index, hero_image=images[0], themes=themes)
    for target in CaseStudyPageFactory.create_batch(2, parent=index):
        CaseStudyRelationFactory(page=page, target=target)
    CaseStudyContactFactory(page=page)
    CaseStudyGalleryImageFactory(page=page, image=images[1])
    CaseStudyToolFactory(page=page, tool=StandardPageFactory(parent=home))
    add_case_studies(index, range(2), images, themes, region)
    assert index.get_children().live().count() == 5

    small = {url: queries_to_render(client, url) for url in (index.url, page.url)}
    add_case_studies(index, range(2, 197), images, themes, region)
    assert index.get_children().live().count() == 200
    large = {url: queries_to_render(client, url) for url in (index.url, page.url)}

    print(f"queries with 5 case studies: {small}; with 200: {large}")
    assert large == small
