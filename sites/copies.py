"""Reading syndicated copies: which placements a site, a section or a page URL shows right now.

A copy is shown while its placement is accepted, its go-live time has passed and its source is live; nothing has to
run for a scheduled copy to appear or for an unpublished source to disappear (docs/syndication.md).
"""

from django.db.models import Q
from django.utils import timezone

from .models import Placement


def live_copies(now=None):
    return Placement.objects.filter(
        state=Placement.State.ACCEPTED, live_at__lte=now or timezone.now(), source__live=True
    )


def copies_under(page, children_only=False):
    """The copies a home page (all its sections) or a section (children_only: its own) shows."""
    return live_copies().filter(Q(section=page) if children_only else Q(section__path__startswith=page.path))


def copy_at(section, slug):
    return live_copies().filter(section=section, slug=slug).select_related("source_unit").first()


def attach_copies(pages, parent, children_only=False):
    """Mark listed pages that are copies (not under `parent`) with their placement: links go to the copy's URL."""
    foreign = {page.pk: page for page in pages if not page.path.startswith(parent.path)}
    if foreign:
        placements = copies_under(parent, children_only).filter(source_id__in=foreign).select_related("section")
        for placement in placements:
            foreign[placement.source_id].syndicated_copy = placement
    return pages
