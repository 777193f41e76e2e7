"""Wagtail API v2: read-only pages (filter with ?type= and ?locale=), images and documents.

Wagtail's endpoints, with two holes in their input checks closed: an ``offset`` beyond
what the database can hold and a ``find/?id=`` that is no number get a 400 with a
message, like every other bad parameter, instead of a server error.
"""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# Far beyond any listing, far below the 64-bit integers databases take in LIMIT/OFFSET.
MAX_OFFSET = 10**9


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        raw = request.GET.get("offset", "0").strip()
        if raw.isascii() and raw.isdigit() and int(raw) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class CheckedInputMixin:
    """Bad ``offset`` and ``find/?id=`` values are the client's error (400), not ours."""

    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        if "id" in request.GET:
            raw = request.GET["id"].strip()
            if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
                raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


class PagesEndpoint(CheckedInputMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint with a fixed number of queries per listing: the public
    pages' queryset is built once per request (Wagtail builds it three times, reading the
    view restrictions each time) and each page's locale comes with it."""

    def get_base_queryset(self):
        if not hasattr(self, "_hub_base_queryset"):
            self._hub_base_queryset = super().get_base_queryset()
        return self._hub_base_queryset

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


class ImagesEndpoint(CheckedInputMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(CheckedInputMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
