"""Layout blocks: accordion / FAQ, ordered steps."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import RICH_TEXT_FEATURES


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
