"""Which unit's site a request is about: `?site=<hostname>` when given, otherwise its Host."""

from wagtail.models import Site

from .models import Unit


def site_for_request(request):
    hostname = request.GET.get("site")
    if hostname:
        host, _, port = hostname.partition(":")
        return Site.objects.filter(hostname=host).select_related("root_page").first()
    return Site.find_for_request(request)


def unit_for_request(request):
    site = site_for_request(request)
    return Unit.objects.select_related("site").filter(site=site).first() if site else None
