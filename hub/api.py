"""Wagtail API v2: read-only pages (filter with ?type= and ?locale=), images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class HubPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint with a fixed number of queries per listing: the public
    pages' queryset is built once per request (Wagtail builds it three times, reading the
    view restrictions each time) and each page's locale comes with it."""

    def get_base_queryset(self):
        if not hasattr(self, "_hub_base_queryset"):
            self._hub_base_queryset = super().get_base_queryset()
        return self._hub_base_queryset

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
