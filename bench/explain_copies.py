"""The pages API listing of a site that shows copies, on PostgreSQL: whole rows read in one query through the
scope's OR (the peer) beside api/keyset.py's `window` (a deep window reads keys first, each arm of the OR apart
through a UNION ALL), with EXPLAIN ANALYZE of both at offset 0 in id order.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_1m .venv/bin/python bench/explain_copies.py [site hostname]

On a database `bench/scale.py` built: Đống Đa's board first accepts the city's 8 newest news items (as
`bench/scale.py` does before measuring), once.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.api_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from api.keyset import window  # noqa: E402
from api.pages import PageScope  # noqa: E402
from bench.scale import accept_city_copies  # noqa: E402
from home.models import ArticlePage  # noqa: E402
from sites.resolve import site_by_hostname  # noqa: E402

REPEATS = 10


def timed(call):
    call()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    hostname = sys.argv[1] if len(sys.argv) > 1 else "dongda.localhost"
    site = site_by_hostname(hostname)
    if len(sys.argv) == 1:
        accept_city_copies(site.unit)  # Đống Đa's board; another site is measured as it is
    scope = PageScope(site, RequestFactory().get("/", {"site": hostname}))
    scope.queryset()
    print(f"{hostname}: {len(scope.arms[1].children[0][1]) if scope.arms else 0} copies shown")
    for ordering in (("-first_published_at", "-pk"), ("pk",)):
        listing = scope.queryset(ArticlePage).order_by(*ordering)
        for offset in (0, 20_000):
            peer = list(listing[offset : offset + 21])
            if [page.pk for page in peer] != [page.pk for page in window(listing, offset, 21, scope.arms)]:
                raise SystemExit(f"offset {offset}: the two ways disagree")
            or_ms = timed(lambda listing=listing, offset=offset: list(listing[offset : offset + 21]))
            union_ms = timed(lambda listing=listing, offset=offset: window(listing, offset, 21, scope.arms))
            print(
                f"order {','.join(ordering):26} offset {offset:>6}: whole rows in one read {or_ms:8.1f} ms   "
                f"window {union_ms:8.1f} ms (p50 of {REPEATS})"
            )
    sql, params = listing[:21].query.sql_with_params()  # the last order: the id, Wagtail's default
    print("\nEXPLAIN, the OR:\n" + explain(sql, params))
    parts = [listing.filter(arm).values_list("pk")[:21] for arm in scope.arms]
    union = parts[0].union(*parts[1:], all=True).order_by("pk")[:21]
    sql, params = union.query.sql_with_params()
    print("\nEXPLAIN, the UNION ALL of the arms:\n" + explain(sql, params))


if __name__ == "__main__":
    main()
