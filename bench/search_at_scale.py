"""Citizen search on a database built by bench/scale.py, read-only: the queries scale.py sends through gunicorn,
timed in process by part — the search (hits and facets), the suggestions every search returns, and "Có phải bạn
muốn tìm" (run when fewer than 3 pages are found) — with EXPLAIN ANALYZE of each statement with `explain`.

    PGOPTIONS='-c default_transaction_read_only=on' \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_1m .venv/bin/python bench/search_at_scale.py [explain]

Nothing is written: no search log (that is search.service's, not called here), and PGOPTIONS makes the session
refuse writes. Targets (issue 7, 1M pages): p95 rare <= 50 ms, common <= 200 ms, phrase <= 300 ms.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from search import engine  # noqa: E402
from search.did_you_mean import suggestion  # noqa: E402
from sites.models import Unit  # noqa: E402

WARD = "00235"  # Đống Đa, the site scale.py searches on
RUNS = int(os.environ.get("RUNS", 20))
# (kind, query, on the ward's site or every site): scale.py's citizen searches, and one finding nothing.
QUERIES = (
    ("rare", "kết hôn", True),  # 118 of the ward's pages at a million ("biểu dương" is in 59% of them)
    ("59%", "biểu dương", True),
    ("common", "phường", True),
    ("phrase", '"chuyển đổi số"', True),
    ("all sites", "vệ sinh môi trường", False),
    ("nothing", "thu tuc xqzw", True),
)


def timed(call):
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def explain(call):
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        call()
    with connection.cursor() as cursor:
        for sql, params in captured:
            if "search_searchentry" in sql and not sql.startswith(("SET", "RESET")):
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
                print("\n".join(f"      {line[:160]}" for (line,) in cursor.fetchall()), flush=True)


def parts(query, filters, found):
    return {
        "search": lambda: engine.search(query, filters),
        "suggest": lambda: engine.suggest(query, filters, limit=5),
        "did you mean": lambda: suggestion(query, found.total, filters),
    }


ward = Unit.objects.select_related("site").get(code=WARD).site
for kind, query, on_ward in QUERIES:
    filters = engine.Filters(site_id=ward.pk if on_ward else None)
    found = engine.search(query, filters)
    total = f"{found.total}{'' if found.total_exact else '+'}"
    for part, call in parts(query, filters, found).items():
        p50, p95 = timed(call)
        print(f"{kind:9} {query!r:24} {total:>6} found  {part:12} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
        if "explain" in sys.argv:
            explain(call)
