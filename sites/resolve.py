"""Which unit's site a request is about: the one place every view, feed, tag and API endpoint asks.

Two answers, for two kinds of client:
- `public_site`: a browser on a page, feed or search form gets Wagtail's answer, where an unknown Host falls back
  to the default site (the city), as Wagtail serves its pages;
- `site_for_request`: an API client naming `?site=<hostname>` (or its Host) gets that site or None, never a
  fallback, which would let it read the city's content while it asked for a ward.
"""

from wagtail.models import Site


def requested_hostname(request):
    """The hostname the request asks about, lower-cased, with any port removed."""
    value = request.GET.get("site") or request.get_host()
    return value.strip().lower().split(":", 1)[0]


def site_by_hostname(value):
    """The Site with this hostname ('Dongda.localhost:8000' finds dongda.localhost), or None."""
    hostname = value.strip().lower().split(":", 1)[0]
    if not hostname:
        return None
    return Site.objects.select_related("root_page", "unit__collection").filter(hostname=hostname).first()


def site_for_request(request):
    """The Site whose hostname the request asks about, or None; the port never matters (one site per hostname)."""
    return site_by_hostname(requested_hostname(request))


def public_site(request):
    """The site a browser's request is on; Wagtail caches it on the request, so asking twice costs nothing."""
    return Site.find_for_request(request)


def city_root_url():
    """The city portal's address (the default site's), for the component sites' links back to it."""
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    return site.root_url if site else ""


def unit_for_request(request):
    site = site_for_request(request)
    return getattr(site, "unit", None) if site else None
