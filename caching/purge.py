"""Tell a proxy or CDN in front (nginx, Varnish, Cloudflare…) what to forget, through Wagtail's frontend_cache.

The backends come from WAGTAILFRONTENDCACHE (cms/settings/base.py builds it from the environment); with none
configured nothing is sent. The URLs a change touches are collected during the transaction and sent once, after
it commits (a proxy asked before the commit would fetch the old page again): the changed pages themselves, the
listings and feeds of their sections, and every changed site's home page, feeds and sitemap. Other pages of a site
(a notice shows on all of them) expire at the proxy after their s-maxage (caching/pages.py), which is short.

The version stamps (caching/versions.py) call `purge_later`; this module never decides what changed.
"""

import logging
import threading

from django.db import connection, transaction

from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Site

logger = logging.getLogger("portal.caching")

# The paths every site serves whatever its content: home, whole-site feeds, sitemap.
SITE_PATHS = ("/", "/rss.xml", "/atom.xml", "/sitemap.xml")
SECTION_FEEDS = ("rss.xml", "atom.xml")

_pending = threading.local()


def configured():
    return bool(get_backends())


def _page_urls(page):
    """The page's own URL, and its parent's (the section listing showing it) with that section's feeds."""
    urls = set()
    for node, feeds in ((page, ()), (page.get_parent(), SECTION_FEEDS)):
        url = node.specific_deferred.get_full_url() if node else None
        if url:
            urls.update([url, *(url + feed for feed in feeds)])
    return urls


def _site_urls(hostnames, every_site):
    sites = Site.objects.all() if every_site else Site.objects.filter(hostname__in=hostnames)
    return {site.root_url + path for site in sites for path in SITE_PATHS}


def _waiting(batch):
    """Whether the batch's purge still waits for its commit (a rollback, or the commit itself, clears the list)."""
    return batch is not None and any(func is batch["send"] for _ids, func, _robust in connection.run_on_commit)


def purge_later(hostnames, pages=(), every_site=False):
    """Purge these sites' fixed URLs (every site's) and these pages' URLs once the transaction commits."""
    if not configured():
        return
    batch = getattr(_pending, "batch", None)
    new = not _waiting(batch)
    if new:
        batch = _pending.batch = {"hostnames": set(), "urls": set(), "every_site": False}
        batch["send"] = lambda: _send(batch)
    batch["hostnames"].update(hostnames)
    batch["every_site"] |= every_site
    for page in pages:
        batch["urls"].update(_page_urls(page))
    if new:
        # Last: outside a transaction on_commit runs the purge at once.
        transaction.on_commit(batch["send"])


def _send(batch):
    urls = batch["urls"] | _site_urls(batch["hostnames"], batch["every_site"])
    logger.info("Purging %d URLs from the frontend cache", len(urls))
    PurgeBatch(urls).purge()
