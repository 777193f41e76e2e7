"""The case study's editing form: one tab per kind of information."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from casestudies.forms import CaseStudyPageForm


def case_study_edit_handler():
    content = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Main image")
        ),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("Image")),
    ]
    location_and_facts = [
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("space_type"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Kind of space and themes"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("year_founded"),
                FieldRowPanel(
                    [FieldPanel("surface_m2"), FieldPanel("desks"), FieldPanel("members")]
                ),
            ],
            heading=_("Size"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("business_model"),
                FieldPanel("governance"),
                FieldPanel("operator"),
                FieldPanel("website"),
            ],
            heading=_("How it is run"),
        ),
    ]
    story = [
        HelpPanel(
            _(
                "Tell the story in these fixed sections, so that readers can compare cases. "
                "Only “Conditions for transfer” may stay empty."
            )
        ),
        FieldPanel("context"),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        FieldPanel("transfer"),
    ]
    resources = [
        FieldPanel("resources"),
        InlinePanel("tool_links", heading=_("Tools used"), label=_("Tool")),
        InlinePanel("relations", heading=_("Related case studies"), label=_("Related case")),
        InlinePanel(
            "contacts",
            heading=_("Contacts"),
            label=_("Contact"),
            help_text=_("Optional. Published only with the person's recorded consent."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source_name"),
                FieldPanel("source_url"),
                FieldPanel("partner"),
                FieldRowPanel([FieldPanel("licence"), FieldPanel("source_year")]),
            ],
            heading=_("Provenance"),
        ),
    ]
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList(location_and_facts, heading=_("Location & facts")),
            ObjectList(story, heading=_("Story")),
            ObjectList(resources, heading=_("Resources")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=CaseStudyPageForm,
    )
