"""Machine translation drafts with the network's glossary.

Two translators for wagtail-localize's "Translate with ..." button, chosen in settings by
``DEEPL_API_KEY``:

- ``DeepLGlossaryTranslator``: DeepL, with the glossary of ``hub/glossary.yaml`` created
  in the DeepL account on first use (one multilingual glossary, one dictionary per
  language pair DeepL supports), found again by name afterwards and replaced when the
  file changes;
- ``LocalDraftTranslator``: for development and tests. It replaces the glossary's terms
  and marks every string ``[MT-FR]`` (target language), so a draft can never pass for a
  real translation.

Slug-shaped strings (``about-the-network``) are a page's URL: both return them as a slug
(the source slug when the translation cannot be written in ASCII, as in Greek).
Everything machine-made is stored by wagtail-localize as ``translation_type="machine"``
until a reviewer marks it reviewed (``hub.translation.review``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import requests
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.strings import StringValue

logger = logging.getLogger(__name__)

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "glossary.yaml"
GLOSSARY_NAME_PREFIX = "coworkmed-hub-"
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class MachineTranslationError(Exception):
    """The machine translator could not translate; the message is for the editor."""


def base_language(code: str) -> str:
    return code.split("-")[0].split("_")[0].lower()


# Glossary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Glossary:
    """The network's terms, each in every site language."""

    terms: tuple[dict[str, str], ...]
    languages: tuple[str, ...]
    digest: str

    def pairs(self, source: str, target: str) -> list[tuple[str, str]]:
        source, target = base_language(source), base_language(target)
        if source not in self.languages or target not in self.languages:
            return []
        return [(term[source], term[target]) for term in self.terms]

    def tsv(self, source: str, target: str) -> str:
        """DeepL's entry format: one ``source<TAB>target`` line per term."""
        return "\n".join(f"{src}\t{tgt}" for src, tgt in self.pairs(source, target))


def _read_glossary(path: Path) -> Glossary:
    languages = tuple(code for code, _name in settings.LANGUAGES)
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as error:
        raise ImproperlyConfigured(f"{path}: cannot be read as YAML ({error}).") from error
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ImproperlyConfigured(f"{path}: expected a mapping with a 'terms' list.")
    terms = []
    seen: dict[str, set[str]] = {code: set() for code in languages}
    for number, entry in enumerate(data["terms"], start=1):
        if not isinstance(entry, dict):
            raise ImproperlyConfigured(f"{path}: term {number} is not a mapping.")
        term = {}
        for code in languages:
            value = entry.get(code)
            if not isinstance(value, str) or not value.strip():
                raise ImproperlyConfigured(
                    f"{path}: term {number} ({entry.get('en', '?')}) has no '{code}' text."
                )
            if "\t" in value or "\n" in value:
                raise ImproperlyConfigured(
                    f"{path}: term {number} '{code}' contains a tab or a line break."
                )
            value = " ".join(value.split())
            if value.casefold() in seen[code]:
                # A DeepL dictionary refuses two entries with the same source text.
                raise ImproperlyConfigured(f"{path}: '{value}' appears twice in '{code}'.")
            seen[code].add(value.casefold())
            term[code] = value
        terms.append(term)
    digest = hashlib.sha256(raw).hexdigest()[:12]
    return Glossary(terms=tuple(terms), languages=languages, digest=digest)


_glossary_cache: dict[tuple[str, float], Glossary] = {}


def load_glossary(path: str | Path | None = None) -> Glossary:
    """The glossary from ``path`` (default ``hub/glossary.yaml``), re-read when it changes."""
    path = Path(path or GLOSSARY_PATH)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as error:
        raise ImproperlyConfigured(f"{path}: glossary file not found ({error}).") from error
    if key not in _glossary_cache:
        _glossary_cache.clear()
        _glossary_cache[key] = _read_glossary(path)
    return _glossary_cache[key]


