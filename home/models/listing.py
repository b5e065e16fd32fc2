"""What a site or section lists and feeds: its live, public content pages and the copies it accepted, newest first."""

from django.db.models import Q

from wagtail.models import Page, get_page_models

from .. import shared

PAGE_SIZE = 50  # items per page of a section's listing


def listed_types():
    """Q for the page types citizens read as news-like items: those whose class says `listed = True`."""
    by_app = {}
    for model in get_page_models():
        if getattr(model, "listed", False):
            by_app.setdefault(model._meta.app_label, []).append(model._meta.model_name)
    # Apps above home/ declare listed types too (citizens' answers): each by its own app label.
    listed = Q(pk__in=[])
    for app_label, names in sorted(by_app.items()):
        listed |= Q(content_type__app_label=app_label, content_type__model__in=names)
    return listed


def standing_pages(parent):
    """The section's own pages that are not news-like items (its organisation or contact page, a ward's
    introduction, sub-sections), in the editors' order: the section links them above its listing. One query."""
    return list(Page.objects.child_of(parent).live().public().exclude(listed_types()).order_by("path"))


def latest_content(parent, children_only=False):
    own = Q(path__startswith=parent.path, depth=parent.depth + 1) if children_only else Q(path__startswith=parent.path)
    copies = Q(pk__in=shared.source_ids(parent, children_only))
    return (
        Page.objects.live()
        .public()
        .filter(own | copies)
        .exclude(pk=parent.pk)
        .filter(listed_types())
        .order_by("-first_published_at", "-pk")
        .specific()
    )


def latest_items(parent, limit, children_only=False, start=0):
    """`limit` items from the `start`th, copies marked with their placement (home/shared.py)."""
    pages = list(latest_content(parent, children_only)[start : start + limit])
    return shared.mark(pages, parent, children_only)


def listing_page(parent, number, size=PAGE_SIZE):
    """Page `number` (from 1) of a section's listing and whether an older page follows; None past the last one.

    No count: one more item than shown says whether there is a next page, so a 30,000-item section costs one query.
    """
    items = latest_items(parent, size + 1, children_only=True, start=(number - 1) * size)
    if not items and number > 1:
        return None
    return items[:size], len(items) > size
