"""A light stemmer for Croatian, for folded text (č, ć → c; š → s; ž → z; đ → d).

No search engine ships a Croatian analyzer, and Snowball has none: its Serbian stemmer
expects Serbian (ekavian) forms written with their diacritics, which the project's
accent folding removes before stemming. This stemmer follows the
"light stemming" approach that Savoy and Ljubešić et al. measured as the best
recall/precision trade-off for South Slavic languages: strip one inflectional ending
(noun and adjective case endings), never a derivational suffix, and keep a stem that
is still a plausible word root:

* a few ending rewrites first, for alternations that inflection introduces
  (instrumental ``-šću`` of ``-ost`` nouns: ``održivošću`` → ``održivost``);
* then the longest ending from ``SUFFIXES`` whose removal leaves at least
  ``MIN_STEM`` letters including a vowel (or a syllabic ``r``: ``trg``, ``prst``).

So ``zajednica``, ``zajednice``, ``zajednici``, ``zajednicu``, ``zajednicom`` and
``zajednicama`` all become ``zajednic``; ``ruralni``, ``ruralnog``, ``ruralnom`` and
``ruralnih`` become ``ruraln``. Known limits (as in the published light stemmers):
palatalisation and sibilarisation alternations (``radnik`` / ``radnici``), the
``ije/je`` alternation of the long jat (``mlijeko`` / ``mljekara``) and verb
conjugation are not undone.
"""

MIN_STEM = 2

# Rewrites applied to the whole word's ending before suffix stripping (folded forms).
REWRITES = (
    ("oscu", "ost"),  # održivošću → održivost (instrumental singular of -ost nouns)
    ("escu", "est"),  # vijesti: viješću → vijest
)

# Inflectional endings, folded, longest first: noun and adjective case endings only.
# Verb endings (-ati, -ate, -ala...) and the -ov-/-ev- plural extension are left out on
# purpose: they collide with frequent nouns of this site (rezultat/rezultati,
# materijal/materijala, obnova/obnove) and would split one noun into two stems.
SUFFIXES = tuple(
    sorted(
        {
            # nouns in -ija and adjectives in -ij- (definite forms)
            "ijega",
            "ijemu",
            "ijima",
            "ijama",
            "ijeg",
            "ijem",
            "ijoj",
            "ijim",
            "ijih",
            "ijom",
            "ija",
            "ije",
            "iji",
            "iju",
            # adjective and pronoun endings
            "ega",
            "emu",
            "oga",
            "omu",
            # plural dative, locative and instrumental
            "ima",
            "ama",
            # singular instrumental, genitive and locative of adjectives, genitive plural
            "om",
            "em",
            "og",
            "oj",
            "ih",
            "im",
            # single vowels: the most frequent case endings
            "a",
            "e",
            "i",
            "o",
            "u",
        },
        key=lambda ending: (-len(ending), ending),
    )
)

_VOWELS = frozenset("aeiou")


def _plausible_stem(stem: str) -> bool:
    if len(stem) < MIN_STEM:
        return False
    if any(letter in _VOWELS for letter in stem):
        return True
    # Syllabic r between consonants (trg, prst, crkv-): a root without a written vowel.
    return "r" in stem[1:]


def stem(word: str) -> str:
    """The stem of one folded, lower-case Croatian word."""
    for ending, replacement in REWRITES:
        if word.endswith(ending) and _plausible_stem(word[: -len(ending)]):
            word = word[: -len(ending)] + replacement
            break
    for ending in SUFFIXES:
        if word.endswith(ending):
            candidate = word[: -len(ending)]
            if _plausible_stem(candidate):
                return candidate
    return word
