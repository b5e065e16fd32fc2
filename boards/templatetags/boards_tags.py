from django import template

from ..review import sent_back

register = template.Library()


@register.inclusion_tag("boards/includes/sent_back_notice.html")
def board_sent_back_notice(page):
    """At the top of the page editor: the board sent this back, who, when, on which ground, and what to fix."""
    return {"rejection": sent_back(page)}


@register.simple_tag
def board_rejection(page):
    return sent_back(page)
