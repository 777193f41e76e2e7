"""Link blocks: document downloads, calls to action, case-study teasers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from .previews import first_document


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Title"),
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Document download")
        description = _("A file to download, with its format and size")

    def get_preview_value(self):
        return self.normalize({"document": first_document(), "description": "Template to adapt"})


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or an external address"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        preview_value = {
            "text": "Ready to start a network in your region?",
            "url": "https://example.org/",
            "button_label": "Read the guide",
        }
        description = _("A short message with one prominent link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter an address (one of the two)."))
                }
            )
        return value


class CaseStudyTeaserBlock(blocks.StructBlock):
    case_study = blocks.PageChooserBlock(
        page_type="casestudies.CaseStudyPage", label=_("Case study")
    )
    note = blocks.CharBlock(required=False, max_length=200, label=_("Why it is relevant here"))

    class Meta:
        icon = "doc-empty-inverse"
        template = "blocks/case_study_teaser.html"
        label = _("Case study teaser")
        preview_value = {"case_study": None, "note": "A rural hub that inspired this guide"}
        description = _("A card that links to a case study")
