"""Relevance of citizen search on the Vietnamese collection (bench/search_collection.py, bench/data/): MRR@10
and Recall@3 for each way of typing a query (with diacritics, without, NFD), on SQLite or PostgreSQL.

    .venv/bin/python bench/search_relevance.py              # SQLite
    .venv/bin/python bench/search_relevance.py postgres     # PostgreSQL (BENCH_POSTGRES_URL, default the local server)

MRR@10: the mean of 1 / the rank of the first relevant page in the top ten (0 when none is there).
Recall@3: the mean share of a query's relevant pages (one or two) found in the top three.
Target (issue 7): unaccented MRR@10 at least 0.9 and within 0.05 of accented MRR@10, on both backends.

Part two (issue 19, bench/data/search_variants.txt): queries typed with the other i/y than the page's title ("iy"),
in Telex or VNI with the input method off ("telex", "vni"), with a tone slip ("tone"); target MRR@10 at least 0.9
for each, and no form of part one going down.
"""

import sys
import time
from collections import Counter, defaultdict

from search_common import news_sections, publish, setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
setup(engine, "portal_bench_search_relevance")

from bench.search_collection import articles, queries, variant_queries  # noqa: E402
from search import engine as search_engine  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from sites.models import Unit  # noqa: E402

sections = news_sections()
names = {unit.hostname: unit.display_name for unit in Unit.objects.all()}
started = time.perf_counter()
rows = articles(list(sections), names)
duplicates = [title for title, count in Counter(title for _, title, _ in rows).items() if count > 1]
if duplicates:
    raise SystemExit(f"titles must be unique (judgements are by title): {duplicates}")
judged = [*queries(), *variant_queries()]
unknown = {title for _, _, relevant in judged for title in relevant} - {title for _, title, _ in rows}
if unknown:
    raise SystemExit(f"judged relevant but not in the collection: {sorted(unknown)}")
for hostname, title, body in rows:
    publish(sections[hostname], title, body)
used = len({hostname for hostname, _, _ in rows})
print(f"{engine:8} loaded {len(rows)} articles on {used} sites in {time.perf_counter() - started:.1f} s")

reciprocal, recalled, count = defaultdict(float), defaultdict(float), defaultdict(int)
misses = []
for form, typed, relevant in judged:
    hits = search_engine.search(typed, limit=10, facets=False).hits
    titles = dict(SearchEntry.objects.filter(page_id__in=[pk for pk, _ in hits]).values_list("page_id", "title"))
    ranked = [titles[pk] for pk, _ in hits]
    rank = next((i + 1 for i, title in enumerate(ranked) if title in relevant), None)
    count[form] += 1
    reciprocal[form] += 1 / rank if rank else 0
    recalled[form] += len(relevant & set(ranked[:3])) / len(relevant)
    if rank != 1:
        misses.append(f"  {form:10} {typed!r}: rank {rank or '>10'} (first: {ranked[0] if ranked else '-'})")

queries_count = len({typed for _, typed, _ in judged})
print(f"{engine:8} {len(queries()) // 3} queries x 3 forms + {len(variant_queries())} typed as citizens do")
print(f"{engine:8} {queries_count} distinct typed forms")
print(f"{engine:8} {'form':10} {'queries':>7} {'MRR@10':>7} {'Recall@3':>8}")
for form in count:
    mrr, recall = reciprocal[form] / count[form], recalled[form] / count[form]
    print(f"{engine:8} {form:10} {count[form]:7d} {mrr:7.3f} {recall:8.3f}")
if misses:
    print("not first:", *misses, sep="\n")
