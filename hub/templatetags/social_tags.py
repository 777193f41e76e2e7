"""OpenGraph and Twitter-card metadata for every page: what a shared link shows."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .hub_tags import _is_page, canonical_url, page_versions

register = template.Library()

SITE_NAME = "CoWorkMed Hub"
# OpenGraph wants language_TERRITORY.
OG_LOCALES = {
    "en": "en_GB",
    "fr": "fr_FR",
    "it": "it_IT",
    "es": "es_ES",
    "el": "el_GR",
    "hr": "hr_HR",
}
# A fixed size every network previews well (1.91:1), as JPEG for the widest support.
SHARE_RENDITION = "fill-1200x630|format-jpeg|jpegquality-80"
DESCRIPTION_FIELDS = ("search_description", "summary", "introduction")


def _description(page) -> str:
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return _(
        "Case studies, guides and tools from a Mediterranean network of coworking spaces "
        "and third places."
    )


def _share_image(page):
    image = getattr(page, "hero_image", None) or getattr(page, "social_image", None)
    if image is None:
        return None
    try:
        # ``get_renditions``, not ``get_rendition``, which writes the rendition to
        # Wagtail's rendition cache on every call, even when the page's view fetched it
        # with the image's other renditions (``CaseStudyPage.gallery``).
        [rendition] = image.get_renditions(SHARE_RENDITION).values()
    except (OSError, ValueError):
        return None  # a missing or unreadable file: share without an image
    alt = getattr(page, "hero_image_alt", "") or getattr(image, "default_alt_text", "") or ""
    return {"rendition": rendition, "alt": alt or page.title}


@register.inclusion_tag("components/_social_meta.html", takes_context=True)
def social_meta(context, title=""):
    request = context["request"]
    page = context.get("page")
    language = translation.get_language() or settings.LANGUAGE_CODE
    data = {
        "site_name": SITE_NAME,
        "url": canonical_url(request, page),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [],
        "type": "website",
        "title": title or SITE_NAME,
        "description": _description(None),
        "image": None,
    }
    if _is_page(page):
        data["title"] = title or page.seo_title or page.title
        data["description"] = _description(page)
        data["type"] = "article" if page.depth > 2 else "website"
        versions = page_versions(request, page)
        data["alternate_locales"] = [
            OG_LOCALES.get(code, code)
            for code, version in sorted(versions.items())
            if code != language and version.alias_of_id is None
        ]
        image = _share_image(page)
        if image is not None:
            rendition = image["rendition"]
            data["image"] = {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image["alt"],
            }
    return data
