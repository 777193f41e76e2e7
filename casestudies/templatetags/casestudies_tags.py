"""Maps of case studies, links to the finder and the citation box, for any page's template;
the finder's cards, facet options and the pictures of lists, written here for speed.

``{% case_study_map %}`` draws the case studies of the current language (the home page),
``{% case_study_map country=page.country %}`` those of one country (a country profile),
``{% case_study_map page=page %}`` one case study's point. All share one component
(components/_map.html) and one script (hub/js/map.js). Maps of many case studies load
their markers from the finder's ``markers.json``, so the page stays small.
"""

import functools
from html import escape as html_escape

from django import template
from django.apps import apps
from django.template.base import Token
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from hub.privacy import public_q

from ..citation import citation
from ..maps import country_case_studies, locale_case_studies, single_marker, tile_settings
from ..models import CaseStudyIndexPage

register = template.Library()

_INDEX_CACHE = "_casestudies_index"


def locale_index(request, locale_id):
    """The live, public case-study index of one language, or None (one query per request)."""
    cache = getattr(request, _INDEX_CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _INDEX_CACHE, cache)
    if locale_id not in cache:
        cache[locale_id] = (
            CaseStudyIndexPage.objects.live()
            .filter(public_q())
            .filter(locale_id=locale_id)
            .only("id", "path", "depth", "url_path", "locale_id")
            .first()
        )
    return cache[locale_id]


@register.simple_tag(takes_context=True)
def case_study_finder_url(context, country=None, path="", listed=None):
    """The finder of the current page's language (``path``: one of its sub-routes),
    filtered by ``country`` if given; empty if the language has no finder.

    ``listed``: case studies the page lists already; the finder is their parent, so its
    address is read from theirs without a query.
    """
    request = context["request"]
    url = ""
    if listed:
        own = listed[0].get_url(request) or ""
        url = own[: own.rstrip("/").rfind("/") + 1]
    if not url:
        current = context.get("page")
        locale_id = getattr(current, "locale_id", None)
        index = locale_index(request, locale_id) if locale_id is not None else None
        url = (index.get_url(request) if index is not None else "") or ""
    if not url:
        return ""
    pairs = [("country", country.code)] if country is not None else []
    return url + path + (f"?{urlencode(pairs)}" if pairs else "")


@register.inclusion_tag("components/_map.html", takes_context=True)
def case_study_map(context, country=None, page=None, titled=False, count=None, listed=None):
    """``count``: how many case studies the map will show, if the page knows it already;
    ``listed``: case studies the page lists (see ``case_study_finder_url``)."""
    current = context.get("page")
    locale_id = current.locale_id if current is not None else None
    points, source = [], ""
    if page is not None:
        points = single_marker(page)
        label = _("Map: where %(title)s is") % {"title": page.title}
        map_id = f"map-case-{page.pk}"
        fallback = _("The map needs JavaScript. The place is described beside it.")
    elif country is not None:
        if count if count is not None else country_case_studies(country, locale_id).exists():
            source = case_study_finder_url(
                context, country=country, path="markers.json", listed=listed
            )
        label = _("Map of the case studies in %(country)s") % {"country": country.name}
        map_id = f"map-country-{country.code.lower()}"
        fallback = _("The map needs JavaScript. The list below shows the same case studies.")
    else:
        if locale_case_studies(locale_id).exists():
            source = case_study_finder_url(context, path="markers.json")
        label = _("Map of the case studies")
        map_id = "map-case-studies"
        fallback = _("The map needs JavaScript. The case-study finder lists the same spaces.")
    return {
        "map_id": map_id,
        "data_id": f"{map_id}-data",
        "markers": points,
        "source": source,
        "label": label,
        "fallback": fallback,
        "single": page is not None,
        "tile": tile_settings(),
        "heading": _("Case studies on the map") if titled else "",
    }