class TermReplacer:
    """Replaces glossary terms in text: whole words, any case, longest term first."""

    def __init__(self, pairs: list[tuple[str, str]]):
        pairs = sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)
        self.mapping = {source.casefold(): target for source, target in pairs}
        alternatives = [r"\s+".join(map(re.escape, source.split())) for source, _t in pairs]
        self.regex = (
            re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )

    def _replace(self, match: re.Match) -> str:
        found = match.group(0)
        target = self.mapping[" ".join(found.split()).casefold()]
        if found[:1].isupper() and target[:1].islower():
            target = target[:1].upper() + target[1:]
        return target

    def apply(self, text: str) -> str:
        return self.regex.sub(self._replace, text) if self.regex else text


def as_slug(translated: str, source_slug: str) -> str:
    """A translated slug in ASCII, or the source slug when nothing ASCII is left."""
    return slugify(translated) or source_slug


# Local translator -------------------------------------------------------------------------


class LocalDraftTranslator(BaseMachineTranslator):
    """Glossary terms replaced, every string marked: a visible draft for development."""

    display_name = gettext_lazy("the local draft translator")

    def can_translate(self, source_locale, target_locale):
        return base_language(source_locale.language_code) != base_language(
            target_locale.language_code
        )

    def translate(self, source_locale, target_locale, strings):
        glossary = load_glossary(self.options.get("GLOSSARY_FILE"))
        target = base_language(target_locale.language_code)
        replacer = TermReplacer(glossary.pairs(source_locale.language_code, target))
        return {
            string: StringValue(self.draft(string.data, replacer, target)) for string in strings
        }

    @staticmethod
    def draft(html: str, replacer: TermReplacer, target: str) -> str:
        if SLUG_RE.fullmatch(html):
            return as_slug(replacer.apply(html.replace("-", " ")), html)
        soup = BeautifulSoup(html, "html.parser")
        for node in list(soup.find_all(string=True)):
            node.replace_with(replacer.apply(str(node)))
        return f"[MT-{target.upper()}] {soup}"


# DeepL ------------------------------------------------------------------------------------


