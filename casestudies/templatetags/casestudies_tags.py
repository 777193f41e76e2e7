"""Maps of case studies and the citation box, for any page's template.

``{% case_study_map %}`` draws the case studies of the current language (the home page),
``{% case_study_map country=page.country %}`` those of one country (a country profile),
``{% case_study_map page=page %}`` one case study's point. All share one component
(components/_map.html) and one script (hub/js/map.js).
"""

from django import template
from django.utils.translation import gettext as _

from ..citation import citation
from ..maps import country_case_studies, locale_case_studies, markers, tile_settings

register = template.Library()


@register.inclusion_tag("components/_map.html", takes_context=True)
def case_study_map(context, country=None, page=None, titled=False):
    request = context["request"]
    current = context.get("page")
    locale_id = current.locale_id if current is not None else None
    if page is not None:
        points = [
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
        label = _("Map: where %(title)s is") % {"title": page.title}
        map_id = f"map-case-{page.pk}"
        fallback = _("The map needs JavaScript. The place is described beside it.")
    elif country is not None:
        points = markers(country_case_studies(country, locale_id), request, locale_id)
        label = _("Map of the case studies in %(country)s") % {"country": country.name}
        map_id = f"map-country-{country.code.lower()}"
        fallback = _("The map needs JavaScript. The list below shows the same case studies.")
    else:
        points = markers(locale_case_studies(locale_id), request, locale_id)
        label = _("Map of the case studies")
        map_id = "map-case-studies"
        fallback = _("The map needs JavaScript. The case-study finder lists the same spaces.")
    return {
        "map_id": map_id,
        "data_id": f"{map_id}-data",
        "markers": points,
        "label": label,
        "fallback": fallback,
        "single": page is not None,
        "tile": tile_settings(),
        "heading": _("Case studies on the map") if titled else "",
    }


@register.inclusion_tag("components/_cite.html", takes_context=True)
def cite_case_study(context, page):
    return {"citation": citation(page, context["request"]), "page": page}
