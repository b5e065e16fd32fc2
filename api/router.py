"""The headless API's one router: Wagtail API v2 at /api/v2/, every endpoint scoped to the site asked for.

A site is asked for by `?site=<hostname>` or by the Host header; an unknown hostname gets a 404 in Vietnamese,
never the default site's content (Wagtail's own v2 views fall back to it). docs/api.md describes every endpoint.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from .caching import http_cached
from .compliance import ComplianceAPIViewSet
from .navigation import NavigationAPIViewSet
from .pages import PagePreviewAPIViewSet, SiteDocumentsAPIViewSet, SiteImagesAPIViewSet, SitePagesAPIViewSet
from .sites import SitesAPIViewSet
from .snippets import (
    CategoriesAPIViewSet,
    ContactCardsAPIViewSet,
    FieldsAPIViewSet,
    NoticesAPIViewSet,
    OfficialsAPIViewSet,
    SiteIdentityAPIViewSet,
)


class PortalAPIRouter(WagtailAPIRouter):
    """Wagtail's router, with conditional GET, the response cache and CORS around every endpoint."""

    def wrap_view(self, func):
        cacheable = getattr(getattr(func, "cls", None), "http_cacheable", True)
        return super().wrap_view(http_cached(func, cacheable=cacheable))


api_router = PortalAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", SiteDocumentsAPIViewSet)
api_router.register_endpoint("notices", NoticesAPIViewSet)
api_router.register_endpoint("categories", CategoriesAPIViewSet)
api_router.register_endpoint("fields", FieldsAPIViewSet)
api_router.register_endpoint("officials", OfficialsAPIViewSet)
api_router.register_endpoint("contacts", ContactCardsAPIViewSet)
api_router.register_endpoint("identity", SiteIdentityAPIViewSet)
api_router.register_endpoint("sites", SitesAPIViewSet)
api_router.register_endpoint("preview", PagePreviewAPIViewSet)
api_router.register_endpoint("navigation", NavigationAPIViewSet)
api_router.register_endpoint("compliance", ComplianceAPIViewSet)
