"""Forms of the toolkit: the index's filters and what the admin forms share."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from toolkit.choices import Stage


class ToolkitFilterForm(forms.Form):
    KIND_CHOICES = [("", _("Guides and tools")), ("guide", _("Guides")), ("tool", _("Tools"))]

    stage = forms.ChoiceField(
        choices=[("", _("All stages")), *Stage.choices],
        required=False,
        label=_("Stage"),
    )
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False, label=_("Type of content"))

    def filters(self) -> dict:
        """The valid filters only: an unknown value is reported and ignored."""
        self.is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }


class ExplainedRequiredFieldsMixin:
    """Required fields left empty get the model field's own "blank" message.

    Django's forms say "This field is required."; the toolkit's models say what to do
    instead ("Choose the stage of network building this guide is for."). Mixed into the
    admin forms of guides and tools.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = models.Field.default_error_messages["blank"]
        for name, field in self.fields.items():
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            message = getattr(model_field, "error_messages", {}).get("blank")
            if message and message != default:
                field.error_messages["required"] = message
