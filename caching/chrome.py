"""What every public page of a site shows around its content, read once per version of the site: its home page in the
language shown (the address and the name the header and footer give it), its menu, its home page's other languages
and the city portal's address.

Read on every rendered page, they cost five queries and a URL for each menu item (about 8 ms of a search page's
15); they change only when a page is published, unpublished or moved, or a Site is changed, which bumps the site's
or the global version stamp (caching/versions.py): kept in Django's cache under those stamps, they follow each change
on the next request. The site's identity and notices are not kept here: the identity is read once per request
(home/templatetags/portal_tags.py), and a notice starts and ends at its own time, which no stamp follows.
"""

from django.core.cache import cache
from django.utils.translation import get_language

from wagtail.models import Page

from sites.resolve import city_root_url, public_site

from .versions import versions

SECONDS = 24 * 3600  # a bumped stamp makes a new key; this only lets an old one go


def site_chrome(request):
    """{"home_url", "name", "menu": [(page id, URL, title)], "homes": [(language code, URL)], "city_url"} of the
    site a request is on, in the language shown; empty off every site."""
    if not hasattr(request, "_portal_chrome"):
        request._portal_chrome = _cached(request)
    return request._portal_chrome


def _cached(request):
    site = public_site(request)
    if site is None:
        return {}
    # The site's own hostname, not the one asked for: an unknown Host falls back to the city, whose stamps are bumped.
    key = "portal-chrome:" + "|".join([site.hostname, *map(str, versions(site.hostname)), get_language() or ""])
    chrome = cache.get(key)
    if chrome is None:
        chrome = _read(request, site)
        cache.set(key, chrome, SECONDS)
    return chrome


def _read(request, site):
    root = site.root_page
    home = root.localized
    translations = Page.objects.filter(translation_key=root.translation_key, depth=2).live().select_related("locale")
    return {
        "home_url": home.get_url(request),
        # In the language shown: the Site's name, or on a translation tree its home page's title ("Hanoi City").
        "name": site.site_name if home.locale_id == root.locale_id else home.title,
        "menu": [(item.pk, item.get_url(request), item.title) for item in home.get_children().live().in_menu()],
        "homes": [(other.locale.language_code, other.get_url(request)) for other in translations],
        "city_url": city_root_url(),
    }
