"""The toolkit index's filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.choices import Stage


class ToolkitFilterForm(forms.Form):
    KIND_CHOICES = [("", _("Guides and tools")), ("guide", _("Guides")), ("tool", _("Tools"))]

    stage = forms.ChoiceField(
        choices=[("", _("All stages")), *Stage.choices],
        required=False,
        label=_("Stage"),
    )
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False, label=_("Show"))

    def filters(self) -> dict:
        """The valid filters only: an unknown value is reported and ignored."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }
