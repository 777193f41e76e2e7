"""Language analysis: folding, tokens, stop words and stemming, identical for index and query."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import croatian
from search.analysis import (
    ANALYSED_LANGUAGES,
    MAX_TOKEN_LENGTH,
    analyse,
    analyse_query,
    autocomplete_terms,
    fold,
    stop_words,
)

LANGUAGES = ["en", "fr", "it", "es", "el", "hr"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Éléphant", "elephant"),
        ("čćšžđ ČĆŠŽĐ", "ccszd ccszd"),
        ("ñandú", "nandu"),
        ("άέήίόύώ", "αεηιουω"),
        ("ϊ ΐ ϋ ΰ", "ι ι υ υ"),
        ("Σοφός", "σοφοσ"),
        ("straße œuvre Ørsted", "strasse oeuvre orsted"),
    ],
)
def test_fold_removes_case_accents_and_diacritics(text, folded):
    assert fold(text) == folded


def test_the_six_languages_are_analysed():
    assert set(LANGUAGES) == ANALYSED_LANGUAGES
    assert all(stop_words(language) for language in LANGUAGES)


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("en", ["community", "communities"]),
        ("fr", ["développement", "developpements", "DÉVELOPPEMENT"]),
        ("it", ["comunità", "comunita"]),
        ("es", ["económico", "economicos", "ECONÓMICA"]),
        ("el", ["κοινότητα", "κοινότητες", "ΚΟΙΝΟΤΗΤΩΝ", "κοινοτητα"]),
        ("hr", ["zajednica", "zajednice", "zajednicama", "ZAJEDNICOM"]),
        ("hr", ["mreža", "mreže", "mrezama"]),
        ("hr", ["održivost", "održivosti", "održivošću"]),
    ],
)
def test_inflected_forms_accents_and_capitals_share_one_term(language, forms):
    terms = {tuple(analyse(form, language)) for form in forms}
    assert len(terms) == 1, terms
    assert terms != {()}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "the space of the village", ["space", "villag"]),
        ("fr", "l'espace et les villages", ["espac", "villag"]),
        ("it", "dell'innovazione nelle comunità", ["innov", "comun"]),
        ("es", "los espacios de la comunidad", ["espaci", "comun"]),
        ("el", "ο χώρος και οι κοινότητες", ["χωρ", "κοινοτητ"]),
        ("hr", "prostor i zajednica u selu", ["prostor", "zajednic", "sel"]),
    ],
)
def test_stop_words_are_dropped(language, text, expected):
    assert analyse(text, language) == expected


def test_croatian_light_stemmer_keeps_roots_whole():
    assert croatian.stem("rezultati") == croatian.stem("rezultat") == "rezultat"
    assert croatian.stem("materijala") == croatian.stem("materijal") == "materijal"
    assert croatian.stem("trga") == "trg"  # a syllabic r is enough of a vowel
    assert croatian.stem("dom") == "dom"  # "d" would be no stem
    assert croatian.stem("strategijom") == croatian.stem("strategija") == "strateg"


def test_tokens_drop_symbols_split_cjk_and_skip_garbage():
    assert analyse("co2 % _ \\ * 'quoted' 東京", "en") == ["co2", "quot", "東", "京"]
    assert analyse("x" * (MAX_TOKEN_LENGTH + 1), "en") == []
    assert analyse("", "fr") == []


def test_query_terms_are_distinct_and_bounded():
    assert analyse_query("village villages VILLAGE", "en") == ["villag"]
    assert len(analyse_query(" ".join(f"word{i}" for i in range(50)), "en", max_terms=12)) == 12


def test_autocomplete_terms_are_folded_not_stemmed():
    assert autocomplete_terms("Les Réseaux") == ["les", "reseaux"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), language=st.sampled_from([*LANGUAGES, "xx"]))
def test_analysis_is_accent_and_case_insensitive(text, language):
    """Whatever is typed, folding first changes nothing: the index and queries agree."""
    terms = analyse(text, language)
    assert analyse(fold(text), language) == terms
    assert analyse(text.upper(), language) == analyse(text.upper().lower(), language)
    for term in terms:
        assert term == term.lower()
        assert " " not in term and len(term) <= MAX_TOKEN_LENGTH


@pytest.mark.parametrize("text", ["𝓐𝓑", "ǅ", "İstanbul", "ﬁnance", "Ⅻ", "ΐΰ", "Ꭰ", "ꭰ"])
def test_fold_is_idempotent_on_tricky_letters(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text) == fold(text).lower()
