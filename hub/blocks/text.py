"""Text blocks: headings, paragraphs, quotes."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# The restricted rich-text feature set used in body text across the site.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


def anchor_from(text: str) -> str:
    """A URL fragment made from a heading; keeps Greek, Croatian and accented letters."""
    return slugify(text or "", allow_unicode=True)


class HeadingBlock(blocks.StructBlock):
    """A section heading with a stable anchor (used for tables of contents)."""

    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
        label=_("Level"),
        # A layout choice, not content: "Level 2" must not be found by the site search.
        search_index=False,
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anchor"),
        help_text=_("Optional. Letters, numbers and hyphens; made from the heading if empty."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "Why a network of third places?", "level": "h2"}
        description = _("A section heading that appears in the table of contents")

    def anchor_for(self, value) -> str:
        """The heading's anchor: the editor's own, or one made from the heading's text."""
        return anchor_from(value.get("anchor") or value.get("text") or "") or "section"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = self.anchor_for(value)
        return context


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = _("Paragraph")
        preview_value = (
            "<p>Third places are where coworkers, makers and neighbours meet to work "
            "and learn together.</p>"
        )
        description = _("Formatted text with links, lists and emphasis")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(required=False, max_length=200, label=_("Source"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")
        preview_value = {
            "quote": "The space became the village's living room.",
            "source": "A rural hub manager",
        }
        description = _("A quotation with its source")
