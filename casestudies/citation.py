"""How to cite a case study: a plain-text reference and a BibTeX entry."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

PUBLISHER = "CoWorkMed Hub"
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_BIBTEX_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    url: str


def bibtex_escape(value: str) -> str:
    """``value`` with the characters BibTeX treats specially escaped."""
    return _BIBTEX_SPECIAL.sub(
        lambda match: _BIBTEX_REPLACEMENTS.get(match.group(1), "\\" + match.group(1)),
        " ".join(str(value).split()),
    )


def citation(page, request) -> Citation:
    """The reference of ``page`` in the visitor's language, with its address and licence."""
    url = request.build_absolute_uri(page.get_url(request)) if page.get_url(request) else ""
    published = page.last_published_at or page.first_published_at or timezone.now()
    year = published.year
    today = timezone.localdate().isoformat()
    author = page.partner.name if page.partner_id else PUBLISHER
    licence = page.get_licence_display()
    text = _(
        "%(author)s (%(year)s). %(title)s. %(publisher)s. %(url)s (accessed %(date)s). "
        "Licence: %(licence)s."
    ) % {
        "author": author,
        "year": year,
        "title": page.title,
        "publisher": PUBLISHER,
        "url": url,
        "date": today,
        "licence": licence,
    }
    key = f"coworkmed-{slugify(page.slug)[:40] or page.pk}-{year}"
    language = page.content_language if hasattr(page, "content_language") else ""
    fields = [
        ("title", bibtex_escape(page.title)),
        ("author", "{" + bibtex_escape(author) + "}"),
        ("publisher", "{" + PUBLISHER + "}"),
        ("year", str(year)),
        ("url", url),
        ("urldate", today),
        ("language", language or settings.LANGUAGE_CODE),
        ("note", bibtex_escape(licence)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation(text=text, bibtex=f"@misc{{{key},\n{body}\n}}", url=url)
