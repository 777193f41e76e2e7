"""What a page type declares is checked at start-up: a wrong declaration stops `check`."""

from wagtail.search import index

from home.models import HomePage, StandardPage
from hub.models import Facet, SearchableMixin
from search.checks import check_searchable_page_types
from search.facets import facet_declarations, searchable_page_models


def error_ids(model):
    return [error.id for error in check_searchable_page_types() if error.obj is model]


def test_the_project_page_types_pass():
    assert check_searchable_page_types() == []
    assert {HomePage, StandardPage} <= set(searchable_page_models())


def test_unknown_text_field(monkeypatch):
    monkeypatch.setattr(StandardPage, "search_text_fields", ("introduction", "summary"))
    assert error_ids(StandardPage) == ["hubsearch.E002"]


def test_raw_search_field_outside_the_analysis(monkeypatch):
    fields = [*SearchableMixin.search_fields, index.SearchField("introduction")]
    monkeypatch.setattr(StandardPage, "search_fields", fields)
    assert error_ids(StandardPage) == ["hubsearch.E001"]


def test_facets_need_a_field_a_filter_field_and_a_free_name(monkeypatch):
    monkeypatch.setattr(
        StandardPage,
        "search_facets",
        {
            "q": Facet("owner", "Owner"),
            "intro": Facet("introduction", "Introduction"),
            "nothing": Facet("no_such_field", "Nothing"),
        },
    )
    assert sorted(error_ids(StandardPage)) == ["hubsearch.E003", "hubsearch.E004", "hubsearch.E005"]


def test_a_facet_label_field_is_a_field_of_the_related_model(monkeypatch):
    fields = [*SearchableMixin.search_fields, index.FilterField("owner")]
    monkeypatch.setattr(StandardPage, "search_fields", fields)
    monkeypatch.setattr(StandardPage, "search_facets", {"author": Facet("owner", "A", "username")})
    assert error_ids(StandardPage) == []
    monkeypatch.setattr(StandardPage, "search_facets", {"author": Facet("owner", "A", "nickname")})
    assert error_ids(StandardPage) == ["hubsearch.E006"]


def test_pages_that_share_a_facet_name_share_the_facet(monkeypatch):
    monkeypatch.setattr(StandardPage, "search_facets", {"author": Facet("owner", "Author")})
    monkeypatch.setattr(HomePage, "search_facets", {"author": Facet("owner", "Author")})
    declarations = facet_declarations()
    assert {model for model, _facet in declarations["author"]} == {StandardPage, HomePage}
