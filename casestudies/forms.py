"""The admin form of a case study: choices in the page's language, checks across rows."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# Fields whose choices are the taxonomy terms of the page's own language.
LOCALE_FILTERED_FIELDS = ("country", "region", "space_type", "themes", "operator", "partner")


class CaseStudyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name in LOCALE_FILTERED_FIELDS:
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(locale_id=locale_id)

    def clean(self):
        cleaned_data = super().clean()
        self._check_rows("relations", "target", self._relation_error)
        self._check_rows("tool_links", "tool", lambda _page: None)
        return cleaned_data

    def _relation_error(self, target):
        page = self.instance
        if page.pk and (target.pk == page.pk or target.translation_key == page.translation_key):
            return _("A case study cannot be related to itself: choose another one.")
        return None

    def _check_rows(self, formset_name, field_name, check):
        """Refuse a page chosen twice in the same list, and what ``check`` refuses."""
        formset = self.formsets.get(formset_name)
        if formset is None or not formset.is_bound:
            return
        formset.is_valid()  # validates the rows first, so that their cleaned data exists
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            chosen = form.cleaned_data.get(field_name)
            if chosen is None:
                continue
            error = check(chosen)
            if error is None and chosen.translation_key in seen:
                error = _("This page is already in the list: remove one of the two.")
            if error is not None:
                form.add_error(field_name, error)
            seen.add(chosen.translation_key)
