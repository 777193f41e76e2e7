"""sitemap.xml for every language: real pages of every locale with their hreflang alternates.

Untranslated aliases are left out: they duplicate their source, and their canonical link
points there. Pages come in sections of ``limit`` URLs behind a sitemap index, each
section built with two queries read as plain rows (no model instances), addresses worked
out as Wagtail does but once per language, so memory and time stay flat as the hub grows.
"""

import datetime
from collections import defaultdict
from urllib.parse import quote

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page, Site

from hub.privacy import public_q

# A sitemap row: what a URL, its alternates and its lastmod need (no model instances:
# building 10,000 pages costs more than the query that reads them).
ROW_FIELDS = (
    "pk",
    "url_path",
    "translation_key",
    "locale__language_code",
    "last_published_at",
    "latest_revision_created_at",
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
            .order_by("path")
            .values(*ROW_FIELDS)
        )

    def get_latest_lastmod(self):
        """The index's lastmod: one aggregate, not a walk through every page."""
        latest = (
            self.items()
            .order_by()
            .aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))
        )
        return latest["latest"]

    def _url_builder(self):
        """Turns a row into its absolute address as ``Page.get_url`` would, without a
        page object: the language prefix is reversed once per site root and language."""
        current = self.get_wagtail_site()
        roots = []
        for root in Site.get_site_root_paths():
            with translation.override(root.language_code):
                prefix = reverse("wagtail_serve", args=("",))
            # Another site's pages keep their site's address, as get_url gives them.
            here = self.request is not None and current is not None and root.site_id == current.pk
            roots.append((root.root_path, root.language_code, root.root_url, prefix, here))

        def build(row):
            url_path, language = row["url_path"], row["locale__language_code"]
            candidates = [r for r in roots if url_path.startswith(r[0])]
            if not candidates:
                return None
            root_path, _code, root_url, prefix, here = next(
                (r for r in candidates if r[1] == language), candidates[0]
            )
            path = prefix + quote(url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
            return self.request.build_absolute_uri(path) if here else root_url + path

        return build

    def _urls(self, page, protocol, domain):
        rows = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        siblings = (
            Page.objects.live()
            .filter(public_q())
            .filter(translation_key__in={row["translation_key"] for row in rows})
            .filter(alias_of__isnull=True)
            .values(*ROW_FIELDS)
        )
        for sibling in siblings:
            translations[sibling["translation_key"]].append(sibling)

        build = self._url_builder()
        known = {}

        def address(row):
            if row["pk"] not in known:
                known[row["pk"]] = build(row)
            return known[row["pk"]]

        urls = []
        for item in rows:
            location = address(item)
            if not location:
                continue
            versions = sorted(
                translations[item["translation_key"]], key=lambda r: r["locale__language_code"]
            )
            alternates = [
                {"lang_code": version["locale__language_code"], "location": address(version)}
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
                    "lastmod": item["last_published_at"] or item["latest_revision_created_at"],
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls if url["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def section(request, sitemaps, **kwargs):
    """A sitemap section: Wagtail's (and Django's) view, its XML written directly.

    Django renders a section through a template: 30,000 alternate links for 5,000 pages
    took a second of template work; the same document is written here in a few string
    operations per address. Errors (an unknown section, a page number out of range) and
    headers (``X-Robots-Tag``, ``Last-Modified``) stay Django's.
    """
    response = sitemap_views.sitemap(request, sitemaps, **kwargs)
    if not isinstance(response, TemplateResponse) or "urlset" not in (response.context_data or {}):
        return response
    fast = HttpResponse(
        urlset_xml(response.context_data["urlset"]), content_type=response["Content-Type"]
    )
    for header, value in response.items():
        if header.lower() != "content-type":
            fast[header] = value
    return fast


def urlset_xml(urls) -> str:
    """The ``<urlset>`` Django's sitemap.xml template writes, with hreflang alternates."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        lastmod = url.get("lastmod")
        if lastmod:
            if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
                lastmod = timezone.localtime(lastmod)
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)
