"""Page views from the portal's own counter (Decree 224 Art. 12, usage), per site and day.

Why a beacon and not a count in the page cache: a page is served from our page cache and, in production, from the
proxy or CDN in front (caching/purge.py), and on a hit there neither runs our code. Every public page's HTML asks
for `/luot-xem.gif`, a 1×1 image that nothing may store (`no-store`), so the browser fetches it from the portal on
each view whatever served the HTML; no script (nothing for the CSP to allow), no cookie, nothing about the visitor
kept. Crawlers that load no images are not counted, which is what "usage by citizens" should mean.

Why batches: a view is one INCR in Django's cache (Redis, shared by every node; without Redis the file cache, whose
increments can lose a count under load), keyed by the hostname asked for and the day in Hanoi; no database write
per view. The scheduler moves the counts into `PageViewDay` every minute (`flush`), and `compute_compliance` copies
them into the daily figures as it does the search log.
"""

import base64
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from sites.models import Unit

from .models import PageViewDay

# The smallest transparent GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
# A count waits at most a minute for the scheduler; three days cover a scheduler stopped over a weekend.
KEEP_SECONDS = 3 * 24 * 3600


def counter_key(hostname, day):
    return f"pageviews:{hostname}:{day:%Y%m%d}"


def count(request, now=None):
    key = counter_key(request.get_host().lower().split(":", 1)[0], timezone.localdate(now))
    cache.add(key, 0, KEEP_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, KEEP_SECONDS)


@csrf_exempt
def pixel(request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    count(request)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    return response


def flush(now=None):
    """Move the counts of yesterday and today from the cache into PageViewDay; returns how many views moved."""
    today = timezone.localdate(now)
    sites = Unit.objects.filter(site__isnull=False).values_list("pk", "site__hostname")
    keys = {
        counter_key(hostname, day): (unit_id, day)
        for unit_id, hostname in sites
        for day in (today - timedelta(1), today)
    }
    moved = 0
    for key, views in cache.get_many(list(keys)).items():
        if not views:
            continue
        unit_id, day = keys[key]
        with transaction.atomic():
            if not PageViewDay.objects.filter(unit_id=unit_id, day=day).update(views=F("views") + views):
                PageViewDay.objects.create(unit_id=unit_id, day=day, views=views)
        # Stored first: views counted since the read stay in the cache for the next flush.
        cache.decr(key, views)
        moved += views
    return moved
