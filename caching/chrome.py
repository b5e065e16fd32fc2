"""What every public page of a site shows around its content, read once per version of the site: its home page in the
language shown (the address and the name the header and footer give it), its menu, its home page's other languages,
the city portal's address and the notices shown now.

Read on every rendered page, they cost seven queries and a URL for each menu item (about 8 ms of a search page's
15); they change only when a page is published, unpublished or moved, a Site is changed or a notice saved or deleted,
which bumps the site's or the global version stamp (caching/versions.py): kept in Django's cache under those stamps,
they follow each change on the next request. A notice also starts and ends at its own time, which no stamp follows:
they are kept only until the next such moment. The site's identity is not kept here (its logo may go with an image
of another site's collection, which bumps no stamp of this one): it is read once per request
(home/templatetags/portal_tags.py).
"""

import math

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Page

from home.models import Notice
from sites.models import Unit
from sites.resolve import city_root_url, public_site

from .versions import request_versions

SECONDS = 24 * 3600  # a bumped stamp makes a new key; this only lets an old one go


def site_chrome(request):
    """{"home_url", "name", "menu": [(page id, URL, title)], "homes": [(language code, URL)], "city_url", "notices":
    [{"level", "title", "message", "link"}]} of the site a request is on, in the language shown; empty off every
    site."""
    if not hasattr(request, "_portal_chrome"):
        request._portal_chrome = _cached(request)
    return request._portal_chrome


def _cached(request):
    site = public_site(request)
    if site is None:
        return {}
    # The site's own hostname, not the one asked for: an unknown Host falls back to the city, whose stamps are bumped.
    stamps = request_versions(request, site.hostname)
    key = "portal-chrome:" + "|".join([site.hostname, *map(str, stamps), get_language() or ""])
    chrome = cache.get(key)
    if chrome is None:
        now = timezone.now()
        chrome, change = _read(request, site, now)
        # Kept until a notice starts or ends by the clock (a stamp follows every saved or deleted notice).
        seconds = SECONDS if change is None else min(SECONDS, max(1, math.ceil((change - now).total_seconds())))
        cache.set(key, chrome, seconds)
    return chrome


def _read(request, site, now):
    """The chrome, and the next moment a notice of the site starts or ends (None: none will)."""
    root = site.root_page
    home = root.localized
    translations = Page.objects.filter(translation_key=root.translation_key, depth=2).live().select_related("locale")
    unit = Unit.objects.filter(site=site).first()
    notices = Notice.objects.shown_on(unit, now) if unit else []
    chrome = {
        "home_url": home.get_url(request),
        # In the language shown: the Site's name, or on a translation tree its home page's title ("Hanoi City").
        "name": site.site_name if home.locale_id == root.locale_id else home.title,
        "menu": [(item.pk, item.get_url(request), item.title) for item in home.get_children().live().in_menu()],
        "homes": [(other.locale.language_code, other.get_url(request)) for other in translations],
        "city_url": city_root_url(),
        "notices": [
            {"level": notice.level, "title": notice.title, "message": notice.message, "link": notice.link}
            for notice in notices
        ],
    }
    return chrome, Notice.objects.next_change(unit, now) if unit else None
