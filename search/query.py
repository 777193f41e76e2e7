"""Cleaning and bounding what a visitor typed, in one place, before anything else sees it."""

import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Characters that are never part of a search: control, format (bidi overrides,
# zero-width joiners), surrogate, private-use and unassigned code points.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Search-engine syntax that some visitors type; the site searches words, so these go.
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT"})


def clean_query(raw) -> str:
    """What is left of a raw query string once it is safe to analyse and to show back.

    Any value is accepted (None, a list from a repeated parameter, any string): control
    and invisible characters become spaces, whitespace collapses, upper-case boolean
    operators are dropped, and the result is cut to ``MAX_QUERY_LENGTH`` characters at a
    word boundary. Quotes, ``*``, ``%``, ``_``, backslashes and SQL-looking text stay as
    text: the analysis keeps only words, and no engine ever receives query syntax.
    """
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raw = str(raw)
    # Bound the work before anything costly: a 1 MB parameter is cut first.
    raw = raw[: MAX_QUERY_LENGTH * 4]
    text = unicodedata.normalize("NFC", raw)
    text = "".join(
        " " if unicodedata.category(char) in _DROPPED_CATEGORIES else char for char in text
    )
    words = [word for word in text.split() if word not in _OPERATOR_WORDS]
    cleaned = " ".join(words)
    if len(cleaned) > MAX_QUERY_LENGTH:
        cut = cleaned[:MAX_QUERY_LENGTH]
        cleaned = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cleaned.strip()


def normalise_for_stats(cleaned: str) -> str:
    """The form in which a query is counted in the analytics: lower case, 100 characters."""
    return " ".join(cleaned.lower().split())[:100]
