from django import template

from wagtail.models import Site

from home.models import Notice
from sites.models import Unit

register = template.Library()


@register.simple_tag(takes_context=True)
def site_notices(context):
    """The notices the current site shows: its own and the city's that target it."""
    site = Site.find_for_request(context["request"])
    unit = Unit.objects.filter(site=site).first() if site else None
    return list(Notice.objects.shown_on(unit)) if unit else []
