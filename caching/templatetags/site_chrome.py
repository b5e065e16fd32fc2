from django import template

from caching.chrome import site_chrome as read

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The site's home, menu, languages and the city's address (caching/chrome.py)."""
    request = context.get("request")
    return read(request) if request is not None else {}
