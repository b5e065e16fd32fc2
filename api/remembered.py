"""What the API keeps of a site between two of its changes: its Site row and the bounds of its pages.

Every request asked three queries before reading any content: the site by hostname, its home page's translations,
its view restrictions. They change only when the site's stamp or the global one moves (caching/versions.py: publishing,
moving, a restriction, a site or unit saved), the stamps that also retire cached responses; so each process keeps
them under those stamps, and for no longer than PORTAL_API_CACHE_SECONDS, like a cached response (a process whose
memory cache never hears of another's bump forgets them in that time too). Only what exists is kept: an unknown
hostname costs its query each time, and no memory. The values kept are shared between requests: read, never
changed.
"""

import time

from django.conf import settings

from caching.versions import request_versions
from sites.resolve import requested_hostname

_kept = {}  # (hostname, what) -> (stamps, until, value)


def remembered(request, what, build):
    """`build()`, or what it gave for the site `request` asks about while that site's stamps have not moved."""
    hostname, stamps = requested_hostname(request), request_versions(request)
    now = time.monotonic()
    entry = _kept.get((hostname, what))
    if entry is not None and entry[0] == stamps and now < entry[1]:
        return entry[2]
    value = build()
    if value is not None:
        _kept[hostname, what] = (stamps, now + settings.PORTAL_API_CACHE_SECONDS, value)
    return value
