"""Editors' promoted results (wagtail.contrib.search_promotions), matched in the visitor's language.

Editors promote pages for a query in Wagtail's "Promoted search results". A promotion
applies when the visitor's query and the promoted query analyse to the same terms in
the visitor's language, so "Espaces ruraux" also brings up what was promoted for
"espace rural". Reading promotions never writes to the database (Wagtail's own
``Query.get`` would create a row for every new query).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from .analysis import analyse_query

CACHE_KEY = "hubsearch:promotion-queries"
CACHE_SECONDS = 300


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    language: str | None  # the language of the linked page's text, None for a link


def _promoted_queries() -> list[tuple[int, str]]:
    """(Query id, query string) of every query that has promotions; cached."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = list(
            Query.objects.filter(editors_picks__isnull=False)
            .distinct()
            .values_list("pk", "query_string")
        )
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def forget_promoted_queries(**kwargs):
    cache.delete(CACHE_KEY)


def connect_signals():
    """Called from the app's ready(): a changed promotion is visible at once."""
    post_save.connect(forget_promoted_queries, sender=SearchPromotion)
    post_delete.connect(forget_promoted_queries, sender=SearchPromotion)
    post_delete.connect(forget_promoted_queries, sender=Query)


def promotions_for(query: str, language: str, request=None) -> list[Promotion]:
    key = frozenset(analyse_query(query, language))
    if not key:
        return []
    query_ids = [
        pk for pk, text in _promoted_queries() if frozenset(analyse_query(text, language)) == key
    ]
    if not query_ids:
        return []
    locale = Locale.objects.filter(language_code=language).first()
    picks = list(
        SearchPromotion.objects.filter(query_id__in=query_ids)
        .select_related("page", "page__locale")
        .order_by("sort_order", "pk")
    )
    # Each promoted page, preferring its real translation in the visitor's language.
    candidates = {}
    for pick in picks:
        if pick.page_id is None:
            continue
        pages = [pick.page]
        if locale is not None and pick.page.locale_id != locale.pk:
            translation = pick.page.get_translation_or_none(locale)
            if translation is not None and translation.alias_of_id is None:
                pages.insert(0, translation)
        candidates[pick.pk] = pages
    # Only what any visitor may see: live, and neither the page nor an ancestor private.
    shown = set(
        Page.objects.filter(pk__in=[page.pk for pages in candidates.values() for page in pages])
        .live()
        .public()
        .values_list("pk", flat=True)
    )
    promotions = []
    for pick in picks:
        if pick.page_id is None:
            if pick.external_link_url:
                promotions.append(
                    Promotion(
                        pick.external_link_text or pick.external_link_url,
                        pick.external_link_url,
                        pick.description,
                        None,
                    )
                )
            continue
        page = next((page for page in candidates[pick.pk] if page.pk in shown), None)
        if page is None:
            continue
        url = page.get_url(request)
        if url and all(promotion.url != url for promotion in promotions):
            source = page.alias_of if page.alias_of_id else page
            promotions.append(
                Promotion(page.title, url, pick.description, source.locale.language_code)
            )
    return promotions
