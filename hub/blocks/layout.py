"""Layout blocks: accordion / FAQ, ordered steps, guide chapters."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import RICH_TEXT_FEATURES, anchor_from


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250, label=_("Question or title"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=160, label=_("Heading"))
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"
        label = _("Accordion / FAQ")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can join the network?",
                    "answer": "<p>Any third place in the Mediterranean.</p>",
                },
                {"question": "Is membership free?", "answer": "<p>Yes, for the first year.</p>"},
            ],
        }
        description = _("Questions and answers that open one at a time")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Step"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False, label=_("Details"))


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=160, label=_("Heading"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Ordered steps")
        preview_value = {
            "heading": "How to run the census",
            "steps": [
                {
                    "title": "List the spaces you know",
                    "text": "<p>Start with your own contacts.</p>",
                },
                {"title": "Send the survey", "text": "<p>Give two weeks to answer.</p>"},
                {"title": "Publish the map", "text": "<p>Share it with every respondent.</p>"},
            ],
        }
        description = _("A numbered sequence of steps")


anchor_validator = RegexValidator(
    r"^[\w-]+$",
    _("Use only letters, digits and hyphens, without spaces, for example: funding-sources."),
)


class ChapterBlock(blocks.StructBlock):
    """A chapter of a long-form guide: its heading goes into the table of contents.

    The chapter's body blocks are passed in (``ChapterBlock(CHAPTER_BLOCKS)``) because
    the collection is composed in ``hub.blocks`` after this module is imported.
    """

    heading = blocks.CharBlock(
        max_length=160,
        label=_("Chapter heading"),
        help_text=_("Shown in the guide's table of contents."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[anchor_validator],
        label=_("Anchor"),
        help_text=_(
            "Optional: the end of the chapter's web address (…#anchor). Made from the "
            "heading when empty."
        ),
    )

    def __init__(self, body_blocks=(), **kwargs):
        super().__init__(
            [("body", blocks.StreamBlock(list(body_blocks), label=_("Chapter content")))],
            **kwargs,
        )

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/chapter.html"
        label = _("Chapter")
        preview_value = {
            "heading": "Map the spaces of your region",
            "anchor": "",
            "body": [
                (
                    "paragraph",
                    "<p>Before convening anyone, find out who is already there: coworking "
                    "spaces, fab labs, rural hubs and the people who run them.</p>",
                ),
                (
                    "steps",
                    {
                        "heading": "Three steps",
                        "steps": [
                            {"title": "List the spaces you know", "text": ""},
                            {"title": "Send the survey", "text": ""},
                            {"title": "Publish the map", "text": ""},
                        ],
                    },
                ),
            ],
        }
        description = _("A titled section of a guide, listed in its table of contents")

    def deconstruct(self):
        # StructBlock freezes its child blocks (heading, anchor, body) into migrations as
        # a plain StructBlock, so the custom constructor argument never needs replaying.
        return super().deconstruct()

    def anchor_for(self, value) -> str:
        """The chapter's anchor: the editor's own, or one made from the heading."""
        return anchor_from(value.get("anchor") or value.get("heading") or "") or "chapter"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A page that lists several chapters passes unique anchors (see GuidePage).
        context["anchor"] = context.get("chapter_anchor") or self.anchor_for(value)
        return context
