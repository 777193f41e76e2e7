"""sitemap.xml for every language: real pages of every locale with their hreflang alternates.

Untranslated aliases are left out: they duplicate their source, and their canonical link
points there. Pages come in sections of ``limit`` URLs behind a sitemap index, each
section built with two queries, so memory and time stay flat as the hub grows.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from hub.privacy import public_q

PAGE_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "translation_key",
    "locale",
    "last_published_at",
    "latest_revision_created_at",
    "live",
    "alias_of",
)


class MultilingualSitemap(Sitemap):
    limit = 5000

    def items(self):
        site = self.get_wagtail_site()
        homes = site.root_page.get_translations(inclusive=True).only("path")
        in_a_home = Q()
        for home in homes:
            in_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .filter(public_q())
            .filter(in_a_home, alias_of__isnull=True)
            .select_related("locale")
            .only(*PAGE_FIELDS)
            .order_by("path")
        )

    def _absolute(self, page):
        url = page.get_url(self.request)
        if url and self.request is not None and not url.startswith("http"):
            return self.request.build_absolute_uri(url)
        return url

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        siblings = (
            Page.objects.live()
            .filter(public_q())
            .filter(translation_key__in={p.translation_key for p in pages}, alias_of__isnull=True)
            .select_related("locale")
            .only(*PAGE_FIELDS)
        )
        for sibling in siblings:
            translations[sibling.translation_key].append(sibling)

        urls = []
        for item in pages:
            location = self._absolute(item)
            if not location:
                continue
            versions = sorted(
                translations[item.translation_key], key=lambda p: p.locale.language_code
            )
            alternates = [
                {"lang_code": version.locale.language_code, "location": self._absolute(version)}
                for version in versions
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if len(alternates) > 1 and default is not None:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls if url["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
