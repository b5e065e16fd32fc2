"""One query searched 100 times in process (after 10 warm-ups) on a loaded search bench database: p50 and p95.

For comparing two versions of the engine on the same database, run from each checkout in turn, alternately:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_search_speed_1000000 \\
        .venv/bin/python bench/search_loop.py "thủ tục"

bench/search_speed.py runs its queries in one order, once per process, so the machine's drift between two such runs
is as large as a small change; alternating short runs of each version shows which differences are real.
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

from search import engine  # noqa: E402

query = sys.argv[1]
for _ in range(10):
    engine.search(query)
times = []
for _ in range(100):
    started = time.perf_counter()
    engine.search(query)
    times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"{Path.cwd().name}: {query!r} p50 {statistics.median(times):.1f} ms  p95 {times[94]:.1f} ms")
