"""A model field for "several of these choices", portable across SQLite and PostgreSQL."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of choice values stored as JSON, edited with checkboxes.

    ``item_choices`` (not ``choices``: Django would compare the whole list with them)
    lists the allowed values; the stored list keeps the order of the choices.
    """

    description = _("A list of values chosen among fixed choices")

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    @property
    def allowed_values(self) -> list[str]:
        return [value for value, _label in self.item_choices]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in self.empty_values:
            return
        if not isinstance(value, list):
            raise ValidationError(_("Choose one or more of the listed values."), code="invalid")
        unknown = [item for item in value if item not in self.allowed_values]
        if unknown:
            raise ValidationError(
                _("%(values)s is not one of the available choices."),
                code="invalid_choice",
                params={"values": ", ".join(map(str, unknown))},
            )

    def labels(self, values) -> list[str]:
        """The labels of the given values, in the order of the choices."""
        chosen = set(values or [])
        return [label for value, label in self.item_choices if value in chosen]

    def formfield(self, **kwargs):
        defaults = {
            "form_class": SortedMultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "initial": list,
            "show_hidden_initial": False,
            # The model field's "blank" message says what to choose; use it when empty.
            "error_messages": {"required": self.error_messages["blank"]},
        }
        defaults.update(kwargs)
        # JSONField.formfield() would force its own JSON form field; skip to Field's.
        return models.Field.formfield(self, **defaults)


class SortedMultipleChoiceField(forms.MultipleChoiceField):
    """Cleans to a list in the order of the choices, without duplicates."""

    def clean(self, value):
        chosen = set(super().clean(value))
        return [str(key) for key, _label in self.choices if str(key) in chosen]

    def has_changed(self, initial, data):
        return set(initial or []) != set(data or [])
