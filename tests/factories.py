"""Factories for every page type, snippet and block (one place; no copy-pasted helpers)."""

import factory
import wagtail_factories
from anyascii import anyascii
from django.utils.text import slugify

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


def make_standard_page(parent, title, introduction="", paragraphs=(), **kwargs):
    """A live StandardPage with rich-text paragraphs in its body, under ``parent``."""
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    kwargs.setdefault("slug", slugify(anyascii(title))[:80])
    page = StandardPage(
        title=title, introduction=introduction, body=body, locale=parent.locale, **kwargs
    )
    parent.add_child(instance=page)
    return page
