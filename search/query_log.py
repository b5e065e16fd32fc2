"""Popular queries: one counter row per (site, day, folded query), bumped in place, for the admin report."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchQueryDay
from .text import query_key


def record(site_id, text, results):
    """Count one citizen search; an UPDATE of one row, or one INSERT the first time that day."""
    key = query_key(text)
    if not key or site_id is None:
        return
    rows = SearchQueryDay.objects.filter(site_id=site_id, day=timezone.localdate(), query_folded=key)
    bump = {
        "searches": F("searches") + 1,
        "empty_searches": F("empty_searches") + (0 if results else 1),
        "results": results,
    }
    if rows.update(**bump):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                site_id=site_id,
                day=timezone.localdate(),
                query_folded=key,
                searches=1,
                empty_searches=0 if results else 1,
                results=results,
            )
    except IntegrityError:
        # Another request inserted the row between our UPDATE and INSERT: count on it.
        rows.update(**bump)
