"""The interface catalogs (locale/<lang>/LC_MESSAGES/django.po): what is left to translate.

``manage.py check_catalogs`` lists it; a test fails while anything is left, so a string
marked for translation cannot reach visitors in English by accident. After adding
strings: ``make messages`` (extracts them, then runs the check), translate what it
lists, ``make catalogs``.
"""

from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings


@dataclass
class CatalogReport:
    language: str
    path: Path
    total: int = 0
    problems: list[str] = field(default_factory=list)


def _describe(entry: polib.POEntry) -> str:
    text = entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."
    return text.replace("\n", " ")


def check_catalogs(domain: str = "django") -> list[CatalogReport]:
    """One report per non-default language: untranslated, fuzzy or missing catalogs."""
    reports = []
    root = Path(settings.LOCALE_PATHS[0])
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        path = root / code / "LC_MESSAGES" / f"{domain}.po"
        report = CatalogReport(code, path)
        reports.append(report)
        if not path.exists():
            report.problems.append("no catalog: run `make messages`")
            continue
        try:
            catalog = polib.pofile(str(path))
        except (OSError, ValueError) as error:
            report.problems.append(f"cannot be read: {error}")
            continue
        if catalog.metadata_is_fuzzy:
            report.problems.append("the header is marked fuzzy")
        if catalog.metadata.get("Language") != code:
            report.problems.append(f"the header's Language is not {code!r}")
        for entry in catalog:
            if entry.obsolete:
                continue
            report.total += 1
            if "fuzzy" in entry.flags:
                report.problems.append(f"fuzzy: {_describe(entry)}")
            elif not entry.translated():
                report.problems.append(f"untranslated: {_describe(entry)}")
    return reports