@register.inclusion_tag("components/_cite.html", takes_context=True)
def cite_case_study(context, page):
    return {"citation": citation(page, context["request"]), "page": page}


class _PictureNodeParsedOnce(PictureNode):
    """Wagtail's ``{% picture %}`` node, keeping its filters: Wagtail makes new ``Filter``
    objects on every render, each parsing its spec again to find a rendition (through
    ``Filter.get_cache_key``): 72 parses for the 12 cards of a finder page. The specs
    are written in the template, so one set of filters serves every render.

    The HTML is Wagtail's ``Picture`` markup, written by ``picture_html``."""

    def get_filters(self):
        filters = getattr(self, "_filters", None)
        if filters is None:
            filters = self._filters = super().get_filters()
        return filters

    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        return picture_html(renditions, attrs)


def _escaped(value) -> str:
    """Django's ``conditional_escape``, without its lazy-string wrappers (a third of a
    picture's time went to them: about 40 calls a picture)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


def _attributes(attrs: dict) -> str:
    """Django's ``flatatt``: the attributes by name, then the true boolean ones."""
    pairs = sorted(
        (name, value)
        for name, value in attrs.items()
        if value is not None and not isinstance(value, bool)
    )
    flags = sorted(name for name, value in attrs.items() if value is True)
    return "".join(f' {_escaped(name)}="{_escaped(value)}"' for name, value in pairs) + "".join(
        f" {_escaped(name)}" for name in flags
    )


def picture_html(renditions: dict, attrs: dict) -> SafeString:
    """What ``Picture(renditions, attrs).__html__()`` gives (Wagtail's ``{% picture %}``):
    a ``<source>`` for each format but the fallback, then the fallback's ``<img>``; a test
    compares the two. Each rendition's URL is read once."""
    picture = Picture(renditions, attrs)
    urls = {id(rendition): rendition.url for rendition in picture.renditions}

    def srcset(group):
        if len(group) == 1:
            return urls[id(group[0])]
        return ", ".join(f"{urls[id(r)]} {r.width}w" for r in group)

    attrs = dict(attrs)
    if picture.formats:
        fallback_format = picture.get_fallback_format()
        fallback = picture.formats[fallback_format]
        sources = [
            "<source{}>".format(
                _attributes(
                    {
                        "srcset": srcset(picture.formats[fmt.name]),
                        "sizes": attrs.get("sizes"),
                        "type": fmt.mime_type,
                    }
                )
            )
            for fmt in Picture.source_format_order
            if fmt.name != fallback_format and fmt.name in picture.formats
        ]
    else:
        fallback, sources = picture.renditions, []
    if len(fallback) > 1:
        attrs["srcset"] = srcset(fallback)
    first = fallback[0]
    img = {"src": urls[id(first)], "width": first.width, "height": first.height, "alt": first.alt}
    img.update(apps.get_app_config("wagtailimages").default_attrs)
    img.update(attrs)
    return SafeString(f"<picture>{''.join(sources)}<img{_attributes(img)}></picture>")


