from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import SearchTermsReportView


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("hubsearch.view_searchquerystat")


@hooks.register("register_admin_urls")
def register_search_terms_report_urls():
    return [
        path(
            "reports/search-terms/",
            SearchTermsReportView.as_view(),
            name="hubsearch_search_terms",
        ),
        path(
            "reports/search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="hubsearch_search_terms_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("hubsearch_search_terms"),
        name="search-terms",
        icon_name="search",
        order=1300,
    )
