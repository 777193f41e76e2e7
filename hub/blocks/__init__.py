"""The block library: one definition per block, grouped by purpose, composed here.

Page types compose the named collections below; a block is never defined twice.
"""

from .data import FigureRowBlock, KeyFigureBlock, MapPointBlock, SourcedKeyFigureBlock, TableBlock
from .layout import AccordionBlock, ChapterBlock, StepsBlock
from .links import CallToActionBlock, CaseStudyTeaserBlock, DocumentBlock
from .media import ImageBlock, VideoBlock
from .text import RICH_TEXT_FEATURES, HeadingBlock, ParagraphBlock, QuoteBlock

TEXT_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
]
MEDIA_BLOCKS = [
    ("image", ImageBlock()),
    ("video", VideoBlock()),
]
DATA_BLOCKS = [
    ("key_figure", KeyFigureBlock()),
    ("figure_row", FigureRowBlock()),
    ("table", TableBlock()),
    ("map_point", MapPointBlock()),
]
LINK_BLOCKS = [
    ("document", DocumentBlock()),
    ("call_to_action", CallToActionBlock()),
    ("case_study_teaser", CaseStudyTeaserBlock()),
]
LAYOUT_BLOCKS = [
    ("accordion", AccordionBlock()),
    ("steps", StepsBlock()),
]

# General-purpose body: every block.
BODY_BLOCKS = [*TEXT_BLOCKS, *MEDIA_BLOCKS, *DATA_BLOCKS, *LINK_BLOCKS, *LAYOUT_BLOCKS]
# One section of a case study's story (context, challenge, approach, lessons...).
STORY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
    ("image", ImageBlock()),
    ("figure_row", FigureRowBlock()),
    ("table", TableBlock()),
]
# Results of a case study: figures first.
RESULTS_BLOCKS = [("key_figure", KeyFigureBlock()), *STORY_BLOCKS]
# A chapter of a guide.
CHAPTER_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("steps", StepsBlock()),
    ("image", ImageBlock()),
    ("quote", QuoteBlock()),
    ("accordion", AccordionBlock()),
    ("table", TableBlock()),
    ("figure_row", FigureRowBlock()),
    ("document", DocumentBlock()),
    ("call_to_action", CallToActionBlock()),
    ("case_study_teaser", CaseStudyTeaserBlock()),
    ("video", VideoBlock()),
]
# Resources: documents and links.
RESOURCE_BLOCKS = [("document", DocumentBlock()), ("call_to_action", CallToActionBlock())]
# A section of a country profile (overview, legal and policy framework, funding).
COUNTRY_SECTION_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
    ("image", ImageBlock()),
    ("table", TableBlock()),
    ("accordion", AccordionBlock()),
    ("document", DocumentBlock()),
    ("call_to_action", CallToActionBlock()),
]
# A country's key figures: every figure names its source.
COUNTRY_FIGURE_BLOCKS = [("key_figure", SourcedKeyFigureBlock())]
# A guide: a sequence of chapters whose headings build its table of contents.
GUIDE_BLOCKS = [("chapter", ChapterBlock(CHAPTER_BLOCKS))]
# How to use a tool: ordered steps first, with what explains them.
HOW_TO_BLOCKS = [
    ("steps", StepsBlock()),
    ("paragraph", ParagraphBlock()),
    ("accordion", AccordionBlock()),
    ("image", ImageBlock()),
    ("video", VideoBlock()),
]

__all__ = [
    "BODY_BLOCKS",
    "CHAPTER_BLOCKS",
    "COUNTRY_FIGURE_BLOCKS",
    "COUNTRY_SECTION_BLOCKS",
    "DATA_BLOCKS",
    "GUIDE_BLOCKS",
    "HOW_TO_BLOCKS",
    "LAYOUT_BLOCKS",
    "LINK_BLOCKS",
    "MEDIA_BLOCKS",
    "RESOURCE_BLOCKS",
    "RESULTS_BLOCKS",
    "RICH_TEXT_FEATURES",
    "STORY_BLOCKS",
    "TEXT_BLOCKS",
    "AccordionBlock",
    "CallToActionBlock",
    "CaseStudyTeaserBlock",
    "ChapterBlock",
    "DocumentBlock",
    "FigureRowBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyFigureBlock",
    "MapPointBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "SourcedKeyFigureBlock",
    "StepsBlock",
    "TableBlock",
    "VideoBlock",
]
