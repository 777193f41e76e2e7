"""Sanitise rich text that arrives from outside the Wagtail editor (imports, the API).

Wagtail's editor only produces safe rich text, but importers, the demo-content loader
and API clients write the database format directly. Everything they store goes through
:func:`sanitize_rich_text` (one HTML fragment) or :func:`sanitize_stream_data` (the raw
JSON of a StreamField), which keep Wagtail's rich-text vocabulary and drop the rest:
``<script>`` and other active elements with their content, ``on*`` event attributes,
inline styles, and links whose scheme is not http(s), mailto or tel (``javascript:``,
``data:``, ``vbscript:``...).
"""

from urllib.parse import urlsplit

import nh3
from wagtail import blocks

# The elements Wagtail's rich-text features store (the database format).
ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "a",
    "ol",
    "ul",
    "li",
    "sup",
    "sub",
    "blockquote",
    "code",
    "hr",
    "embed",
}
# Elements removed together with everything inside them.
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "template", "noscript", "textarea"}
ALLOWED_ATTRIBUTES = {
    "*": set(),  # no generic attributes (the sanitiser would keep title and lang)
    "a": {"href", "id"},
    "embed": {"id", "format", "alt", "url"},
}
# Wagtail's own attributes, restricted to the values it uses.
ALLOWED_ATTRIBUTE_VALUES = {
    "a": {"linktype": {"page", "document"}},
    "embed": {"embedtype": {"image", "media"}},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    # Media embeds keep their URL in an attribute the sanitiser does not know as a URL.
    if element == "embed" and attribute == "url":
        scheme = urlsplit(value.strip()).scheme.lower()
        return value if scheme in {"http", "https"} else None
    return value


def sanitize_rich_text(html: str | None) -> str:
    """The safe part of ``html``, in Wagtail's rich-text database format."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def sanitize_stream_data(block: blocks.Block, data):
    """Sanitise every rich-text value inside the raw data of ``block``.

    ``block`` is usually a StreamField's ``stream_block``
    (``Model._meta.get_field("body").stream_block``) and ``data`` the list of
    ``{"type", "value"}`` dicts an importer is about to store. Children of unknown
    types are dropped: Wagtail would ignore them, and they could hide anything.
    """
    if isinstance(block, blocks.RichTextBlock):
        return sanitize_rich_text(data) if isinstance(data, str) else ""
    if isinstance(block, blocks.BaseStreamBlock):
        if not isinstance(data, list):
            return []
        cleaned = []
        for child in data:
            if not isinstance(child, dict) or child.get("type") not in block.child_blocks:
                continue
            child_block = block.child_blocks[child["type"]]
            cleaned.append(
                {**child, "value": sanitize_stream_data(child_block, child.get("value"))}
            )
        return cleaned
    if isinstance(block, blocks.BaseStructBlock):
        if not isinstance(data, dict):
            return {}
        return {
            name: sanitize_stream_data(block.child_blocks[name], value)
            for name, value in data.items()
            if name in block.child_blocks
        }
    if isinstance(block, blocks.ListBlock):
        if not isinstance(data, list):
            return []
        cleaned = []
        for item in data:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                cleaned.append(
                    {**item, "value": sanitize_stream_data(block.child_block, item["value"])}
                )
            else:
                cleaned.append(sanitize_stream_data(block.child_block, item))
        return cleaned
    return data
