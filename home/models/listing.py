"""What a site or section lists and feeds: its live, public content pages and the copies it accepted, newest first."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page, get_page_models

from .. import shared
from ..windows import window

PAGE_SIZE = 50  # items per page of a section's listing


def listed_types():
    """Q for the page types citizens read as news-like items: those whose class says `listed = True` (apps above
    home/ declare listed types too: citizens' answers). By content type id, from Django's content type cache: through
    a join on app label and model name PostgreSQL estimated a big section's 35,688 items as 354, and sorted them all
    instead of walking the publication date index (170 ms -> 2 ms at a million pages)."""
    models = [model for model in get_page_models() if getattr(model, "listed", False)]
    return Q(content_type_id__in=sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values()))


def standing_pages(parent):
    """The section's own pages that are not news-like items (its organisation or contact page, a ward's
    introduction, sub-sections), in the editors' order: the section links them above its listing. One query."""
    return list(Page.objects.child_of(parent).live().public().exclude(listed_types()).order_by("path"))


def latest_content(parent, children_only=False):
    """A site's or section's live, public items, newest first, and the arms whose OR bounds them (home/windows.py
    reads a deep window's arms apart): its own pages (all below it, or its children), and the copies of other sites'
    pages it accepted, by id. Through a subquery PostgreSQL could not estimate their OR: at a million pages it walked
    every page by publication date to find the five newest items of a section holding none (490 ms for one block of
    a ward's home page; by id, 1 ms)."""
    own = Q(path__startswith=parent.path, depth=parent.depth + 1) if children_only else Q(path__startswith=parent.path)
    copies = Q(pk__in=list(shared.source_ids(parent, children_only)))
    content = (
        Page.objects.live()
        .public()
        .filter(own | copies)
        .exclude(pk=parent.pk)
        .filter(listed_types())
        .order_by("-first_published_at", "-pk")
        .specific()
    )
    return content, (own, copies)


def latest_items(parent, limit, children_only=False, start=0):
    """`limit` items from the `start`th, copies marked with their placement (home/shared.py)."""
    content, arms = latest_content(parent, children_only)
    return shared.mark(window(content, start, limit, arms), parent, children_only)


def listing_page(parent, number, size=PAGE_SIZE):
    """Page `number` (from 1) of a section's listing and whether an older page follows; None past the last one.

    No count: one more item than shown says whether there is a next page, so a 30,000-item section costs one query.
    """
    items = latest_items(parent, size + 1, children_only=True, start=(number - 1) * size)
    if not items and number > 1:
        return None
    return items[:size], len(items) > size
