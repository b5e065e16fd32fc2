"""GET /api/v2/compliance/: a site's self-assessment (Decree 224/2026 Art. 12), for the national measurement platform.

The site is asked for as everywhere in the API (Host or ?site=); `?period=` is one of the dashboard's periods:
30d (default), 2026 (a year), 2026-h1 or 2026-h2 (a half-year). The numbers are the admin dashboard's.
"""

from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from django.urls import path

from wagtail.api.v2.utils import BadRequestError

from compliance import assessment, figures

from .base import APIError, SiteScopedMixin
from .navigation import _NoModel


class ComplianceAPIViewSet(SiteScopedMixin, ViewSet):
    model = _NoModel
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    known_query_parameters = frozenset({"site", "period", "format"})
    # Recomputed each night, not on publishing: the version stamps that key the response cache would not follow.
    http_cacheable = False

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "assessment_view"}), name="listing")]

    def assessment_view(self, request):
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"query parameter is not an operation or a recognised field: {', '.join(unknown)}")
        key = request.GET.get("period", "30d")
        period = figures.period(key)
        if period is None:
            raise APIError(
                f"Kỳ “{key}” không hợp lệ; dùng 30d, một năm (2026) hoặc nửa năm (2026-h1, 2026-h2).",
                code="invalid_value",
            )
        return Response(assessment.assess(self.unit, period))
