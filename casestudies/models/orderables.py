"""The repeatable parts of a case study: contacts, gallery, related cases, tools used."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .choices import RelationType

TOOL_PAGE_TYPE = "toolkit.ToolPage"

phone_validator = RegexValidator(
    r"^\+?[0-9 ().-]{6,30}$",
    _(
        "Enter a phone number with digits, spaces and an optional leading +, "
        "for example +33 4 91 00 00 00."
    ),
)


class CaseStudyContact(TranslatableMixin, Orderable):
    """A person visitors may contact about the case, shown only with their recorded consent."""

    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    role = models.CharField(
        max_length=160,
        blank=True,
        verbose_name=_("role"),
        help_text=_("For example: manager of the space, project coordinator."),
    )
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = models.CharField(
        max_length=30, blank=True, validators=[phone_validator], verbose_name=_("phone")
    )
    consent = models.BooleanField(
        default=False,
        verbose_name=_("agreed to be shown"),
        help_text=_(
            "Tick only if this person agreed, in writing, to have these details published."
        ),
    )
    consent_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date of consent"),
        help_text=_("When the person gave their consent (keep the written record)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("consent"), FieldPanel("consent_date")]),
    ]
    override_translatable_fields = [
        TranslatableField("role"),
        SynchronizedField("name"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("consent", overridable=False),
        SynchronizedField("consent_date", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if not self.consent:
            errors["consent"] = _(
                "A contact is published only with the person's consent: tick this box and "
                "enter the date they agreed, or remove the contact."
            )
        elif self.consent_date is None:
            errors["consent_date"] = _("Enter the date the person gave their consent.")
        elif self.consent_date > timezone.localdate():
            errors["consent_date"] = _("The date of consent cannot be in the future.")
        if not self.email and not self.phone:
            errors["email"] = _("Give at least an email address or a phone number.")
        if errors:
            raise ValidationError(errors)


class CaseStudyGalleryImage(TranslatableMixin, Orderable):
    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("alternative text"),
        help_text=_(
            "What the picture shows, for people who cannot see it. Leave empty to use the "
            "image's own description."
        ),
    )
    caption = models.CharField(max_length=250, blank=True, verbose_name=_("caption"))

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    override_translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("alt_text"),
        TranslatableField("caption"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    @property
    def alt(self) -> str:
        return self.alt_text.strip() or getattr(self.image, "default_alt_text", "") or ""


class CaseStudyRelation(Orderable):
    """A link to another case study, with how the two are related."""

    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="relations"
    )
    target = models.ForeignKey(
        "casestudies.CaseStudyPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("case study"),
    )
    relation = models.CharField(
        max_length=20,
        choices=RelationType.choices,
        default=RelationType.SIMILAR,
        verbose_name=_("relation"),
        help_text=_("How this case relates to the other one: this case was inspired by it, …"),
    )

    panels = [
        FieldPanel("relation"),
        PageChooserPanel("target", page_type="casestudies.CaseStudyPage"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related case study")
        verbose_name_plural = _("related case studies")

    def clean(self):
        super().clean()
        if self.page_id and self.target_id and _same_page(self.page, self.target):
            raise ValidationError(
                {"target": _("A case study cannot be related to itself: choose another one.")}
            )


class ToolChooserPanel(PageChooserPanel):
    """A chooser limited to the toolkit's tool pages, named by label (no import of toolkit).

    While no app defines the tool page type, any page can be chosen.
    """

    def get_form_options(self):
        opts = FieldPanel.get_form_options(self)
        model = tool_page_model()
        opts.setdefault("widgets", {})[self.field_name] = AdminPageChooser(
            target_models=[model] if model else None
        )
        return opts


def tool_page_model():
    try:
        return apps.get_model(TOOL_PAGE_TYPE)
    except LookupError:
        return None


class CaseStudyTool(Orderable):
    """A toolkit tool the space used."""

    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tool_links"
    )
    tool = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("tool")
    )

    panels = [ToolChooserPanel("tool", page_type=TOOL_PAGE_TYPE)]

    class Meta(Orderable.Meta):
        verbose_name = _("tool used")
        verbose_name_plural = _("tools used")

    def clean(self):
        super().clean()
        model = tool_page_model()
        if (
            model is not None
            and self.tool_id
            and not issubclass(self.tool.specific_class or type(self.tool), model)
        ):
            raise ValidationError({"tool": _("Choose a page of the toolkit's tools.")})


def _same_page(page, other) -> bool:
    """The same page, or one of its translations."""
    return page.pk == other.pk or page.translation_key == other.translation_key
