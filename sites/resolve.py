"""Which unit's site a request is about: `?site=<hostname>` when given, otherwise its Host.

Unlike `Site.find_for_request`, an unknown hostname finds nothing: Wagtail falls back to the default site (the
city), which is right for browsers but would let an API client read the city's content while it asked for a ward.
"""

from wagtail.models import Site


def requested_hostname(request):
    """The hostname the request asks about, lower-cased, with any port removed."""
    value = request.GET.get("site") or request.get_host()
    return value.strip().lower().split(":", 1)[0]


def site_for_request(request):
    """The Site whose hostname the request asks about, or None; the port never matters (one site per hostname)."""
    hostname = requested_hostname(request)
    if not hostname:
        return None
    return Site.objects.select_related("root_page", "unit__collection").filter(hostname=hostname).first()


def unit_for_request(request):
    site = site_for_request(request)
    return getattr(site, "unit", None) if site else None
