"""RSS and Atom feeds of new content, one per language.

A page type joins the feeds by setting ``in_feeds = True`` (case studies, guides, tools);
the feed reads pages through Wagtail's page API, without importing any content app.
"""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site, get_page_models

from hub.privacy import public_q

FEED_SIZE = 30


def feed_page_models():
    return [model for model in get_page_models() if getattr(model, "in_feeds", False)]


def _newest_first(page):
    published = page.first_published_at
    return (published is not None, published, page.pk)


class LatestContentFeed(Feed):
    title = _("CoWorkMed Hub: new case studies, guides and tools")
    description = _(
        "The latest practices, guides and tools published by a Mediterranean network of "
        "coworking spaces and third places."
    )

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return translation.get_language()

    def link(self, language_code):
        site = Site.find_for_request(self.request)
        home = site.root_page.localized if site else None
        return home.get_url(self.request) if home else f"/{language_code}/"

    def items(self, language_code):
        """The newest pages of every feed type: each type's newest ``FEED_SIZE``, one query
        per type (so always as many queries, whichever types the newest pages are of),
        merged by publication date."""
        newest = []
        for model in feed_page_models():
            newest += (
                model.objects.live()
                .filter(public_q())
                .filter(locale__language_code=language_code, alias_of__isnull=True)
                .order_by("-first_published_at", "-pk")[:FEED_SIZE]
            )
        newest.sort(key=_newest_first, reverse=True)
        return newest[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.specific_class._meta.verbose_name)]


class LatestContentAtomFeed(LatestContentFeed):
    feed_type = Atom1Feed
    subtitle = LatestContentFeed.description
