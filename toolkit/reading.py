"""Reading time of StreamField content, computed from its stored text.

The text is read from the stream's stored (raw) data, guided by the block definitions,
so that a listing of many guides computes their reading times without loading the
images, documents or pages their blocks point to (no database query).
"""

import math
import re
from collections.abc import Iterator

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


def _list_items(raw) -> Iterator:
    """Values of a ListBlock, in either of its stored formats (as ListBlock tells them)."""
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and {"id", "value"} <= set(item):
            yield item["value"]
        else:
            yield item


def block_text(block, raw) -> Iterator[str]:
    """Every piece of human-readable text stored in ``raw`` for ``block``."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                yield from block_text(block.child_blocks[child["type"]], child.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in _list_items(raw):
            yield from block_text(block.child_block, item)
    elif isinstance(block, TypedTableBlock):
        if not isinstance(raw, dict):
            return
        columns = raw.get("columns") or []
        yield raw.get("caption") or ""
        for column in columns:
            yield column.get("heading") or ""
        for row in raw.get("rows") or []:
            for column, cell in zip(columns, row.get("values") or [], strict=False):
                column_block = block.child_blocks.get(column.get("type"))
                if column_block is not None:
                    yield from block_text(column_block, cell)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                yield from block_text(child_block, raw.get(name))
    elif isinstance(block, blocks.RichTextBlock):
        yield strip_tags(str(raw))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield str(raw)
    # Choices, numbers, addresses, embeds and chooser blocks hold no prose.


def stream_text(stream_value) -> Iterator[str]:
    """The text of a StreamField value (a StreamValue)."""
    yield from block_text(stream_value.stream_block, list(stream_value.raw_data))


def count_words(*texts: str) -> int:
    return sum(len(_WORD.findall(text)) for text in texts if text)


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at about 200 words a minute; never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
