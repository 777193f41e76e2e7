"""Wagtail API v2: read-only pages (filter with ?type= and ?locale=), images and documents.

Wagtail's endpoints, with two holes in their input checks closed: an ``offset`` beyond
what the database can hold and a ``find/?id=`` that is no number get a 400 with a
message, like every other bad parameter, instead of a server error.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction

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
    """Wagtail's pages endpoint with a fixed number of queries per listing, whatever the
    number of pages.

    Wagtail lists one page type as ``Type.objects.filter(pk__in=<every public page of
    the site>)``: the database reads the whole page tree to build that list (131 ms for
    the count of a listing at 60,000 pages). Here the same conditions (live, under the
    site's root or one of its translations, outside the restricted sections the request
    may not see) are applied to the type's own query (10 ms). The conditions are built
    once per request, and each page's locale comes with it.
    """

    def public_pages_q(self) -> Q:
        """``get_public_pages_queryset`` of Wagtail as one condition on pages."""
        if not hasattr(self, "_hub_public_q"):
            request = self.request
            condition = Q(live=True)
            for restriction in PageViewRestriction.objects.select_related("page"):
                if not restriction.accept_request(request):
                    condition &= ~Q(path__startswith=restriction.page.path)
            try:
                site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
            except ValueError as error:
                raise BadRequestError(str(error)) from error
            if site is None:
                condition = Q(pk__in=[])
            else:
                roots = [site.root_page]
                if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
                    roots += list(site.root_page.get_translations())
                within = Q()
                for root in roots:
                    within |= Q(path__startswith=root.path)
                condition &= within
            self._hub_public_q = condition
        return self._hub_public_q

    def get_base_queryset(self):
        return Page.objects.filter(self.public_pages_q())

    def get_queryset(self):
        try:
            models_type = self.request.GET.get("type")
            models = page_models_from_string(models_type) if models_type else [Page]
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error
        if len(models) == 1:
            queryset = models[0].objects.filter(self.public_pages_q())
        else:
            queryset = self.get_base_queryset().type(*models)
        return queryset.select_related("locale")


class ImagesEndpoint(CheckedInputMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(CheckedInputMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
