"""Taxonomies: translatable snippets, so that filters and facets are stable across languages.

Each taxonomy has a stable, synchronised identifier (ISO code or slug) used in URLs and
exports, and translated names.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens, for example: rural-hub."),
)


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A term identified by a slug that is the same in every language."""

    slug = models.CharField(
        max_length=60,
        validators=[slug_validator],
        verbose_name=_("identifier"),
        help_text=_("Same in every language; used in web addresses and exports."),
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("short description"))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]


class SpaceType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("space type")
        verbose_name_plural = _("space types")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_spacetype_slug_per_locale"
            )
        ]


class Country(TranslatableMixin, index.Indexed, models.Model):
    code = models.CharField(
        max_length=2,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}$", _("Enter the two capital letters of ISO 3166-1, for example HR.")
            )
        ],
        verbose_name=_("ISO code"),
        help_text=_("ISO 3166-1 alpha-2 code, for example FR, IT, ES, GR, HR."),
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("short description"))
    is_partner = models.BooleanField(
        default=False,
        verbose_name=_("partner country"),
        help_text=_("One of the network's partner countries."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("is_partner"),
        FieldPanel("description"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
        SynchronizedField("is_partner"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("code"),
        index.FilterField("is_partner"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="unique_country_code_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Region(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=100, verbose_name=_("name"))
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="regions", verbose_name=_("country")
    )

    panels = [FieldPanel("name"), FieldPanel("country")]
    override_translatable_fields = [TranslatableField("name"), TranslatableField("country")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("country_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", _("Network partner")
        OPERATOR = "operator", _("Space operator")
        PUBLIC = "public", _("Public authority")
        RESEARCH = "research", _("University or research centre")
        ASSOCIATION = "association", _("Association or cooperative")
        COMPANY = "company", _("Company")

    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("country"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = models.TextField(blank=True, verbose_name=_("short description"))

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("country"),
        SynchronizedField("kind"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("kind"),
        index.FilterField("country_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name
