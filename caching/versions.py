"""Per-site version stamps: what every cached response of a site (pages, feeds, search, the API) is keyed on.

Every cached response is keyed by the hostname asked about and by two stamps kept in Django's cache: the site's
own and a global one. Publishing, unpublishing, deleting or moving a page bumps its site's stamp; shared content
(city notices, taxonomies, units, sites, maintenance windows) bumps the global stamp; a syndicated copy shown or
withdrawn bumps its target sites' stamps. A bumped stamp changes every key, so the next request renders afresh;
nothing is deleted (the page cache keeps the previous render as its stale copy: caching/pages.py).

A stamp is set at once (the editor's own next request sees the change) and again when the transaction commits: a
citizen's request that ran between the two read the old rows and may have cached them under the first stamp.
The same changes purge a proxy or CDN in front, when one is configured (caching/purge.py).

With several processes the stamps must live in a shared cache (production sets REDIS_URL).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import Category, ContactCard, Field, Notice, Official, SiteIdentity
from home.signals import pages_imported
from operations.models import MaintenanceWindow
from sites.models import Unit
from sites.resolve import requested_hostname
from syndication.signals import copies_shown, copies_withdrawn

from . import purge

GLOBAL = "*"


def _version_key(hostname):
    return f"portal-cache:version:{hostname}"


def versions(hostname):
    """The (site, global) stamps for a hostname; a stamp nobody has set yet starts now."""
    keys = [_version_key(hostname), _version_key(GLOBAL)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time(), None)
            found[key] = cache.get(key)
    return found[keys[0]], found[keys[1]]


def request_versions(request, hostname=None):
    """The stamps of a hostname (by default the one the request asks about), read once for the whole request: the
    page cache keys a page on them and the site's chrome is kept under them (caching/chrome.py), the API's response
    cache keys on them and the API keeps the site and its bounds under them (api/remembered.py); one Redis round trip
    serves them all and they agree within the request."""
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's, which outlives it
    hostname = hostname or requested_hostname(request)
    read = request.__dict__.setdefault("portal_versions", {})
    if hostname not in read:
        read[hostname] = versions(hostname)
    return read[hostname]


def _stamp(hostnames):
    now = time.time()
    cache.set_many({_version_key(hostname): now for hostname in hostnames}, None)


def bump(hostnames, pages=()):
    """Invalidate the cached responses of these hostnames (GLOBAL: every site), now and once more at commit."""
    hostnames = set(hostnames)
    if not hostnames:
        return
    _stamp(hostnames)
    transaction.on_commit(lambda: _stamp(hostnames))
    purge.purge_later(hostnames - {GLOBAL}, pages, every_site=GLOBAL in hostnames)


def hostnames_of_pages(pages):
    """The hostnames of the sites these pages live on; GLOBAL when one is outside every site (a translation tree)."""
    home_paths = {page.path[: page.steplen * 2] for page in pages}
    found = dict(Site.objects.filter(root_page__path__in=home_paths).values_list("root_page__path", "hostname"))
    return set(found.values()) | ({GLOBAL} if home_paths - set(found) else set())


def invalidate_pages(pages):
    """Invalidate every site showing these pages. Syndication calls this with the copies on other sites too."""
    pages = [page for page in pages if page.path]
    if pages:
        bump(hostnames_of_pages(pages), pages)


def _page_changed(sender, instance, **kwargs):
    invalidate_pages([instance])


def _pages_imported(sender, pages, **kwargs):
    """An import's batch: its sites' stamps and fixed addresses; the new pages were in no cache, and asking each
    one's URLs of a 10,000-page batch for the proxy would cost queries by the page."""
    pages = [page for page in pages if page.path]
    if pages:
        bump(hostnames_of_pages(pages))


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


def _site_setting_changed(sender, instance, **kwargs):
    """A site's identity (name, contacts, logo, colour) is in every page's header and footer: that site's stamp."""
    hostname = Site.objects.filter(pk=instance.site_id).values_list("hostname", flat=True).first()
    bump([hostname or GLOBAL])


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
    copies_shown.connect(_copies_changed, dispatch_uid="versions-copies-shown")
    copies_withdrawn.connect(_copies_changed, dispatch_uid="versions-copies-withdrawn")
    page_published.connect(_page_changed, dispatch_uid="versions-published")
    page_unpublished.connect(_page_changed, dispatch_uid="versions-unpublished")
    pages_imported.connect(_pages_imported, dispatch_uid="versions-imported")
    post_page_move.connect(_shared_content_changed, dispatch_uid="versions-moved")
    post_delete.connect(
        lambda sender, instance, **kw: isinstance(instance, Page) and _page_changed(sender, instance),
        weak=False,
        dispatch_uid="versions-page-deleted",
    )
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            lambda sender, instance, **kw: _page_changed(sender, instance.page),
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"versions-restriction-{name}",
        )
        for model in (get_image_model(), get_document_model()):
            signal.connect(_collection_item_changed, sender=model, dispatch_uid=f"versions-{model.__name__}-{name}")
        for model in (Notice, Official, ContactCard):
            signal.connect(_unit_owned_changed, sender=model, dispatch_uid=f"versions-{model.__name__}-{name}")
        signal.connect(_site_setting_changed, sender=SiteIdentity, dispatch_uid=f"versions-SiteIdentity-{name}")
        for model in (Category, Field, Unit, Site, MaintenanceWindow):
            signal.connect(_shared_content_changed, sender=model, dispatch_uid=f"versions-{model.__name__}-{name}")
