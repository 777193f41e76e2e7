"""Comparing two to four case studies side by side, reached from the finder."""

import pytest
from bs4 import BeautifulSoup

URL = "/en/case-studies/compare/"


def table(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("table.compare-table")


def test_finder_offers_compare_checkboxes_tied_to_the_compare_form(client, catalogue):
    soup = BeautifulSoup(client.get("/en/case-studies/").content, "html.parser")
    form = soup.find("form", id="compare-form")
    assert form["method"] == "get"
    assert form["action"] == URL
    boxes = soup.select('input[type=checkbox][name="case"]')
    assert len(boxes) == 4
    assert all(box["form"] == "compare-form" for box in boxes)


def test_two_case_studies_side_by_side_with_row_and_column_headers(client, catalogue):
    mill, naples = catalogue["mill"], catalogue["naples"]
    response = client.get(URL, {"case": [mill.pk, naples.pk]})
    assert response.status_code == 200
    grid = table(response)
    columns = [th.get_text(strip=True) for th in grid.select("thead th[scope=col]")]
    assert columns == ["Olive mill coworking", "Naples social hub"]
    rows = {
        tr.select_one("th[scope=row]").get_text(strip=True): [
            td.get_text(" ", strip=True) for td in tr.select("td")
        ]
        for tr in grid.select("tbody tr")
    }
    assert rows["Country"] == ["France", "Italy"]
    assert rows["Desks"] == ["24", "8"]
    assert rows["Year founded"] == ["2016", "2019"]
    assert rows["Region"][0] == "Provence"
    assert rows["Region"][1] == "not given"


@pytest.mark.parametrize(
    ("make_query", "message"),
    [
        (lambda c: {"case": [c["mill"].pk]}, "Choose at least two case studies"),
        (lambda c: {}, "Choose at least two case studies"),
        (lambda c: {"case": ["abc", c["mill"].pk]}, "could not be found"),
        (lambda c: {"case": [c["mill"].pk, 999999]}, "could not be found"),
        (
            lambda c: {"case": [c[k].pk for k in ("mill", "factory", "naples", "volos")] + [1]},
            "up to four can be compared",
        ),
    ],
)
def test_bad_choices_get_a_clear_message(client, catalogue, make_query, message):
    response = client.get(URL, make_query(catalogue))
    assert response.status_code == 200
    assert message in response.text
    assert table(response) is None


def test_four_is_the_limit_and_unknown_ids_are_reported(client, catalogue):
    ids = [catalogue[key].pk for key in ("mill", "factory", "naples", "volos")]
    response = client.get(URL, {"case": ids})
    assert len(table(response).select("thead th")) == 4
    response = client.get(URL, {"case": [*ids[:2], 424242]})
    assert len(table(response).select("thead th")) == 2
    assert "1 of the chosen case studies could not be found" in response.text


def test_case_studies_of_another_index_are_not_compared(client, catalogue, locales):
    greek = catalogue["mill"].get_translation(locales["el"])
    response = client.get(URL, {"case": [greek.pk, catalogue["naples"].pk]})
    assert table(response) is None
