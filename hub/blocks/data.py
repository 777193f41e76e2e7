"""Data blocks: key figures, rows of figures, tables, map points."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=2, max_digits=14)
    unit = blocks.CharBlock(
        required=False,
        max_length=40,
        label=_("Unit"),
        help_text=_("For example: %, m², €, people."),
    )
    label = blocks.CharBlock(max_length=160, label=_("What it measures"))
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100, label=_("Year"))
    source = blocks.CharBlock(required=False, max_length=250, label=_("Source"))

    class Meta:
        icon = "decimal"
        template = "blocks/key_figure.html"
        label = _("Key figure")
        preview_value = {
            "value": "120",
            "unit": "",
            "label": "members after two years",
            "year": 2024,
            "source": "Annual report",
        }
        description = _("One number with its unit, year and source")


class FigureRowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=160, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "list-ul"
        template = "blocks/figure_row.html"
        label = _("Row of key figures")
        preview_value = {
            "heading": "In numbers",
            "figures": [
                {"value": "450", "unit": "m²", "label": "of shared space", "year": 2023},
                {"value": "38", "unit": "", "label": "desks", "year": 2023},
                {"value": "12", "unit": "", "label": "jobs created", "year": 2024},
            ],
        }
        description = _("Up to six key figures side by side")


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label=_("Text"))
    number = blocks.DecimalBlock(label=_("Number"), decimal_places=2, max_digits=14)
    rich_text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Formatted text"))

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        label = _("Table")
        description = _("A table whose columns hold text, numbers or formatted text")


class MapPointBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=160, label=_("Place"))
    latitude = blocks.FloatBlock(min_value=-90, max_value=90, label=_("Latitude"))
    longitude = blocks.FloatBlock(min_value=-180, max_value=180, label=_("Longitude"))

    class Meta:
        icon = "site"
        template = "blocks/map_point.html"
        label = _("Map point")
        preview_value = {
            "label": "Marseille, La Belle de Mai",
            "latitude": 43.3125,
            "longitude": 5.3919,
        }
        description = _("A place on the map, with its coordinates")

    def clean(self, value):
        value = super().clean(value)
        if value.get("latitude") == 0 and value.get("longitude") == 0:
            raise ValidationError(
                _("0, 0 is in the Atlantic Ocean: enter the place's real coordinates.")
            )
        return value


class SourcedKeyFigureBlock(KeyFigureBlock):
    """A key figure whose source is required, with an optional link to it.

    Used where a figure describes a whole country or sector (country profiles): a
    visitor must be able to check where the number comes from.
    """

    source = blocks.CharBlock(
        max_length=250,
        label=_("Source"),
        help_text=_("Who published the figure, for example: national statistics office, 2023."),
    )
    source_url = blocks.URLBlock(
        required=False,
        label=_("Link to the source"),
        help_text=_("The page or report where a reader can check the figure."),
    )

    class Meta:
        icon = "decimal"
        template = "blocks/sourced_key_figure.html"
        label = _("Key figure with source")
        preview_value = {
            "value": "1200",
            "unit": "",
            "label": "coworking spaces in the country",
            "year": 2023,
            "source": "National coworking survey",
            "source_url": "https://example.org/survey-2023",
        }
        description = _("One number with its unit, year and a required source")
