"""API endpoints of the shared content, scoped to the site asked for (Host or ?site=)."""

from django.http import Http404

from wagtail.api.v2.views import BaseAPIViewSet

from sites.resolve import unit_for_request

from .models import Notice


class NoticesAPIViewSet(BaseAPIViewSet):
    """The notices a site shows right now: its own and the city-wide ones that target it."""

    model = Notice
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"site"}
    body_fields = [*BaseAPIViewSet.body_fields, "title", "message", "link", "level", "ends_at"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "title", "message", "link", "level", "ends_at"]

    def get_queryset(self):
        unit = unit_for_request(self.request)
        if unit is None:
            raise Http404("Không có trang nào với tên miền này.")
        return Notice.objects.shown_on(unit)
