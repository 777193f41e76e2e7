"""Query cleaning and bounding, in one function."""

import pytest

from search.query import MAX_QUERY_LENGTH, clean_query, normalise_for_stats


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (None, ""),
        ("", ""),
        ("   \t\n ", ""),
        ("  espace   rural ", "espace rural"),
        ("espace\x00rural", "espace rural"),
        ("\u202eevil\u202c text\u200b", "evil text"),
        ("coworking AND rural OR NOT city", "coworking rural city"),
        ('"unbalanced', '"unbalanced'),
        ("50% _under_ back\\slash *", "50% _under_ back\\slash *"),
        (["a", "list"], "['a', 'list']"),
    ],
)
def test_clean_query(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_long_queries_are_cut_at_a_word_boundary():
    cleaned = clean_query("mot " * 3000)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert cleaned.endswith("mot")
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


def test_statistics_form_is_lower_case_and_short():
    assert normalise_for_stats("Espace  RURAL") == "espace rural"
    assert len(normalise_for_stats("a" * 500)) == 100
