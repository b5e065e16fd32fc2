"""Maintenance notices on every site and the API, and maintenance mode while a window is in progress.

Every request asks which window is announced, so the answer lives in Django's cache (shared by every node when
REDIS_URL is set) and is dropped whenever a window is saved or deleted: a public page or a cached API response
costs no database query for it. Whether a window has started or ended is decided against the clock on each request.

During a window the admin and every public write (forms) answer 503 with Retry-After, except for operators, who
do the maintenance; public pages, feeds and the API keep being read as usual.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from security.admin_hosts import under_admin
from sites.ownership import is_operator

from .models import MaintenanceWindow

CACHE_KEY = "portal-operations:maintenance-windows"
# Saving or deleting a window drops the cached list at once; the timeout only bounds a change made behind the ORM.
CACHE_SECONDS = 300
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Operators must still sign in (and out) to do the maintenance.
SIGN_IN_URL_NAMES = ("wagtailadmin_login", "wagtailadmin_logout")
HEADER = "X-Portal-Maintenance"
# Load balancers' probes speak for the node, not to the public, and must not depend on the cache or the database.
PROBE_URL_NAMES = ("healthz", "readyz")


def announced_windows():
    windows = cache.get(CACHE_KEY)
    if windows is None:
        windows = list(MaintenanceWindow.objects.announced())
        cache.set(CACHE_KEY, windows, CACHE_SECONDS)
    return windows


def forget_windows(**kwargs):
    cache.delete(CACHE_KEY)


def connect_invalidation():
    for signal in (post_save, post_delete):
        signal.connect(forget_windows, sender=MaintenanceWindow, dispatch_uid=f"maintenance-{signal is post_save}")


def current_notice(now=None):
    """The window to announce now (the one in progress, else the next), or None."""
    now = now or timezone.now()
    return next((window for window in announced_windows() if window.ends_at > now), None)


def request_notice(request):
    """`current_notice()` once per request: the page cache's key, this middleware and the banner each ask for it."""
    if not hasattr(request, "maintenance_notice"):
        request.maintenance_notice = current_notice()
    return request.maintenance_notice


def notice_data(window):
    """The notice as the API gives it: times in ISO 8601 with Hanoi's offset, the period in Vietnamese."""
    if window is None:
        return None
    return {
        "starts_at": timezone.localtime(window.starts_at).isoformat(),
        "ends_at": timezone.localtime(window.ends_at).isoformat(),
        "in_progress": window.starts_at <= timezone.now(),
        "period": window.period,
        "message": window.message,
        "emergency": window.is_emergency,
    }


def refused_during_maintenance(request):
    if under_admin(request):
        signing_in = request.path_info in {reverse(name) for name in SIGN_IN_URL_NAMES}
        return not signing_in and not is_operator(request.user)
    return request.method not in SAFE_METHODS


def maintenance_response(request, window):
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"message": f"Hệ thống đang bảo trì {window.period}. {window.message}", "code": "maintenance"},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        page = render_to_string("operations/maintenance_503.html", {"window": window}, request=request)
        response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(window.seconds_left)
    return response


class MaintenanceMiddleware:
    """Announce the window on every response (header), and refuse the admin and public writes while it lasts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in {reverse(name) for name in PROBE_URL_NAMES}:
            return self.get_response(request)
        window = request_notice(request)
        if window and window.starts_at <= timezone.now() and refused_during_maintenance(request):
            return maintenance_response(request, window)
        response = self.get_response(request)
        if window:
            # An ISO 8601 interval, for API clients and front ends that do not read the sites directory.
            notice = notice_data(window)
            response[HEADER] = f"{notice['starts_at']}/{notice['ends_at']}"
        return response
