"""What a site or section lists and feeds: its live, public content pages, newest first."""

from wagtail.models import Page

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
    pages = Page.objects.live().public()
    pages = pages.child_of(parent) if children_only else pages.descendant_of(parent)
    return (
        pages.filter(content_type__app_label="home", content_type__model__in=LISTED_TYPES)
        .order_by("-first_published_at", "-pk")
        .specific()
    )
