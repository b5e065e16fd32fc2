"""Reading syndicated copies: which placements a site, a section or a page URL shows right now.

A copy is shown while its placement is accepted, its go-live time has passed and its source is live and public;
nothing has to run for a scheduled copy to appear or for an unpublished or private source to disappear
(docs/syndication.md). A copy never shows more than its source: a source under a view restriction (its own or an
ancestor's) is shown nowhere else.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Left
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from sites.models import Unit

from .models import Placement

# A view restriction on the source or one of its ancestors: a page whose path begins the source's.
SOURCE_RESTRICTED = Exists(
    PageViewRestriction.objects.filter(page__path=Left(OuterRef("source__path"), F("page__depth") * Page.steplen))
)


def live_copies(now=None):
    return Placement.objects.filter(
        ~SOURCE_RESTRICTED, state=Placement.State.ACCEPTED, live_at__lte=now or timezone.now(), source__live=True
    )


def copies_under(page, children_only=False):
    """The copies a home page (all its sections) or a section (children_only: its own) shows."""
    return live_copies().filter(Q(section=page) if children_only else Q(section__path__startswith=page.path))


def shown_on(site, pages, page_id):
    """The page of `pages` with this id that `site` shows (its own, or a copy it accepted and shows now) and the
    unit whose page it is; (None, None) for any other, as for no page at all."""
    page = pages.filter(pk=page_id).first() if site else None
    owner = Unit.for_page(page) if page else None
    if owner and (owner.site_id == site.pk or live_copies().filter(target_unit__site=site, source=page).exists()):
        return page, owner
    return None, None


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


class SharedCopies:
    """The reader content lists and routes copies through (home/shared.py)."""

    def source_ids(self, parent, children_only=False):
        return copies_under(parent, children_only).values_list("source_id", flat=True)

    def mark(self, pages, parent, children_only=False):
        return attach_copies(pages, parent, children_only)

    def at(self, section, slug):
        return copy_at(section, slug)
