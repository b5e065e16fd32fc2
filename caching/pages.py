"""The public page cache: anonymous reads of pages, listings, feeds, sitemaps and search served from Django's cache.

A response is stored under its hostname, that site's and the global version stamps (caching/versions.py: bumped by
whatever changes what a site shows), the maintenance notice it shows, the path and the sorted query without the
tracking parameters of shared links (fbclid, zarsrc, utm_…: no page reads them); the next
publish on the site changes the key, so a citizen sees the change on the next request. Local memory per process by
default, Redis shared by every node with REDIS_URL.

Never stored, never served from the cache:
- a request with a session cookie or an Authorization header (a signed-in editor, a visitor who unlocked a
  password-protected page), the admin, the API (it has its own cache: api/caching.py), documents, POSTs;
- a response that is not a 200, sets a cookie (every form: the CSRF token), says private/no-store/no-cache, varies
  on anything but Cookie and Accept-Language, or is a preview;
- a page with a view restriction (wagtail_hooks.py marks the request before Wagtail serves it);
- a page whose HTML used the request's CSP nonce (`request.csp_nonce`): a cached copy would carry a nonce that the
  next visitor's CSP header does not allow, and reusing one nonce for everyone would turn it into a constant an
  attacker can copy. Public templates therefore take their scripts and styles from static files (the strict
  policy's 'self'); a template that needs an inline script with a nonce still works, uncached. The CSP header
  itself is written per request outside this middleware, so it is never stale.
- a response for a hostname other than the site that answered it (an unknown Host falls back to the city: its
  responses would be keyed on a stamp nobody bumps).

A miss renders once per key at a time: the first request takes a short lock (cache.add) and renders; the others
wait for its result (up to a second, so a reload after a publish shows the change), then get the previous render
of the same URL (the stale copy, kept a day) or, when there is none, wait a little longer. A render that fails
with a server error (the database restarting) is answered with the stale copy too, and so are public reads while
the database is down for a maintenance window. A URL whose render is no longer
a public 200 (unpublished, made private) loses its stale copy at once: it can stand in for nothing after that.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from operations.maintenance import request_notice
from security.admin_hosts import under_admin

from .versions import request_versions

# The page-view beacon (compliance/pageviews.py) must reach its view on every view, without the render lock.
NOT_CACHED_PREFIXES = ("/api/", "/documents/", "/csp-report/", "/healthz", "/readyz", "/luot-xem.gif")
# A response may vary on these and still be stored: Cookie is what the session-cookie bypass decides, and the
# language of a path is in the path (i18n_patterns: "/…" is always Vietnamese, "/en/…" English).
HARMLESS_VARY = {"cookie", "accept-language"}
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "X-Portal-Maintenance")
HEADER = "X-Portal-Cache"
SEARCH_PATH = "/tim-kiem/"
LOCK_SECONDS = 10
WAIT_SECONDS = 3.0
FRESH_WAIT_SECONDS = 1.0
POLL_SECONDS = 0.02
STALE_SECONDS = 24 * 3600
# Parameters that links shared on Facebook, Zalo, Google and in newsletters carry and no page reads. Left in the key,
# every visit from a post shared during a spike (each click its own fbclid) would be a miss and a render.
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "zarsrc", "igshid", "_ga", "mc_cid", "mc_eid"}
TRACKING_PREFIX = "utm_"


def cacheable_request(request):
    """An anonymous GET or HEAD of a public URL, with the cache on."""
    return (
        settings.PORTAL_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not under_admin(request)
        and not request.path_info.startswith(NOT_CACHED_PREFIXES)
    )


def seconds_for(request):
    # Search results follow the index, not the version stamps alone (a page's entry is written on publish, but
    # a pin or a popular-query report may change): they are kept briefly.
    search = request.path_info == SEARCH_PATH
    return settings.PORTAL_PAGE_CACHE_SEARCH_SECONDS if search else settings.PORTAL_PAGE_CACHE_SECONDS


def _hostname(request):
    return request.get_host().lower().split(":", 1)[0]


def _notice_state(request):
    """What the maintenance banner says now: which window, and whether it has started."""
    try:
        window = request_notice(request)
    except DatabaseError:
        # The window list left the cache while the database is down: no fresh copy can match, the stale one will.
        return "unknown"
    return f"{window.pk}:{window.starts_at <= timezone.now()}" if window else "-"


def keys(request):
    """(fresh key, stale key, last-modified time) of this request. The stale key is the URL's alone, so a page
    that cannot be rendered is answered with its last good copy whatever changed since."""
    hostname = _hostname(request)
    site_version, global_version = request_versions(request, hostname)
    query = urlencode(
        sorted(
            (name, value)
            for name, values in request.GET.lists()
            if name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIX)
            for value in values
        )
    )
    url = "|".join([hostname, request.path, query])
    fresh = "|".join([str(site_version), str(global_version), _notice_state(request), url])
    digest = hashlib.sha256
    return (
        "portal-page:" + digest(fresh.encode()).hexdigest(),
        "portal-page:stale:" + digest(url.encode()).hexdigest(),
        int(max(site_version, global_version)),
    )


def storable(request, response):
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    cache_control = response.get("Cache-Control", "")
    served_site = getattr(request, "_wagtail_site", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and vary <= HARMLESS_VARY
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not getattr(request, "page_cache_forbidden", False)
        and not getattr(request, "is_preview", False)
        and not _nonce_used(request)
        and served_site is not None
        and served_site.hostname == _hostname(request)
    )


def _nonce_used(request):
    # django-csp makes the nonce lazily: it exists only if the response's HTML asked for it.
    return isinstance(getattr(request, "_csp_nonce", None), str)


def public_cache_control(response, request):
    """Browsers and a proxy in front may keep an anonymous public response briefly; the proxy is also purged."""
    response["Cache-Control"] = (
        f"public, max-age={settings.PORTAL_PAGE_BROWSER_SECONDS}, s-maxage={seconds_for(request)}, "
        f"stale-while-revalidate={settings.PORTAL_PAGE_STALE_SECONDS}"
    )
    # The only thing the response depends on besides the URL: whether the visitor is signed in.
    response["Vary"] = "Cookie"


def entry_of(response, last_modified):
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    return {"content": response.content, "headers": headers, "etag": etag, "last_modified": last_modified}


def respond(request, entry, state):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    response[HEADER] = state
    public_cache_control(response, request)
    if state == "STALE":
        # Served while a fresh copy is being made, or while it cannot be: no one should keep this one.
        patch_cache_control(response, max_age=0, s_maxage=0)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


class PageCacheMiddleware:
    """Serve and store anonymous public responses; everything else passes, marked private when signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-cache"
            return response
        request.page_cache_candidate = True
        fresh_key, stale_key, last_modified = keys(request)
        entry = cache.get(fresh_key)
        if entry is not None:
            return respond(request, entry, "HIT")
        lock_key = fresh_key + ":lock"
        if cache.add(lock_key, 1, LOCK_SECONDS):
            try:
                return self.render(request, fresh_key, stale_key, last_modified)
            finally:
                cache.delete(lock_key)
        # Another request renders this key: its result is usually there within a render's time, and a citizen who
        # reloads after a publish must see the change. Only a render slower than that is stood in for by the stale
        # copy (or, with none, waited for a little longer).
        entry = self.wait_for(fresh_key, FRESH_WAIT_SECONDS)
        if entry is None:
            stale = cache.get(stale_key)
            if stale is not None:
                return respond(request, stale, "STALE")
            entry = self.wait_for(fresh_key, WAIT_SECONDS - FRESH_WAIT_SECONDS)
        if entry is not None:
            return respond(request, entry, "HIT")
        return self.render(request, fresh_key, stale_key, last_modified)

    def render(self, request, fresh_key, stale_key, last_modified):
        response = self.get_response(request)
        if response.status_code >= 500:
            stale = cache.get(stale_key)
            return respond(request, stale, "STALE") if stale is not None else response
        if not storable(request, response):
            if request.method == "GET":
                # The URL no longer has a public page to show (unpublished, made private, now a form): its last
                # copy must not stand in for it any more, neither beside a render nor when a render fails.
                cache.delete(stale_key)
            return response
        entry = entry_of(response, last_modified)
        cache.set(fresh_key, entry, seconds_for(request))
        cache.set(stale_key, entry, STALE_SECONDS)
        return respond(request, entry, "MISS")

    def wait_for(self, fresh_key, seconds):
        """Another request renders this key: wait briefly for its result rather than render it again."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            entry = cache.get(fresh_key)
            if entry is not None:
                return entry
        return None
