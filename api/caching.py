"""HTTP caching of the API: ETag / Last-Modified with 304s, a short shared response cache, CORS.

Every cached response is keyed by the hostname asked about and by its site's and the global version stamps
(caching/versions.py: what bumps them, for the API and the page cache alike). With a per-process cache, entries
still expire after PORTAL_API_CACHE_SECONDS.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from caching.versions import request_versions
from sites.resolve import requested_hostname

from .params import ParameterError, check_query


def cors(request, response):
    """Let the configured front ends read the API from a browser (PORTAL_API_CORS_ORIGINS; "*" for everyone)."""
    allowed = settings.PORTAL_API_CORS_ORIGINS
    origin = request.headers.get("Origin")
    if origin and ("*" in allowed or origin in allowed):
        response["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        response["Access-Control-Max-Age"] = "3600"
    patch_vary_headers(response, ["Origin"])
    return response


def _respond(request, content, content_type, etag, last_modified):
    response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={settings.PORTAL_API_CACHE_SECONDS}"
    patch_vary_headers(response, ["Accept"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def acceptable_query(request):
    try:
        check_query(request.GET)
    except ParameterError:
        return False
    return True


def http_cached(view, cacheable=True):
    """Wrap an API view: conditional GET and the response cache for public reads, CORS for all."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS" and request.headers.get("Origin"):
            return cors(request, HttpResponse(status=204))
        if not cacheable or request.method not in ("GET", "HEAD") or not acceptable_query(request):
            # A refused query (api/params.py) goes straight to the view's 400: it never names a cache key.
            return cors(request, view(request, *args, **kwargs))
        hostname = requested_hostname(request)
        site_version, global_version = request_versions(request)
        identity = "|".join(
            [
                hostname,
                str(site_version),
                str(global_version),
                request.get_full_path(),
                request.headers.get("Accept", ""),
            ]
        )
        key = "portal-api:response:" + hashlib.sha256(identity.encode()).hexdigest()
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return cors(request, response)
            response.render()
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            entry = (response.content, response["Content-Type"], etag, int(max(site_version, global_version)))
            cache.set(key, entry, settings.PORTAL_API_CACHE_SECONDS)
        return cors(request, _respond(request, *entry))

    return wrapped
