"""The "Search terms" report in the Wagtail admin: top and zero-result queries per language."""

import datetime
from types import SimpleNamespace

import django_filters
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchQueryStat

PERIODS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days"))]


class SearchTermsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All languages")
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=_("All time"), method="filter_period"
    )
    without_results = django_filters.BooleanFilter(
        label=_("Only searches that found nothing"),
        method="filter_without_results",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = SearchQueryStat
        fields = ["language", "period", "without_results"]

    def filter_period(self, queryset, name, value):
        since = timezone.localdate() - datetime.timedelta(days=int(value) - 1)
        return queryset.filter(date__gte=since)

    def filter_without_results(self, queryset, name, value):
        if value is True:
            return queryset.filter(zero_result_searches__gt=0)
        return queryset


class SearchTermsReportView(ReportView):
    page_title = _("Search terms")
    header_icon = "search"
    index_url_name = "hubsearch_search_terms"
    index_results_url_name = "hubsearch_search_terms_results"
    filterset_class = SearchTermsFilterSet
    any_permission_required = ["view"]
    default_ordering = "-total_searches"
    columns = [
        Column("query", label=_("Query")),
        Column("language_name", label=_("Language"), sort_key="language"),
        Column("total_searches", label=_("Searches"), sort_key="total_searches"),
        Column("total_zero", label=_("Searches that found nothing"), sort_key="total_zero"),
        Column("last_result_count", label=_("Results last time")),
    ]
    list_export = ["query", "language", "total_searches", "total_zero", "last_result_count"]
    export_headings = {
        "query": _("Query"),
        "language": _("Language"),
        "total_searches": _("Searches"),
        "total_zero": _("Searches that found nothing"),
        "last_result_count": _("Results last time"),
    }
    no_results_message = _("No searches recorded for these filters yet.")

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(SearchQueryStat)

    def get_queryset(self):
        queryset = self.filter_queryset(SearchQueryStat.objects.all())
        ordering = self.ordering or self.default_ordering
        return (
            queryset.values("language", "query")
            .annotate(
                total_searches=Sum("searches"),
                total_zero=Sum("zero_result_searches"),
            )
            .order_by(ordering, "query")
        )

    def get_filtered_queryset(self):
        return self.get_queryset()

    def decorate_paginated_queryset(self, rows):
        names = dict(settings.LANGUAGES)
        latest = {
            (stat.language, stat.query): stat.last_result_count
            for stat in SearchQueryStat.objects.filter(
                query__in=[row["query"] for row in rows]
            ).order_by("date")
        }
        return [
            SimpleNamespace(
                **row,
                language_name=names.get(row["language"], row["language"]),
                last_result_count=latest.get((row["language"], row["query"]), 0),
            )
            for row in rows
        ]
