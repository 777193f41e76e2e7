"""What other apps rely on: names, related names and references (see the shared contract)."""

from wagtail.models import ReferenceIndex

from casestudies.models import CaseStudyPage, CaseStudyTool
from home.models import HomePage
from hub.blocks import CaseStudyTeaserBlock
from tests.factories import CaseStudyPageFactory, OrganisationFactory, StandardPageFactory

from .builders import case_study_index


def test_a_tool_finds_the_case_studies_that_use_it_through_the_reference_index(home):
    tool = StandardPageFactory(parent=home, title="Mapping survey")
    page = CaseStudyPageFactory(
        parent=case_study_index(home), tool_links=[CaseStudyTool(tool=tool)]
    )
    references = ReferenceIndex.get_references_to(tool)
    assert [(ref.object_id, ref.model_path) for ref in references] == [
        (str(page.pk), "tool_links.item.tool")
    ]


def test_taxonomies_reach_their_case_studies(home):
    operator = OrganisationFactory()
    partner = OrganisationFactory()
    page = CaseStudyPageFactory(parent=case_study_index(home), operator=operator, partner=partner)
    assert list(page.country.case_studies.all()) == [page]
    assert list(page.space_type.case_studies.all()) == [page]
    assert list(page.themes.first().case_studies.all()) == [page]
    assert list(operator.operated_spaces.all()) == [page]
    assert list(partner.contributed_case_studies.all()) == [page]


def test_the_index_is_offered_under_the_home_page_and_the_teaser_chooses_case_studies():
    assert "casestudies.CaseStudyIndexPage" in HomePage.subpage_types
    assert CaseStudyTeaserBlock().child_blocks["case_study"].target_model is CaseStudyPage
