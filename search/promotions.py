"""Pinned results: pages editors put first for a query on their own site, and city pins shown on every site."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q

from wagtail.models import Page

from sites.models import Unit

from . import engine
from .models import SearchPromotion
from .text import query_key


class Pin(NamedTuple):
    page: Page
    description: str


def pinned_pages(text, site):
    """The live public pages pinned for `text` on `site` (None: the whole portal), each once, as Pins in order.

    A site's own pins come first, then the city's pins marked for every site; the whole portal gets only the latter.
    """
    key = query_key(text)
    if not key:
        return []
    applies = Q(everywhere=True, unit__kind=Unit.Kind.CITY)
    if site is not None:
        applies |= Q(unit__site=site)
    promotions = list(
        SearchPromotion.objects.filter(applies, query_folded=key)
        .select_related("unit", "page__content_type")
        .order_by("sort_order", "pk")
    )
    if promotions:
        # Only then which of their pages are live and public: most queries have no pin, and asking with every search
        # read the private pages and joined the live public ones (3.5 ms of a rare word's search at a million pages).
        shown = set(
            Page.objects.filter(pk__in=[pin.page_id for pin in promotions]).live().public().values_list("pk", flat=True)
        )
        promotions = [pin for pin in promotions if pin.page_id in shown]
    own_first = sorted(promotions, key=lambda pin: site is None or pin.unit.site_id != site.pk)
    pins, seen = [], set()
    for promotion in own_first:
        if promotion.page_id not in seen:
            seen.add(promotion.page_id)
            pins.append(Pin(promotion.page, promotion.description))
    return pins


@dataclass
class WithoutPages(engine.Filters):
    """The ordinary search, leaving out the pinned pages so they are not listed twice."""

    page_ids: list[int] = field(default_factory=list)

    def excluded_page_ids(self):
        return self.page_ids
