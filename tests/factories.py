"""Factories for every page type, snippet and block (one place; no copy-pasted helpers)."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About the network {n}")
    introduction = "Who we are and how the network works."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "CoWorkMed Hub"
    introduction = "Case studies, guides and tools."

    class Meta:
        model = HomePage


def translate_page(page, locale, title, **fields):
    """Translate ``page`` into ``locale`` through wagtail-localize and publish it."""
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    translated = page.get_translation(locale).specific
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