@register.tag
def card_picture(parser, token):
    """``{% picture %}`` (same arguments, same HTML) for a template that renders it many
    times: a card in a list, or a case study's hero and gallery, on every view."""
    node = wagtail_image_tag(parser, Token(token.token_type, "picture" + token.contents[12:]))
    return _PictureNodeParsedOnce(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


@register.simple_tag
def facet_options(group) -> SafeString:
    """The ``<li>`` of each option of one of the finder's facets (``finder.FacetGroup``):
    a checkbox (its id from the facet and the value), its label (with a ``lang`` where
    its language is not the page's), and its count.

    Written here rather than in the template: with about 50 options of 8 values each,
    their loop made more than half of the variables the finder's template resolved, and
    cost 10.8 of the page's 130.7 M instructions at 1,000 pages. A test compares this
    markup with the same loop in a template."""
    name = html_escape(group.name)
    language = get_language()
    items = []
    for option in group.options:
        input_id = f"f-{name}-{html_escape(option.value)}"
        other = option.lang and option.lang != language
        lang = f' lang="{html_escape(option.lang)}"' if other else ""
        checked = " checked" if option.selected else ""
        items.append(
            f'<li><input type="checkbox" id="{input_id}" name="{name}" '
            f'value="{html_escape(option.value)}"{checked}>'
            f'<label for="{input_id}"><span{lang}>{_escaped(option.label)}</span> '
            f'<span class="facet__count">({_escaped(localize(option.count))})</span></label></li>'
        )
    return SafeString("".join(items))


CARD_PICTURE_ATTRS = {"sizes": "(max-width: 40rem) 100vw, 24rem", "alt": "", "loading": "lazy"}


@functools.cache
def _card_picture_filters() -> list:
    """The filters of the cards' pictures, made once for every card."""
    specs = Filter.expand_spec(["format-{avif,webp,jpeg}", "fill-{400x225,800x450}"])
    return [Filter(spec=spec) for spec in specs]


def _card_picture(image) -> str:
    renditions = get_renditions_or_not_found(image, _card_picture_filters())
    return picture_html(renditions, CARD_PICTURE_ATTRS)


@register.simple_tag(takes_context=True)
def case_study_card(context, case, compare_form="") -> SafeString:
    """A case study in the finder's list (``CaseStudyPage.cards`` gives ``case`` with its
    terms, hero image and renditions, and its themes' names as ``card_themes``): its
    picture (or its country's code), title, place, facts, summary and themes, and, given
    ``compare_form`` (the id of the comparison form), a "compare" checkbox named
    ``compare_param`` of the context.

    Written here rather than in a template: the 12 cards of a finder page took a quarter
    of its time as an included template (4.8 of 20 ms at 1,000 pages). Its classes are
    styled in site.css (``.case-card``)."""
    language = html_escape(case.content_language)
    title = _escaped(case.title)
    if case.hero_image:
        media = _card_picture(case.hero_image)
    else:
        code = _escaped(case.country.code)
        media = f'<span class="case-card__placeholder" aria-hidden="true">{code}</span>'
    url = _escaped(case.get_url(request=context.get("request")))
    facts = [f"<li>{_escaped(case.space_type.name)}</li>"]
    if case.year_founded:
        facts.append(f"<li>{_('Founded in %(year)s') % {'year': case.year_founded}}</li>")
    if case.desks:
        desks = ngettext("%(counter)s desk", "%(counter)s desks", case.desks)
        facts.append(f"<li>{desks % {'counter': _escaped(localize(case.desks))}}</li>")
    summary = _escaped(Truncator(case.summary).words(32, truncate=" …"))
    parts = [
        f'<article class="case-card"><div class="case-card__media">{media}</div>',
        '<div class="case-card__body">',
        f'<h3 class="case-card__title" lang="{language}"><a href="{url}">{title}</a></h3>',
        f'<p class="case-card__place">{_escaped(case.city)}, {_escaped(case.country.name)}</p>',
        f'<ul class="case-card__facts">{"".join(facts)}</ul>',
        f'<p class="case-card__summary" lang="{language}">{summary}</p>',
    ]
    if case.card_themes:
        names = "".join(f"<li>{_escaped(name)}</li>" for name in case.card_themes)
        parts.append(f'<ul class="tags" aria-label="{_("Themes")}">{names}</ul>')
    if compare_form:
        key = f"compare-{case.pk}"
        parts.append(
            f'<p class="case-card__compare"><input type="checkbox" id="{key}" '
            f'name="{_escaped(context.get("compare_param", ""))}" value="{case.pk}" '
            f'form="{_escaped(compare_form)}"><label for="{key}">{_("Compare")}'
            f'<span class="visually-hidden">: {title}</span></label></p>'
        )
    parts.append("</div></article>")
    return SafeString("".join(parts))
