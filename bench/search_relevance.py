"""Relevance of citizen search on the Vietnamese collection (bench/search_collection.py): MRR@10 and Recall@3
for each way of typing a query (with diacritics, without, NFD), on SQLite and PostgreSQL.

    .venv/bin/python bench/search_relevance.py              # SQLite
    .venv/bin/python bench/search_relevance.py postgres     # PostgreSQL (BENCH_POSTGRES_URL, default the local server)

Target (issue 7): unaccented MRR@10 at least 0.9 and within 0.05 of accented MRR@10, on both backends.
"""

import sys
import time
from collections import defaultdict

from search_common import news_sections, publish, setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
setup(engine, "portal_bench_search_relevance")

from bench.search_collection import articles, queries  # noqa: E402
from search import engine as search_engine  # noqa: E402
from search.models import SearchEntry  # noqa: E402

sections = news_sections()
sites = list(sections)[::9]
started = time.perf_counter()
rows = articles(sites)
for hostname, title, body in rows:
    publish(sections[hostname], title, body)
print(f"{engine:8} loaded {len(rows)} articles on {len(sites)} sites in {time.perf_counter() - started:.1f} s")

reciprocal, recalled, count = defaultdict(float), defaultdict(int), defaultdict(int)
misses = []
for form, typed, expected in queries():
    hits = search_engine.search(typed, limit=10, facets=False).hits
    titles = dict(SearchEntry.objects.filter(page_id__in=[pk for pk, _ in hits]).values_list("page_id", "title"))
    ranked = [titles[pk] for pk, _ in hits]
    rank = ranked.index(expected) + 1 if expected in ranked else None
    count[form] += 1
    reciprocal[form] += 1 / rank if rank else 0
    recalled[form] += bool(rank and rank <= 3)
    if rank != 1:
        misses.append(f"  {form:10} {typed!r}: rank {rank or '>10'} (first: {ranked[0] if ranked else '-'})")

print(f"{engine:8} {'form':10} {'queries':>7} {'MRR@10':>7} {'Recall@3':>8}")
for form in count:
    mrr, recall = reciprocal[form] / count[form], recalled[form] / count[form]
    print(f"{engine:8} {form:10} {count[form]:7d} {mrr:7.3f} {recall:8.3f}")
if misses:
    print("not first:", *misses, sep="\n")
