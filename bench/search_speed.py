"""Speed of citizen search: p50/p95 latency of rare-term, common-term and phrase queries over N indexed pages,
and indexing throughput (bulk load, and one page at a time as on publish). On PostgreSQL, EXPLAIN ANALYZE of each.

    .venv/bin/python bench/search_speed.py                      # SQLite, 10 000 pages
    .venv/bin/python bench/search_speed.py postgres             # PostgreSQL, 10 000 pages
    .venv/bin/python bench/search_speed.py postgres 1000000     # the 1M run (bulk loader; long)

Targets (issue 7): PostgreSQL with 1M pages p95 <= 50 ms rare, <= 200 ms common; SQLite with 100k pages p95 <= 100 ms.

The N pages are bulk-inserted as plain Wagtail pages spread over every site's news section, with their index
entries built by the same code as publishing (search.indexing.build_entry), not through Wagtail's revisions:
publishing a million pages one by one would take days. The "publish" line times real ArticlePage publishes.
"""

import random
import statistics
import sys
import time

from search_common import news_sections, publish, setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
setup(engine, "portal_bench_search_speed")

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page  # noqa: E402

from search import engine as search_engine  # noqa: E402
from search.indexing import Places, build_entry, index_page  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.text import Query, folded  # noqa: E402

BATCH = 2_000
COMMON = (
    "Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ trọng tâm.",
    "Các hộ gia đình được đề nghị phối hợp, chấp hành đúng quy định của thành phố.",
    "Người dân có thể tìm hiểu chi tiết tại bộ phận một cửa.",
    "Cán bộ tiếp tục theo dõi, đôn đốc và báo cáo kết quả thực hiện.",
    "Chương trình nhận được sự hưởng ứng của đông đảo hội viên.",
    "Kế hoạch bảo đảm an toàn giao thông và vệ sinh môi trường trên địa bàn.",
)
# (kind, query, sentence, share of pages holding it)
PROBES = (
    ("rare", "gốm Bát Tràng", "Làng nghề gốm Bát Tràng đón khách tham quan.", 0.0005),
    ("common", "thủ tục", "Người dân được hướng dẫn thủ tục hành chính.", 0.3),
    ("phrase", "dich vu cong truc tuyen", "Nộp hồ sơ qua dịch vụ công trực tuyến toàn trình.", 0.02),
)
# The phrase's syllables apart, in many more pages than the phrase itself.
SCATTERED = "Dịch bệnh được kiểm soát; vụ việc công khai; trực ban tuyến phố."


def body(rng):
    sentences = rng.sample(COMMON, 3)
    sentences += [sentence for _, _, sentence, share in PROBES if rng.random() < share]
    if rng.random() < 0.1:
        sentences.append(SCATTERED)
    return " ".join(sentences)


def bulk_load(count):
    """Insert `count` live pages under the news sections, and their index entries; returns entries per second."""
    rng = random.Random(7)
    sections = list(news_sections().values())
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    places, indexing_time, created = Places(), 0.0, 0
    while created < count:
        size = min(BATCH, count - created)
        pages = []
        with transaction.atomic():
            for i in range(size):
                section = sections[(created + i) % len(sections)]
                section.numchild += 1
                number = created + i
                pages.append(
                    Page(
                        path=section._get_path(section.path, section.depth + 1, section.numchild),
                        depth=section.depth + 1,
                        numchild=0,
                        title=f"Tin số {number}: " + rng.choice(COMMON)[:60],
                        draft_title="",
                        slug=f"tin-{number}",
                        url_path=f"{section.url_path}tin-{number}/",
                        content_type=content_type,
                        locale=locale,
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            Page.objects.bulk_create(pages, batch_size=500)
            started = time.perf_counter()
            entries = []
            for page in pages:
                entry = build_entry(page, places, connection.vendor == "sqlite")
                entry.text = body(rng)
                entry.text_folded = folded(entry.text) if connection.vendor == "sqlite" else ""
                entries.append(entry)
            SearchEntry.objects.bulk_create(entries, batch_size=500)
            indexing_time += time.perf_counter() - started
        created += size
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=section.numchild)
    return count / indexing_time


def latency(query, runs=40):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        search_engine.search(query)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


started = time.perf_counter()
rate = bulk_load(total)
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
else:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
print(f"{engine:8} loaded {total} pages in {time.perf_counter() - started:.1f} s; bulk indexing {rate:,.0f} entries/s")

section = next(iter(news_sections().values()))
one_by_one = []
for number in range(50):
    page = publish(section, f"Thông báo số {number} về dịch vụ công trực tuyến", "Nội dung thông báo.")
    begun = time.perf_counter()
    index_page(page)
    one_by_one.append(time.perf_counter() - begun)
print(f"{engine:8} publish path: index_page {statistics.median(one_by_one) * 1000:.1f} ms per page (median of 50)")

for kind, query, _, _share in PROBES:
    matches = search_engine.search(query, facets=False).total
    p50, p95 = latency(query)
    print(f"{engine:8} {kind:7} {query!r:28} {matches:7d} matches  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    if connection.vendor == "postgresql":
        sql, params = search_engine.hits_sql(
            search_engine.PostgresEngine(), Query(query), search_engine.Filters(), 10, 0
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
            print("\n".join(f"           {row[0]}" for row in cursor.fetchall()))
