"""The search page and the autocomplete endpoint, under each language's prefix."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from . import analytics, engine
from .facets import TYPE_PARAM, parse_filters
from .query import clean_query, normalise_for_stats

TEMPLATE = "pages/search.html"


def _page_number(raw) -> int:
    """A page number from the URL; anything that is not a small positive integer is 1."""
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4:
        return 1
    return max(1, int(raw))


def _url(path: str, pairs) -> str:
    pairs = [(key, value) for key, value in pairs if value not in ("", None)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _presentation(request, outcome) -> dict:
    """URLs the template needs: pagination, removing a filter, clearing them all."""
    path = request.path
    query_pair = [("q", outcome.query)]
    filter_pairs = outcome.filters.params()
    labels = {
        (group.name, value.value): (group.label, value.label)
        for group in outcome.facets
        for value in group.values
    }
    active_filters = [
        {
            "group": labels.get(pair, (pair[0], pair[1]))[0],
            "label": labels.get(pair, (pair[0], pair[1]))[1],
            "remove_url": _url(path, query_pair + outcome.filters.params(without=pair)),
        }
        for pair in filter_pairs
    ]
    pagination = {}
    page = outcome.page
    if page is not None and page.paginator.num_pages > 1:
        last = min(page.paginator.num_pages, engine.MAX_PAGES)
        if page.number > 1:
            pagination["previous"] = _url(
                path, [*query_pair, *filter_pairs, ("page", page.number - 1)]
            )
        if page.number < last:
            pagination["next"] = _url(path, [*query_pair, *filter_pairs, ("page", page.number + 1)])
        pagination["number"] = page.number
        pagination["count"] = last
    return {
        "active_filters": active_filters,
        "clear_filters_url": _url(path, query_pair),
        "other_languages_url": _url(path, [*query_pair, *filter_pairs, ("other", "1")]),
        "pagination": pagination,
        "start_index": page.start_index() if page is not None else 1,
        "type_param": TYPE_PARAM,
    }


@require_safe
def search(request):
    language = translation.get_language()
    query = clean_query(request.GET.get("q"))
    filters = parse_filters(request.GET)
    page_number = _page_number(request.GET.get("page"))
    context = {"query": query, "outcome": None, "unavailable": False}
    status = 200
    try:
        outcome = engine.search(
            query,
            language,
            filters,
            page_number,
            request=request,
            other_languages=request.GET.get("other") == "1",
        )
    except engine.SearchUnavailable:
        context["unavailable"] = True
        status = 503
    else:
        context["outcome"] = outcome
        context.update(_presentation(request, outcome))
        if outcome.terms and page_number == 1 and not filters.active:
            analytics.record_search(normalise_for_stats(query), language, outcome.total)
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


@require_safe
def autocomplete(request):
    language = translation.get_language()
    query = clean_query(request.GET.get("q"))
    try:
        results = engine.autocomplete(query, language, request=request)
    except engine.SearchUnavailable:
        message = translation.gettext("Search is unavailable at the moment.")
        return JsonResponse({"query": query, "results": [], "error": message}, status=503)
    return JsonResponse({"query": query, "results": results})
