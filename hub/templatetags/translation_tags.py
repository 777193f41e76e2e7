"""Notices about the language of a page's content, for visitors."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Page

from hub.translation.review import has_unreviewed_machine_translation

from .hub_tags import page_versions

register = template.Library()


def _original(request, page, language_code):
    """(url, language code, language name in the visitor's language) of a page version."""
    name = str(get_language_info(language_code)["name_translated"])
    if not translation.get_language().startswith("en"):
        # In French, Italian, Spanish, Greek and Croatian a language name is a common
        # noun: "Lire l'original (anglais)", not "(Anglais)".
        name = name[:1].lower() + name[1:]
    return page.get_url(request), language_code, name


@register.inclusion_tag("components/_translation_notice.html", takes_context=True)
def translation_notice(context):
    """What the visitor should know about the language of this page's content.

    - ``untranslated``: the page is not translated into the visitor's language; they read
      the original (a not-yet-translated alias, or a page found in another language's
      tree), with a link to it;
    - ``machine``: the page was translated by a machine and no reviewer has approved it;
      a link leads to the original.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or page.pk is None:
        return {"notice": None}
    current = translation.get_language()

    if page.alias_of_id is not None and page.alias_of.locale_id != page.locale_id:
        source = page.alias_of
        url, code, name = _original(request, source, source.locale.language_code)
        return {"notice": "untranslated", "url": url, "code": code, "language": name}

    # The page's language, from the versions the switcher reads anyway (no extra query).
    language_code = (
        next(
            (
                code
                for code, version in page_versions(request, page).items()
                if version.pk == page.pk
            ),
            None,
        )
        or page.locale.language_code
    )
    if language_code != current:
        url, code, name = _original(request, page, language_code)
        return {"notice": "untranslated", "url": url, "code": code, "language": name}

    if has_unreviewed_machine_translation(page):
        versions = page_versions(request, page)
        originals = [
            (code, version)
            for code, version in versions.items()
            if code != current and version.alias_of_id is None
        ]
        originals.sort(key=lambda item: item[0] != settings.LANGUAGE_CODE)
        notice = {"notice": "machine"}
        if originals:
            code, version = originals[0]
            url, code, name = _original(request, version, code)
            notice.update({"url": url, "code": code, "language": name})
        return notice
    return {"notice": None}
