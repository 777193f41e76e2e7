"""Language analysis shared by indexing and querying, so every search engine agrees.

Search engines differ in what they do to text (SQLite FTS5 folds accents but does not
stem, PostgreSQL stems with its own dictionaries, Elasticsearch/OpenSearch have no
Croatian analyzer at all). The project therefore analyses text itself, identically
when a page is indexed and when a visitor searches, and hands the engines words that
are already final:

1. ``fold``: Unicode compatibility decomposition, case folding, every combining mark
   removed (é → e, č/ć → c, š → s, ž → z, Greek tonos and dialytika: ά → α, ϊ/ΐ → ι),
   the letters that do not decompose mapped by hand (đ → d, ø → o, ł → l, ß → ss,
   æ → ae, œ → oe) and the Greek final sigma written as σ;
2. ``tokenize``: runs of letters and digits; CJK ideographs and kana one by one (as
   Elasticsearch's standard tokenizer does); words longer than ``MAX_TOKEN_LENGTH``
   (base64, hashes, pasted garbage) are dropped;
3. stop words of the language removed (``search/stopwords/<language>.txt``);
4. ``stem``: Snowball for en, fr, it, es and el; ``search.croatian`` for hr.

Folding comes before stemming so that a query typed without accents reaches the
stemmer exactly as the indexed text did: accent-insensitivity does not depend on the
stemmer. A language without an entry here is folded and tokenized only.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from . import croatian

MAX_TOKEN_LENGTH = 40

SNOWBALL_ALGORITHMS = {
    "en": "english",
    "fr": "french",
    "it": "italian",
    "es": "spanish",
    "el": "greek",
}
CUSTOM_STEMMERS = {"hr": croatian.stem}
ANALYSED_LANGUAGES = frozenset(SNOWBALL_ALGORITHMS) | frozenset(CUSTOM_STEMMERS)

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"

# Letters that Unicode does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ς": "σ",
    }
)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def fold(text: str) -> str:
    """Lower case without accents or diacritics, ready for tokenizing or display matching."""
    # Decompose, case-fold, decompose again: compatibility forms such as "𝓐" only
    # become a letter with a case after the first decomposition.
    # Lower case after case-folding: Cherokee folds to its capitals ("ꭰ" -> "Ꭰ").
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold().lower())
    stripped = "".join(char for char in folded if not unicodedata.combining(char))
    return stripped.translate(_SPECIAL_LETTERS)


def tokenize(folded: str) -> list[str]:
    """The words of already folded text."""
    return [token for token in _TOKEN.findall(folded) if len(token) <= MAX_TOKEN_LENGTH]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The folded stop words of a language (empty for a language without a list)."""
    path = STOPWORDS_DIR / f"{language}.txt"
    if language not in ANALYSED_LANGUAGES or not path.is_file():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.update(tokenize(fold(line)))
    return frozenset(words)


@cache
def _snowball(language: str):
    return snowballstemmer.stemmer(SNOWBALL_ALGORITHMS[language])


@lru_cache(maxsize=100_000)
def stem(token: str, language: str) -> str:
    """The stem of one folded token in ``language`` (the token itself if not analysed)."""
    if language in CUSTOM_STEMMERS:
        return CUSTOM_STEMMERS[language](token)
    if language in SNOWBALL_ALGORITHMS and not token.isdigit():
        return _snowball(language).stemWord(token) or token
    return token


def analyse(text: str, language: str) -> list[str]:
    """The index terms of ``text`` in ``language``, in order, repeats included."""
    if not text:
        return []
    stops = stop_words(language)
    return [stem(token, language) for token in tokenize(fold(text)) if token not in stops]


def analyse_query(text: str, language: str, *, max_terms: int | None = None) -> list[str]:
    """The distinct terms of a query, in the order typed, at most ``max_terms``."""
    terms = list(dict.fromkeys(analyse(text, language)))
    return terms[:max_terms] if max_terms is not None else terms


def autocomplete_terms(text: str) -> list[str]:
    """Folded words without stemming or stop words: what autocomplete matches prefixes of."""
    return tokenize(fold(text))
