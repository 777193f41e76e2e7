from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from hub import sitewide, views
from hub.api import api_router
from hub.feeds import LatestContentAtomFeed, LatestContentFeed
from hub.sitemaps import MultilingualSitemap, section

SITEMAPS = {"pages": MultilingualSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static as static_urls

    urlpatterns += static_urls(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every visitor-facing URL carries its language: /en/, /fr/, /it/, /es/, /el/, /hr/.
# A bare "/" is redirected by LocaleMiddleware to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path("feeds/rss.xml", LatestContentFeed(), name="feed-rss"),
    path("feeds/atom.xml", LatestContentAtomFeed(), name="feed-atom"),
    path("search/", include("search.urls")),
    path("", include("casestudies.urls")),
    # Wagtail's page serving (its pattern, less its own _util/ views), with the site and
    # the home page kept between requests (hub/sitewide.py). Reversed as "wagtail_serve".
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", sitewide.serve, name="hub_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
