from django import template
from django.utils import timezone

from wagtail.models import Page, Site

from home.models import Notice, SiteIdentity
from sites.models import Unit
from sites.resolve import public_site

register = template.Library()

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@register.simple_tag(takes_context=True)
def site_notices(context):
    """The notices the current site shows: its own and the city's that target it."""
    site = public_site(context["request"])
    unit = Unit.objects.filter(site=site).first() if site else None
    return list(Notice.objects.shown_on(unit)) if unit else []


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The current site's identity (home.SiteIdentity), read once per request and never written by a citizen."""
    request = context.get("request")
    if request is None:
        return SiteIdentity()
    if not hasattr(request, "_portal_identity"):
        request._portal_identity = SiteIdentity.for_public_site(public_site(request))
    return request._portal_identity


@register.simple_tag
def today_vi():
    """(ISO date, 'Chủ nhật, 06/12/2026'): today in Hà Nội, with the Vietnamese weekday."""
    today = timezone.localdate()
    return today.isoformat(), f"{WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}"


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(language code, its name, URL, is current)] of this page in each language it exists in; for the site's home
    page when the page itself has no translation. Empty on a site with one language (every site but the city)."""
    page = context.get("page")
    request = context.get("request")
    site = public_site(request) if request else None
    if site is None:
        return []
    home = site.root_page
    homes = list(Page.objects.filter(translation_key=home.translation_key, depth=2).live().select_related("locale"))
    if len(homes) < 2:
        return []
    current = page.locale.language_code if isinstance(page, Page) else "vi"
    versions = {}
    if isinstance(page, Page):
        for other in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale"):
            versions[other.locale.language_code] = other
    for other in homes:
        versions.setdefault(other.locale.language_code, other)
    order = sorted(versions, key=lambda code: (code != "vi", code))
    return [(code, LANGUAGE_NAMES.get(code, code), versions[code].get_url(request), code == current) for code in order]


@register.simple_tag(takes_context=True)
def city_root_url(context):
    """The city portal's address (the default site), for the component sites' link back to it; once a request."""
    request = context.get("request")
    if request is not None and hasattr(request, "_portal_city_url"):
        return request._portal_city_url
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    url = site.root_url if site else ""
    if request is not None:
        request._portal_city_url = url
    return url


@register.simple_tag(takes_context=True)
def is_site_root(context):
    """True on the site's own home page (its tab title is the site's name alone)."""
    page = context.get("page")
    return isinstance(page, Page) and page.depth == 2
