"""Admin views of the translation workflow: coverage report, dashboard panel, review."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from laces.components import Component
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, get_page_models
from wagtail_localize.models import Translation

from .coverage import (
    COMPLETE,
    STATUS_CHOICES,
    coverage_rows,
    ordered_locales,
    sort_rows,
    summarise,
)
from .permissions import locale_scope, user_can_review, user_works_on_translations
from .review import machine_strings, mark_reviewed
from .sync import translatable_snippet_models


def _locale_choices():
    return [(locale.language_code, locale.get_display_name()) for locale in ordered_locales()]


def _type_choices():
    models = [m for m in get_page_models() if m._meta.app_label != "wagtailcore"]
    models += translatable_snippet_models()
    return sorted(
        ((f"{m._meta.app_label}.{m._meta.model_name}", str(m._meta.verbose_name)) for m in models),
        key=lambda choice: choice[1].lower(),
    )


class CoverageFilterSet(WagtailFilterSet):
    """Filters for a list of coverage rows (not a queryset)."""

    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=_locale_choices, empty_label=gettext_lazy("All")
    )
    type = django_filters.ChoiceFilter(
        label=gettext_lazy("Type"), choices=_type_choices, empty_label=gettext_lazy("All")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=STATUS_CHOICES, empty_label=gettext_lazy("All")
    )

    def filter_queryset(self, rows):
        data = self.form.cleaned_data
        if data.get("locale"):
            rows = [row for row in rows if row.locale.language_code == data["locale"]]
        if data.get("type"):
            rows = [row for row in rows if row.type_key == data["type"]]
        if data.get("status"):
            rows = [row for row in rows if data["status"] in row.statuses]
        return rows


class ReviewColumn(Column):
    cell_template_name = "hub/admin/tables/review_cell.html"


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


class CoverageReportView(ReportView):
    """Every page and translatable snippet in every locale: what is left to translate."""

    page_title = gettext_lazy("Translation coverage")
    header_icon = "site"
    index_url_name = "hub_translation:coverage"
    index_results_url_name = "hub_translation:coverage_results"
    filterset_class = CoverageFilterSet
    paginate_by = 50
    export_filename = "translation-coverage"
    list_export = [
        "title",
        "type_label",
        "source_language_name",
        "language_name",
        "status_label",
        "percent",
        "outdated",
        "machine_unreviewed",
        "edit_url",
    ]
    export_headings = {
        "title": gettext_lazy("Title"),
        "type_label": gettext_lazy("Type"),
        "source_language_name": gettext_lazy("Source language"),
        "language_name": gettext_lazy("Language"),
        "status_label": gettext_lazy("Status"),
        "percent": gettext_lazy("Translated (%)"),
        "outdated": gettext_lazy("Outdated"),
        "machine_unreviewed": gettext_lazy("Machine translation, not reviewed"),
        "edit_url": gettext_lazy("Link"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_works_on_translations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        yes_no = {self.FORMAT_CSV: _yes_no, self.FORMAT_XLSX: _yes_no}
        self.custom_field_preprocess = {
            "outdated": yes_no,
            "machine_unreviewed": yes_no,
            "edit_url": {
                self.FORMAT_CSV: request.build_absolute_uri,
                self.FORMAT_XLSX: request.build_absolute_uri,
            },
        }

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Title"), get_url=lambda row: row.edit_url),
            Column("type_label", label=_("Type")),
            Column("language_name", label=_("Language")),
            Column("percent_display", label=_("Translated")),
            Column("status_label", label=_("Status")),
            ReviewColumn("review_url", label=_("Review")),
        ]

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = Locale.objects.none()  # the rows are filtered in Python
        return kwargs

    def get_queryset(self):
        return sort_rows(coverage_rows(), locale_scope(self.request.user))


class TranslationCoveragePanel(Component):
    """Dashboard panel: per language, how much is translated; the user's queue first."""

    name = "translation_coverage"
    template_name = "hub/admin/coverage_panel.html"
    order = 150
    queue_length = 5

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        scope = locale_scope(request.user)
        rows = sort_rows(coverage_rows(), scope)
        locales = [loc for loc in ordered_locales() if scope.allows(loc.pk)] + [
            loc for loc in ordered_locales() if not scope.allows(loc.pk)
        ]
        queue = [
            row for row in rows if COMPLETE not in row.statuses and scope.allows(row.locale.pk)
        ][: self.queue_length]
        return {
            "summaries": summarise(rows, locales),
            "queue": queue,
            "report_url": reverse("hub_translation:coverage"),
            "scoped": scope.restricted,
        }


class ReviewTranslationView(WagtailAdminTemplateMixin, TemplateView):
    """A reviewer reads the machine-made strings of one translation and approves them."""

    template_name = "hub/admin/review_translation.html"
    page_title = gettext_lazy("Review machine translation")
    header_icon = "check"

    def dispatch(self, request, translation_id):
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"), pk=translation_id
        )
        try:
            self.target = self.translation.get_target_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not user_can_review(request.user, self.target):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_subtitle(self):
        return f"{self.target} ({self.translation.target_locale.get_display_name()})"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strings = machine_strings(self.translation).select_related("translation_of", "context")
        context.update(
            {
                "translation": self.translation,
                "target": self.target,
                "strings": strings,
                "edit_url": self.translation.get_target_instance_edit_url(),
                "next_url": get_valid_next_url_from_request(self.request),
            }
        )
        return context

    def post(self, request):
        count = mark_reviewed(self.translation, request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d machine-translated string of '%(object)s' marked reviewed.",
                    "%(count)d machine-translated strings of '%(object)s' marked reviewed.",
                    count,
                )
                % {"count": count, "object": self.target},
            )
        else:
            messages.info(request, _("There was nothing left to review."))
        return redirect(
            get_valid_next_url_from_request(request) or reverse("hub_translation:coverage")
        )


def urlpatterns():
    return [
        path("coverage/", CoverageReportView.as_view(), name="coverage"),
        path(
            "coverage/results/",
            CoverageReportView.as_view(results_only=True),
            name="coverage_results",
        ),
        path("review/<int:translation_id>/", ReviewTranslationView.as_view(), name="review"),
    ]
