"""What every endpoint of the portal's API shares: the site asked for, and errors a citizen developer can read."""

from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.functional import cached_property

from wagtail.api.v2.utils import BadRequestError

from sites.resolve import requested_hostname, site_by_hostname

from .params import ParameterError, check_query
from .remembered import remembered


class APIError(Exception):
    """An error with a Vietnamese message and a stable machine-readable code."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message, code="bad_request", status_code=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status_code = status_code or self.status_code


class UnknownSite(APIError):
    status_code = status.HTTP_404_NOT_FOUND

    def __init__(self, hostname):
        super().__init__(
            f"Không có trang thông tin điện tử nào với tên miền “{hostname}”. "
            "Danh sách các trang và tên miền có tại /api/v2/sites/.",
            code="unknown_site",
        )


def error_response(message, code, status_code, detail=None):
    data = {"message": message, "code": code}
    if detail:
        data["detail"] = detail
    return Response(data, status=status_code)


class PortalAPIMixin:
    """Vietnamese errors for every endpoint; Wagtail's English explanation stays in `detail`.

    Every query parameter passes api/params.py first: control characters, oversized values and pagination the
    database cannot take get a 400 before any endpoint reads them.
    """

    def initial(self, request, *args, **kwargs):
        check_query(request.GET)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, APIError):
            return error_response(exc.message, exc.code, exc.status_code)
        if isinstance(exc, ParameterError):
            return error_response("Giá trị tham số không hợp lệ.", exc.code, 400, exc.message)
        if isinstance(exc, Http404):
            return error_response("Không tìm thấy nội dung này trên trang được hỏi.", "not_found", 404)
        if isinstance(exc, BadRequestError):
            return error_response("Yêu cầu không hợp lệ, hãy kiểm tra các tham số.", "bad_request", 400, str(exc))
        if isinstance(exc, (ValidationError, ValueError, OverflowError, DataError)):
            # A value the database cannot compare (a malformed date, an id out of range): the client's mistake.
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            return error_response("Giá trị tham số không hợp lệ.", "invalid_value", 400, detail)
        if isinstance(exc, MethodNotAllowed):
            return error_response("API chỉ cho phép đọc (GET).", "method_not_allowed", 405)
        return super().handle_exception(exc)


class SiteScopedMixin(PortalAPIMixin):
    """Every request is about one site, chosen by `?site=<hostname>` or the Host header; never a fallback."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        hostname = requested_hostname(request)
        site = remembered(request, "site", lambda: site_by_hostname(hostname))
        if site is None or getattr(site, "unit", None) is None:
            raise UnknownSite(hostname)
        self.site = site
        # Wagtail's own helpers (detail_url, html_path lookups) then use this site, not the Host's fallback.
        request._request._wagtail_site = site

    @cached_property
    def unit(self):
        return self.site.unit


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/v2/: a JSON 404, not the site's HTML page."""
    return JsonResponse(
        {"message": "Không có địa chỉ API này. Danh sách có tại /api/v2/openapi.json.", "code": "not_found"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
