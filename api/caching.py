"""HTTP caching of the API: ETag / Last-Modified with 304s, a short shared response cache, CORS.

Every cached response is keyed by the hostname asked about and by two version stamps kept in Django's cache: the
site's own and a global one. Publishing, unpublishing, deleting or moving a page bumps its site's stamp; shared
content (city notices, taxonomies, units) bumps the global stamp. A bumped stamp changes every key, so the next
request renders afresh; nothing is deleted. With several processes the stamps must live in a shared cache
(production sets REDIS_URL); with a per-process cache, entries still expire after PORTAL_API_CACHE_SECONDS.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import Category, ContactCard, Field, Notice, Official
from home.signals import pages_imported
from operations.models import MaintenanceWindow
from sites.models import Unit
from sites.resolve import requested_hostname
from syndication.signals import copies_shown, copies_withdrawn

from .params import ParameterError, check_query

GLOBAL = "*"


def _version_key(hostname):
    return f"portal-api:version:{hostname}"


def versions(hostname):
    """The (site, global) stamps for a hostname; a stamp nobody has set yet starts now."""
    keys = [_version_key(hostname), _version_key(GLOBAL)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time(), None)
            found[key] = cache.get(key)
    return found[keys[0]], found[keys[1]]


def bump(hostnames):
    """Invalidate the API responses of these hostnames (GLOBAL: every site)."""
    now = time.time()
    cache.set_many({_version_key(hostname): now for hostname in hostnames}, None)


def hostnames_of_pages(pages):
    """The hostnames of the sites these pages live on; GLOBAL when one is outside every site (a translation tree)."""
    home_paths = {page.path[: page.steplen * 2] for page in pages}
    found = dict(Site.objects.filter(root_page__path__in=home_paths).values_list("root_page__path", "hostname"))
    return set(found.values()) | ({GLOBAL} if home_paths - set(found) else set())


def invalidate_pages(pages):
    """Invalidate every site showing these pages. Syndication calls this with the copies on other sites too."""
    pages = [page for page in pages if page.path]
    if pages:
        bump(hostnames_of_pages(pages))


def _page_changed(sender, instance, **kwargs):
    invalidate_pages([instance])


def _shared_content_changed(sender, instance, **kwargs):
    bump([GLOBAL])


def _collection_item_changed(sender, instance, **kwargs):
    unit = getattr(instance.collection, "unit", None) if instance.collection_id else None
    site = getattr(unit, "site", None)
    bump([site.hostname if site else GLOBAL])


def _unit_owned_changed(sender, instance, **kwargs):
    unit = instance.unit
    # A city notice may target every site.
    bump([GLOBAL if unit.kind == Unit.Kind.CITY or unit.site is None else unit.site.hostname])


def _copies_changed(sender, placements, **kwargs):
    """Syndicated copies shown, shown anew or withdrawn: their target sites' responses change."""
    if len(placements) == 1 and type(placements[0]).target_unit.is_cached(placements[0]):
        site = placements[0].target_unit.site  # the usual single accept or revoke: no query
        hostnames = {site.hostname} if site else set()
    else:
        unit_ids = {placement.target_unit_id for placement in placements}
        hostnames = set(
            Unit.objects.filter(pk__in=unit_ids, site__isnull=False).values_list("site__hostname", flat=True)
        )
    bump(hostnames)


def connect_invalidation():
    copies_shown.connect(_copies_changed, dispatch_uid="headless-copies-shown")
    copies_withdrawn.connect(_copies_changed, dispatch_uid="headless-copies-withdrawn")
    page_published.connect(_page_changed, dispatch_uid="headless-published")
    page_unpublished.connect(_page_changed, dispatch_uid="headless-unpublished")
    pages_imported.connect(
        lambda sender, pages, **kw: invalidate_pages(pages), weak=False, dispatch_uid="headless-imported"
    )
    post_page_move.connect(_shared_content_changed, dispatch_uid="headless-moved")
    post_delete.connect(
        lambda sender, instance, **kw: isinstance(instance, Page) and _page_changed(sender, instance),
        weak=False,
        dispatch_uid="headless-page-deleted",
    )
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            lambda sender, instance, **kw: _page_changed(sender, instance.page),
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"headless-restriction-{name}",
        )
        for model in (get_image_model(), get_document_model()):
            signal.connect(_collection_item_changed, sender=model, dispatch_uid=f"headless-{model.__name__}-{name}")
        for model in (Notice, Official, ContactCard):
            signal.connect(_unit_owned_changed, sender=model, dispatch_uid=f"headless-{model.__name__}-{name}")
        for model in (Category, Field, Unit, Site, MaintenanceWindow):
            signal.connect(_shared_content_changed, sender=model, dispatch_uid=f"headless-{model.__name__}-{name}")


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
        site_version, global_version = versions(hostname)
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
