"""Media blocks: images with caption and attribution, video embeds."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .previews import first_image


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Alternative text"),
        help_text=_(
            "Describe what the image shows for people who cannot see it. Leave empty to "
            "use the image's own description; write a single space only if it is decorative."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Credit"), help_text=_("Photographer, licence.")
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("A picture with an optional caption and credit")

    def get_preview_value(self):
        return self.normalize({"image": first_image(), "caption": "A shared workspace"})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        image = value.get("image")
        override = value.get("alt_text") or ""
        if override.strip():
            context["alt"] = override.strip()
        elif override:
            context["alt"] = ""  # decorative
        else:
            context["alt"] = getattr(image, "default_alt_text", "") or ""
        return context


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video address"),
        help_text=_("The address of a video page (for example on Vimeo or PeerTube)."),
    )
    title = blocks.CharBlock(
        max_length=200, label=_("Title"), help_text=_("Read by screen readers.")
    )
    transcript = blocks.TextBlock(required=False, label=_("Transcript or summary"))

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        preview_value = {
            "video": None,
            "title": "Opening of the network's first meeting",
            "transcript": "Welcome words from the partners.",
        }
        description = _("An embedded video with its title and transcript")
