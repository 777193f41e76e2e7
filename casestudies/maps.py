"""Map markers of case studies: the data one map component and one script draw.

Markers are plain dictionaries, embedded in the page as JSON (``json_script``), so a map
costs no extra request. They carry what a popup and the base layer's country labels need.
"""

from django.conf import settings

from hub.models import Country

from .models import CaseStudyPage

MARKER_FIELDS = ("id", "title", "url_path", "latitude", "longitude", "city", "country", "locale")


def markers(queryset, request, locale_id=None) -> list[dict]:
    """One marker per case study of ``queryset`` (two queries, whatever its size).

    Country names are given in ``locale_id``'s language: an untranslated case study still
    points to the English country.
    """
    pages = queryset.select_related("country").only(
        *MARKER_FIELDS, "country__name", "country__code"
    )
    names = dict(Country.objects.filter(locale_id=locale_id).values_list("code", "name"))
    result = []
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        result.append(
            {
                "id": page.pk,
                "title": page.title,
                "url": url,
                "lat": round(page.latitude, 5),
                "lon": round(page.longitude, 5),
                "city": page.city,
                "country": names.get(page.country.code, page.country.name),
                "code": page.country.code,
            }
        )
    return result


def locale_case_studies(locale_id):
    """Live, public case studies of one language (the home page's map)."""
    return CaseStudyPage.objects.live().public().filter(locale_id=locale_id).order_by("title", "pk")


def country_case_studies(country, locale_id):
    """Live, public case studies of one country in one language (a country profile's map).

    Matched by the country's code, so an untranslated case study (an alias still pointing
    to the English country) is found too.
    """
    return locale_case_studies(locale_id).filter(country__code=country.code)


def tile_settings() -> dict:
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
