"""The comment form of a draft document's page: a fresh proof-of-work challenge in each render, or, outside the
draft's dates, the Vietnamese sentence that says why there is no form."""

from django import template

from citizens import defences, drafts
from citizens.forms import CommentForm

register = template.Library()


@register.inclusion_tag("citizens/_comment_form.html", takes_context=True)
def comment_form(context, page, form=None):
    return {
        "page": page,
        "form": (form or CommentForm()).described(),
        "closed": drafts.phase_message(page),
        "pow": defences.challenge(),
        "honeypot": defences.HONEYPOT,
        "csrf_token": context.get("csrf_token"),
    }
