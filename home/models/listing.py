"""What a site or section lists and feeds: its live, public content pages and the copies it accepted, newest first."""

from django.db.models import Q

from wagtail.models import Page

from sites.copies import attach_copies, copies_under

# The page types a citizen reads as news-like items; listings and feeds include these.
LISTED_TYPES = (
    "articlepage",
    "announcementpage",
    "eventpage",
    "legaldocumentpage",
    "planpage",
    "statisticsreportpage",
)


def latest_content(parent, children_only=False):
    own = Q(path__startswith=parent.path, depth=parent.depth + 1) if children_only else Q(path__startswith=parent.path)
    copies = Q(pk__in=copies_under(parent, children_only).values("source_id"))
    return (
        Page.objects.live()
        .public()
        .filter(own | copies)
        .exclude(pk=parent.pk)
        .filter(content_type__app_label="home", content_type__model__in=LISTED_TYPES)
        .order_by("-first_published_at", "-pk")
        .specific()
    )


def latest_items(parent, limit, children_only=False):
    """The first `limit` items, copies marked with their placement (sites.copies.attach_copies)."""
    pages = list(latest_content(parent, children_only)[:limit])
    return attach_copies(pages, parent, children_only)
