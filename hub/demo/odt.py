"""A minimal OpenDocument text (.odt) writer, standard library only.

The toolkit's files are templates people fill in and adapt (a charter, a survey, a
grid), so an editable format fits them better than PDF, and ODT needs no font files:
the reader's office suite renders every script (Greek, Croatian diacritics) itself.
ODT opens in LibreOffice, Microsoft Word and Google Docs.

Structure written: ``mimetype`` (first, uncompressed, as the standard requires),
``META-INF/manifest.xml``, ``meta.xml``, ``styles.xml``, ``content.xml``.
"""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.text"
CHECKBOX = "\u2610"  # ☐

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)

# A region code per language, for spell checkers (fo:country).
COUNTRIES = {"en": "GB", "fr": "FR", "it": "IT", "es": "ES", "el": "GR", "hr": "HR"}
SECTION_STYLES = ("paragraphs", "bullets", "numbers", "checkboxes", "table")
# The named styles (page, headings, lists, table cells), kept as XML beside this module.
STYLES_TEMPLATE = Template((Path(__file__).parent / "odt_styles.xml").read_text(encoding="utf-8"))


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    style: str = "bullets"  # how items are shown: one of SECTION_STYLES
    columns: list[str] = field(default_factory=list)  # table headers; rows start with an item


@dataclass
class Document:
    title: str
    language: str
    sections: list[Section]
    subtitle: str = ""
    footer: str = ""


def _text(value: str) -> str:
    return escape(value, {"\n": "<text:line-break/>"})


def _paragraph(value: str, style: str = "Text_20_body") -> str:
    return f'<text:p text:style-name="{style}">{_text(value)}</text:p>'


def _list(items: list[str], style: str) -> str:
    entries = "".join(
        f"<text:list-item>{_paragraph(item, 'List_20_Contents')}</text:list-item>" for item in items
    )
    return f'<text:list text:style-name="{style}">{entries}</text:list>'


def _table(name: str, columns: list[str], rows: list[str]) -> str:
    count = max(len(columns), 1)
    header = "".join(
        '<table:table-cell table:style-name="Cell" office:value-type="string">'
        f"{_paragraph(column, 'Table_20_Heading')}</table:table-cell>"
        for column in columns
    )
    body = ""
    for row in rows:
        cells = (
            '<table:table-cell table:style-name="Cell" office:value-type="string">'
            f"{_paragraph(row, 'Table_20_Contents')}</table:table-cell>"
        )
        cells += (
            '<table:table-cell table:style-name="Cell" office:value-type="string">'
            '<text:p text:style-name="Table_20_Contents"/></table:table-cell>'
        ) * (count - 1)
        body += f"<table:table-row>{cells}</table:table-row>"
    return (
        f'<table:table table:name={quoteattr(name)} table:style-name="Grid">'
        f'<table:table-column table:number-columns-repeated="{count}"/>'
        f"<table:table-row>{header}</table:table-row>"
        f"{body}</table:table>"
    )


def _body(document: Document) -> str:
    parts = [_paragraph(document.title, "Title")]
    if document.subtitle:
        parts.append(_paragraph(document.subtitle, "Subtitle"))
    for index, section in enumerate(document.sections, start=1):
        parts.append(
            '<text:h text:style-name="Heading_20_1" text:outline-level="1">'
            f"{_text(section.heading)}</text:h>"
        )
        parts.extend(_paragraph(paragraph) for paragraph in section.paragraphs)
        if not section.items:
            continue
        if section.style == "table":
            parts.append(_table(f"Table{index}", section.columns, section.items))
        elif section.style == "checkboxes":
            parts.extend(_paragraph(f"{CHECKBOX} {item}", "Checklist") for item in section.items)
        elif section.style == "numbers":
            parts.append(_list(section.items, "Numbers"))
        else:
            parts.append(_list(section.items, "Bullets"))
    if document.footer:
        parts.append(_paragraph(document.footer, "Footer_20_note"))
    return "".join(parts)


def _styles(language: str) -> str:
    return STYLES_TEMPLATE.substitute(
        namespaces=NAMESPACES, language=language, country=COUNTRIES.get(language, "none")
    )


def _content(document: Document) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES} office:version="1.3">
<office:automatic-styles>
<style:style style:name="Grid" style:family="table">
<style:table-properties style:width="16.6cm" table:align="margins"
 fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/>
</style:style>
<style:style style:name="Cell" style:family="table-cell">
<style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #7a8a9a"/>
</style:style>
</office:automatic-styles>
<office:body><office:text>{_body(document)}</office:text></office:body>
</office:document-content>
"""


def _meta(document: Document) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES} office:version="1.3">
<office:meta>
<meta:generator>CoWorkMed Hub demo content</meta:generator>
<dc:title>{escape(document.title)}</dc:title>
<dc:language>{escape(document.language)}</dc:language>
</office:meta>
</office:document-meta>
"""


MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3"
 manifest:media-type="{MIMETYPE}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def odt_bytes(document: Document) -> bytes:
    """The document as the bytes of an .odt file."""
    buffer = io.BytesIO()
    fixed_time = (2025, 1, 1, 0, 0, 0)  # same input, same bytes
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", fixed_time), MIMETYPE, zipfile.ZIP_STORED)
        for name, text in (
            ("META-INF/manifest.xml", MANIFEST),
            ("meta.xml", _meta(document)),
            ("styles.xml", _styles(document.language)),
            ("content.xml", _content(document)),
        ):
            archive.writestr(
                zipfile.ZipInfo(name, fixed_time), text.encode("utf-8"), zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()
