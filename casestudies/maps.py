"""Map markers of case studies: the data one map component and one script draw.

A map of many case studies (the home page, the finder, a country profile) loads its
markers from the finder's ``markers.json`` with the same filters, so the page's HTML stays
small whatever the number of case studies; the list beside the map is the accessible
alternative without JavaScript. A single case study's point is embedded in its page.

``markers.json`` is compact and streamed from one query read in chunks::

    {"base": "/en/case-studies/", "countries": {"FR": "France"},
     "fields": ["id", "lat", "lon", "title", "slug", "city", "code"],
     "markers": [[12, 43.96, 5.78, "Olive mill coworking", "olive-mill", "Forcalquier", "FR"]]}

Country names are given in the index's language: an untranslated case study still points
to its country.
"""

import json

from django.conf import settings
from django.http import StreamingHttpResponse

from hub.privacy import public_q

from .models import CaseStudyPage

CHUNK_SIZE = 1000
FIELDS = ("id", "lat", "lon", "title", "slug", "city", "code")


def single_marker(page) -> list[dict]:
    """One case study's point, embedded in its own page."""
    return [
        {
            "id": page.pk,
            "title": page.title,
            "url": "",
            "lat": round(page.latitude, 5),
            "lon": round(page.longitude, 5),
            "city": page.city,
            "country": page.country.name,
            "code": page.country.code,
        }
    ]


def markers_response(finder, request):
    """The finder's case studies as map markers (a fixed number of queries)."""
    base = finder.index.get_url(request)
    countries = {code: term.name for code, term in finder.countries().items()}
    rows = (
        finder.filtered()
        .values_list("pk", "latitude", "longitude", "title", "slug", "city", "country__code")
        .iterator(chunk_size=CHUNK_SIZE)
    )

    def chunks():
        head = {"base": base, "countries": countries, "fields": FIELDS}
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "markers": ['
        for number, (pk, lat, lon, title, slug, city, code) in enumerate(rows):
            marker = [pk, round(lat, 5), round(lon, 5), title, slug, city, code]
            yield ("," if number else "") + "\n" + json.dumps(marker, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def locale_case_studies(locale_id):
    """Live, public case studies of one language (the home page's map)."""
    return CaseStudyPage.objects.live().filter(public_q()).filter(locale_id=locale_id)


def country_case_studies(country, locale_id):
    """Live, public case studies of one country in one language (a country profile's map).

    Matched by the country's code, so an untranslated case study (an alias still pointing
    to the English country) is found too.
    """
    return locale_case_studies(locale_id).filter(country__code=country.code)


def tile_settings() -> dict:
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
