"""The portal's URLs plus /plain-api/v2/: Wagtail's stock v2 pages endpoint, the baseline of bench/api_load.py."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as portal_urlpatterns

plain_router = WagtailAPIRouter("plainapi")
plain_router.register_endpoint("pages", PagesAPIViewSet)

# Before Wagtail's catch-all page route, which comes last in the portal's patterns.
urlpatterns = [path("plain-api/v2/", plain_router.urls), *portal_urlpatterns]
