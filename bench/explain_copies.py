"""The pages API listing of a site that shows copies, on PostgreSQL: the OR the scope reads (the peer) beside the
UNION ALL of its two arms that api/keyset.py's `window` reads, with EXPLAIN ANALYZE of both.

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
    accept_city_copies(site.unit)
    scope = PageScope(site, hostname)
    listing = scope.queryset(ArticlePage).order_by("-first_published_at", "-pk")
    print(f"{hostname}: {len(scope.arms[1].children[0][1]) if scope.arms else 0} copies shown")
    for offset in (0, 20_000):
        peer = list(listing[offset : offset + 21])
        if [page.pk for page in peer] != [page.pk for page in window(listing, offset, 21, scope.arms)]:
            raise SystemExit(f"offset {offset}: the two ways disagree")
        or_ms = timed(lambda offset=offset: list(listing[offset : offset + 21]))
        union_ms = timed(lambda offset=offset: window(listing, offset, 21, scope.arms))
        print(f"offset {offset:>6}: OR {or_ms:8.1f} ms   UNION ALL of the arms {union_ms:8.1f} ms (p50 of {REPEATS})")
    sql, params = listing[:21].query.sql_with_params()
    print("\nEXPLAIN, the OR:\n" + explain(sql, params))
    keys = ("first_published_at", "pk")
    parts = [listing.filter(arm).values_list(*keys)[:21] for arm in scope.arms]
    union = parts[0].union(*parts[1:], all=True).order_by("-first_published_at", "-pk")[:21]
    sql, params = union.query.sql_with_params()
    print("\nEXPLAIN, the UNION ALL of the arms:\n" + explain(sql, params))


if __name__ == "__main__":
    main()