class DeepLGlossaryTranslator(DeepLTranslator):
    """wagtail-localize's DeepL translator, with the network's glossary and clear errors."""

    display_name = "DeepL"
    CACHE_PREFIX = "hub:deepl:"

    @property
    def api_base(self) -> str:
        if self.options.get("AUTH_KEY", "").endswith(":fx"):
            return "https://api-free.deepl.com"
        return "https://api.deepl.com"

    @property
    def timeout(self) -> int:
        return int(self.options.get("TIMEOUT", 30))

    @cached_property
    def glossary(self) -> Glossary:
        return load_glossary(self.options.get("GLOSSARY_FILE"))

    @property
    def glossary_name(self) -> str:
        return f"{GLOSSARY_NAME_PREFIX}{self.glossary.digest}"

    # HTTP

    def _request(self, method: str, path: str, **kwargs):
        try:
            response = requests.request(
                method,
                self.api_base + path,
                headers=self.get_headers(),
                timeout=self.timeout,
                **kwargs,
            )
        except requests.RequestException as error:
            raise MachineTranslationError(
                _("DeepL could not be reached. Please try again later.")
            ) from error
        if response.status_code >= 400:
            raise MachineTranslationError(self._error_message(response))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise MachineTranslationError(_("DeepL sent an answer that cannot be read.")) from error

    @staticmethod
    def _error_message(response) -> str:
        if response.status_code in (401, 403):
            return _("DeepL refused the API key (DEEPL_API_KEY). Ask an administrator.")
        if response.status_code == 456:
            return _("The DeepL translation quota is used up for this period.")
        if response.status_code == 429:
            return _("DeepL received too many requests. Please try again in a minute.")
        return _("DeepL could not translate (error %(status)s).") % {"status": response.status_code}

    # Languages

    def supported_targets(self) -> set[str] | None:
        """DeepL's target languages (base codes), cached for a day; None if unknown."""
        key = f"{self.CACHE_PREFIX}targets"
        targets = cache.get(key)
        if targets is None:
            try:
                languages = self._request("GET", "/v2/languages", params={"type": "target"})
            except MachineTranslationError:
                return None
            targets = sorted({base_language(item["language"]) for item in languages or []})
            cache.set(key, targets, 60 * 60 * 24)
        return set(targets)

    def can_translate(self, source_locale, target_locale):
        if not super().can_translate(source_locale, target_locale):
            return False
        targets = self.supported_targets()
        return targets is None or base_language(target_locale.language_code) in targets

    # Glossary

    def glossary_for(self, source: str, target: str) -> str | None:
        """The DeepL glossary id to use for this language pair, creating it if needed.

        A failure here never blocks a translation: it is logged and DeepL translates
        without the glossary (the failure is remembered for five minutes).
        """
        key = f"{self.CACHE_PREFIX}glossary:{self.glossary_name}"
        state = cache.get(key)
        if state is None:
            try:
                state = self._find_or_create_glossary()
            except (MachineTranslationError, KeyError, TypeError) as error:
                logger.warning("DeepL glossary unavailable, translating without it: %s", error)
                cache.set(key, {"id": None, "pairs": []}, 60 * 5)
                return None
            cache.set(key, state, 60 * 60 * 24 * 7)
        pair = [base_language(source), base_language(target)]
        return state["id"] if pair in state["pairs"] else None

    @staticmethod
    def _pairs_of(glossary: dict) -> list[list[str]]:
        return [
            [base_language(d["source_lang"]), base_language(d["target_lang"])]
            for d in glossary.get("dictionaries", [])
        ]

    def _find_or_create_glossary(self) -> dict:
        existing = self._request("GET", "/v3/glossaries") or {}
        found = None
        for glossary in existing.get("glossaries", []):
            name = glossary.get("name", "")
            if name == self.glossary_name and found is None:
                found = glossary
            elif name.startswith(GLOSSARY_NAME_PREFIX):
                # An older version of hub/glossary.yaml: DeepL glossaries are immutable.
                self._request("DELETE", f"/v3/glossaries/{glossary['glossary_id']}")
        if found is not None:
            return {"id": found["glossary_id"], "pairs": self._pairs_of(found)}

        supported = self._request("GET", "/v2/glossary-language-pairs") or {}
        pairs = {
            (base_language(item["source_lang"]), base_language(item["target_lang"]))
            for item in supported.get("supported_languages", [])
        }
        dictionaries = [
            {
                "source_lang": source,
                "target_lang": target,
                "entries": self.glossary.tsv(source, target),
                "entries_format": "tsv",
            }
            for source in self.glossary.languages
            for target in self.glossary.languages
            if source != target and (source, target) in pairs
        ]
        if not dictionaries:
            return {"id": None, "pairs": []}
        created = self._request(
            "POST",
            "/v3/glossaries",
            json={"name": self.glossary_name, "dictionaries": dictionaries},
        )
        return {"id": created["glossary_id"], "pairs": self._pairs_of(created)}

    # Translation

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        if parameters["target_lang"] == "EN":
            parameters["target_lang"] = "EN-GB"  # DeepL asks for a variant
        glossary_id = self.glossary_for(source_locale.language_code, target_locale.language_code)
        if glossary_id:
            parameters["glossary_id"] = glossary_id
        return parameters

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        answer = self._request(
            "POST",
            "/v2/translate",
            data=self.get_parameters(source_locale, target_locale, strings),
        )
        translations = (answer or {}).get("translations", [])
        if len(translations) != len(strings):
            raise MachineTranslationError(_("DeepL sent an incomplete answer. Please try again."))
        results = {}
        for string, translation in zip(strings, translations, strict=True):
            text = translation.get("text", "")
            if SLUG_RE.fullmatch(string.data):
                text = as_slug(text, string.data)
            results[string] = StringValue(text)
        return results
