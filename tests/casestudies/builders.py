"""What the case-study tests build: full pages, and the admin's POST data for one."""

import datetime
import json

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.synctree import create_aliases_for_new_page

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CountryFactory,
    RegionFactory,
    SpaceTypeFactory,
    ThemeFactory,
    make_standard_page,
)


def case_study_index(home):
    """A live case-study index under ``home``."""
    return CaseStudyIndexPageFactory(parent=home)


def case_study_index_elsewhere(home):
    """A second section of case studies, under another page of the same language."""
    return case_study_index(make_standard_page(home, "Archive", slug="archive"))


def synchronised(page):
    """``page`` with its aliases in the other languages, as publishing it in the admin does."""
    create_aliases_for_new_page(page)
    return page


def case_study(home):
    return CaseStudyPageFactory(parent=case_study_index(home))


def paragraph(text):
    return rich_text(f"<p>{text}</p>")


def case_study_admin_data(**overrides):
    """The POST data of the admin's create form for a complete case study."""
    country = CountryFactory(code="HR")
    region = RegionFactory(name="Istria", country=country)
    theme = ThemeFactory(slug="rural-development", name="Rural development")
    data = nested_form_data(
        {
            "title": "Coworking in a former olive mill",
            "slug": "olive-mill-coworking",
            "summary": "A village olive mill turned into a coworking space for remote workers.",
            "hero_image_alt": "",
            "gallery_images": inline_formset([]),
            "city": "Vodnjan",
            "country": country.pk,
            "region": region.pk,
            "latitude": "44.9614",
            "longitude": "13.8514",
            "space_type": SpaceTypeFactory(slug="rural-hub", name="Rural hub").pk,
            "year_founded": "2019",
            "surface_m2": "320",
            "desks": "24",
            "members": "60",
            "business_model": "mixed",
            "governance": "cooperative",
            "website": "https://mill.example.org/",
            "context": streamfield([("paragraph", paragraph("The mill closed in 1990."))]),
            "challenge": streamfield([("paragraph", paragraph("Young people left."))]),
            "approach": streamfield([("paragraph", paragraph("A cooperative bought it."))]),
            "results": streamfield(
                [
                    (
                        "key_figure",
                        {
                            "value": "60",
                            "unit": "",
                            "label": "members",
                            "year": "2024",
                            "source": "",
                        },
                    )
                ]
            ),
            "lessons": streamfield([("paragraph", paragraph("Involve the village early."))]),
            "transfer": streamfield([]),
            "resources": streamfield([]),
            "tool_links": inline_formset([]),
            "relations": inline_formset([]),
            "contacts": inline_formset(
                [
                    {
                        "name": "Ana Horvat",
                        "role": "Coordinator",
                        "email": "ana@example.org",
                        "phone": "",
                        "consent": "on",
                        "consent_date": "2024-03-01",
                    }
                ]
            ),
            "source_name": "Interview with the cooperative",
            "source_url": "",
            "licence": "CC-BY-4.0",
            "source_year": "2024",
            "seo_title": "",
            "search_description": "",
            **overrides,
        }
    )
    data["themes"] = [theme.pk]
    return data


def full_case_study(index, **kwargs):
    """A case study with every part filled in (figures, resources, gallery, contacts...)."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Cooperative statutes", file="doc.pdf")
    return CaseStudyPageFactory(
        parent=index,
        results=[
            ("key_figure", {"value": "42", "unit": "", "label": "regular members", "year": 2024}),
            (
                "figure_row",
                {
                    "heading": "Space",
                    "figures": [{"value": "450", "unit": "m²", "label": "shared floor area"}],
                },
            ),
            ("paragraph", RichText("<p>The café now opens every day.</p>")),
        ],
        resources=[("document", {"document": document, "title": "", "description": ""})],
        transfer=[("paragraph", RichText("<p>A building lent for free helps.</p>"))],
        year_founded=2016,
        surface_m2=450,
        desks=30,
        members=42,
        business_model="mixed",
        governance="association",
        website="https://hub.example.org/",
        source_name="Annual report 2024",
        source_year=2024,
        **kwargs,
    )


CONSENT_DATE = datetime.date(2024, 5, 2)


def map_markers(page, map_id, client=None):
    """The markers a map draws: embedded in the page, or loaded from its markers.json
    (expanded as the map script does)."""
    container = page.find(id=map_id)
    assert container is not None, map_id
    if container.has_attr("data-map-source"):
        assert not container.has_attr("data-map-markers")
        response = client.get(container["data-map-source"])
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        data = json.loads(b"".join(response.streaming_content))
        rows = [dict(zip(data["fields"], row, strict=True)) for row in data["markers"]]
        return [
            {
                **row,
                "url": data["base"] + row["slug"] + "/",
                "country": data["countries"].get(row["code"], row["code"]),
            }
            for row in rows
        ]
    return json.loads(page.find("script", id=container["data-map-markers"]).string)
