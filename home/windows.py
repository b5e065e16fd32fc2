"""A window of an ordered listing (rows [start, start + size)) whose cost does not grow with how deep it is: what the
section listings, the feeds and the pages API share.

A deep window (past DEEP rows) is read in two steps: the keys of the rows up to its end (the order's fields and the
id, narrow rows from the order's index), then its own rows by id. Read in one step, the database fetched every
skipped row whole, body included: 1.7 s at offset 20,000 of the API's listing, 1.6 s for page 712 of a 35,000-item
section at a million pages. `arms`: the conditions whose OR bounds the listing (a site's own pages by tree path, the
copies of other sites' pages it accepted); on PostgreSQL the keys are then read for each arm apart, each following
its own index, and merged by a UNION ALL. SQLite cannot order and limit the parts of a UNION: it reads the OR.
"""

from django.db import connection

# Rows skipped past which a window reads its keys first: below, one query of whole rows is cheapest.
DEEP = 1_000


def window(queryset, start, size, arms=()):
    """Rows [start, start + size) of an ordered queryset, `arms` the conditions whose OR bounds it."""
    end = start + size
    if start < DEEP:
        return list(queryset[start:end])
    ordering = queryset.query.order_by
    keys = [name.lstrip("-") for name in ordering]
    if len(arms) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [queryset.filter(arm).values_list(*keys)[:end] for arm in arms]
        found_keys = parts[0].union(*parts[1:], all=True).order_by(*ordering)[start:end]
    else:
        found_keys = queryset.values_list(*keys)[start:end]
    ids = [row[keys.index("pk")] for row in found_keys]
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
