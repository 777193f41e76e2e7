"""The case-study index's sub-pages: the finder, the comparison and the open-data exports.

URLs, under the index's own (``/en/case-studies/``): the finder itself, ``compare/``,
``export.csv``, ``export.json``, ``export.geojson`` and ``markers.json`` (what the maps
draw, casestudies.maps). Each reads the finder's filters
from the query string, so an export of ``?country=FR&theme=rural-development`` holds
exactly the case studies the finder lists for it.
"""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from . import exports
from .compare import MAX_CASES, PARAM, compare
from .finder import PAGE_SIZE, Finder, sort_options
from .maps import markers_response, tile_settings


def finder_context(index, request) -> dict:
    finder = Finder(index, request.GET, request)
    # The count comes with the facets' (same query); each page reads only its cards.
    paginator = Paginator(finder.paged_results(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    filters = finder.filters
    facets = finder.facets()
    base_url = index.get_url(request)
    query = filters.querystring()
    remove_links = []
    for group in facets:
        for option in group.selected:
            pairs = [p for p in filters.params() if p != (group.name, option.value)]
            remove_links.append(
                {
                    "group": group.label,
                    "label": option.label,
                    "url": base_url + (f"?{urlencode(pairs)}" if pairs else ""),
                }
            )
    for name, year in (("from", filters.year_from), ("to", filters.year_to)):
        if year:
            pairs = [p for p in filters.params() if p[0] != name]
            remove_links.append(
                {
                    "group": "",
                    "label": year,
                    "name": name,
                    "url": base_url + (f"?{urlencode(pairs)}" if pairs else ""),
                }
            )
    low, high = finder.year_bounds()
    export_query = filters.querystring(sort=True)
    return {
        "finder": finder,
        "filters": filters,
        "facets": facets,
        "sort_options": sort_options(filters.sort),
        "year_bounds": (low, high),
        "active_filters": remove_links,
        "case_studies": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "elided_page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2),
        "map_source": (
            base_url + "markers.json" + filters.querystring(sort=False) if paginator.count else ""
        ),
        "map_tile": tile_settings(),
        "map_fallback": _("The map needs JavaScript. The list shows the same case studies."),
        "finder_url": base_url,
        "finder_query": query,
        "compare_url": base_url + "compare/",
        "compare_param": PARAM,
        "compare_max": MAX_CASES,
        "exports": [
            ("CSV", base_url + "export.csv" + export_query, "text/csv"),
            ("JSON", base_url + "export.json" + export_query, "application/json"),
            ("GeoJSON", base_url + "export.geojson" + export_query, "application/geo+json"),
        ],
    }


class FinderRoutesMixin(RoutablePageMixin):
    """Routes of CaseStudyIndexPage (kept here so the page model stays small)."""

    @path("")
    def finder_view(self, request):
        return self.render(request, context_overrides=finder_context(self, request))

    @path("compare/")
    def compare_view(self, request):
        finder = Finder(self, request.GET, request)
        return self.render(
            request,
            template="pages/case_study_compare.html",
            context_overrides={
                "comparison": compare(finder, request.GET),
                "finder_url": self.get_url(request),
            },
        )

    @path("markers.json/")
    def markers_json(self, request):
        return markers_response(Finder(self, request.GET, request), request)

    @path("export.csv/")
    def export_csv(self, request):
        return exports.csv_response(exports.Export(Finder(self, request.GET, request), request))

    @path("export.json/")
    def export_json(self, request):
        return exports.json_response(exports.Export(Finder(self, request.GET, request), request))

    @path("export.geojson/")
    def export_geojson(self, request):
        return exports.geojson_response(exports.Export(Finder(self, request.GET, request), request))
