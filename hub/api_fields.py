"""Read-only API v2 fields for taxonomy links and key figures, shared by the page types.

Pages list them in ``api_fields`` so /api/v2/pages/?type=...&fields=... exposes their key
facts with stable identifiers (ISO codes, slugs) beside the names.
"""

from rest_framework import serializers


class TermField(serializers.Field):
    """A taxonomy term as {"code" or "slug", "name"}; None when the link is empty."""

    def __init__(self, key="slug", **kwargs):
        self.key = key
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        data = {"name": value.name}
        if self.key:
            data[self.key] = getattr(value, self.key)
        return data


class TermListField(TermField):
    """Many taxonomy terms (a many-to-many manager), in name order."""

    def to_representation(self, value):
        return [super(TermListField, self).to_representation(term) for term in value.all()]


class KeyFiguresField(serializers.Field):
    """Typed key figures (value, unit, label, year, source) as plain JSON."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        figures = []
        for figure in value:
            number = figure.get("value")
            figures.append(
                {
                    "value": float(number) if number is not None else None,
                    "unit": figure.get("unit") or "",
                    "label": figure.get("label") or "",
                    "year": figure.get("year"),
                    "source": figure.get("source") or "",
                }
            )
        return figures
