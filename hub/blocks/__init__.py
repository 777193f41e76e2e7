"""The block library: one definition per block, grouped by purpose, composed here."""

from .text import RICH_TEXT_FEATURES, HeadingBlock, ParagraphBlock, QuoteBlock

# Named collections that page types compose.
TEXT_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
]

BODY_BLOCKS = [*TEXT_BLOCKS]

__all__ = [
    "BODY_BLOCKS",
    "RICH_TEXT_FEATURES",
    "TEXT_BLOCKS",
    "HeadingBlock",
    "ParagraphBlock",
    "QuoteBlock",
]
