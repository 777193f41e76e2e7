"""Highlighted titles and excerpts: escape everything, then mark the matched words.

A word is marked when its analysis (folded, stemmed in the page's language) gives one
of the query's terms, so "Développement" is marked for the query "developpements".
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import analyse

EXCERPT_WORDS = 32
MAX_SOURCE_CHARS = 20_000
_WORD_SPLIT = re.compile(r"([^\W_]+)")


def _pieces(text: str) -> list[str]:
    """Alternating non-word and word pieces: words are at the odd indexes."""
    return _WORD_SPLIT.split(text)


@lru_cache(maxsize=50_000)
def _word_terms(word: str, language: str) -> tuple[str, ...]:
    return tuple(analyse(word, language))


def _matches(word: str, terms: frozenset[str], language: str) -> bool:
    return any(term in terms for term in _word_terms(word, language))


def _render(pieces: list[str], flags: dict[int, bool]) -> str:
    """The pieces escaped, the flagged ones in <mark>; the text between two marks is
    escaped in one call (escaping works character by character: the same HTML)."""
    out = []
    plain: list[str] = []
    for index, piece in enumerate(pieces):
        if flags.get(index):
            if plain:
                out.append(escape("".join(plain)))
                plain = []
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            plain.append(piece)
    if plain:
        out.append(escape("".join(plain)))
    return "".join(out)


def highlight(text: str, terms, language: str) -> SafeString:
    """The whole of ``text``, escaped, with the matched words in <mark>."""
    terms = frozenset(terms)
    pieces = _pieces(text or "")
    flags = {
        index: _matches(piece, terms, language)
        for index, piece in enumerate(pieces)
        if index % 2 == 1
    }
    return mark_safe(_render(pieces, flags))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, terms, language: str, words: int = EXCERPT_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the densest cluster of matches, highlighted."""
    terms = frozenset(terms)
    text = " ".join((text or "")[:MAX_SOURCE_CHARS].split())
    if not text:
        return mark_safe("")
    pieces = _pieces(text)
    word_indexes = list(range(1, len(pieces), 2))
    flags = {index: _matches(pieces[index], terms, language) for index in word_indexes}
    hits = [1 if flags[index] else 0 for index in word_indexes]

    best_start, best_score, score = 0, sum(hits[:words]), sum(hits[:words])
    for start in range(1, max(1, len(hits) - words + 1)):
        score += hits[start + words - 1] - hits[start - 1]
        if score > best_score:
            best_start, best_score = start, score
    # Start a little before the first match of the window, for context.
    if best_score:
        first_hit = next(i for i in range(best_start, len(hits)) if hits[i])
        best_start = max(0, first_hit - 4)
    end = min(len(word_indexes), best_start + words)

    first_piece = word_indexes[best_start] if word_indexes and best_start > 0 else 0
    last_piece = word_indexes[end - 1] + 1 if end < len(word_indexes) else len(pieces)
    window = pieces[first_piece:last_piece]
    window_flags = {
        index - first_piece: flags.get(index, False) for index in range(first_piece, last_piece)
    }
    html = _render(window, window_flags)
    if best_start > 0:
        html = "… " + html
    if end < len(word_indexes):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece is escaped in _render
