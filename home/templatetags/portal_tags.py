from django import template

from home.models import Notice
from sites.models import Unit
from sites.resolve import public_site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_notices(context):
    """The notices the current site shows: its own and the city's that target it."""
    site = public_site(context["request"])
    unit = Unit.objects.filter(site=site).first() if site else None
    return list(Notice.objects.shown_on(unit)) if unit else []
