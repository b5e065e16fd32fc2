"""Speed of citizen search: p50/p95 latency of rare-term, common-term and phrase queries over N indexed pages,
and indexing throughput (bulk load, and one page at a time as on publish). On PostgreSQL, EXPLAIN ANALYZE of each.

    .venv/bin/python bench/search_speed.py                          # SQLite, 10 000 pages
    .venv/bin/python bench/search_speed.py sqlite 100000            # SQLite, 100 000 pages
    .venv/bin/python bench/search_speed.py postgres                 # PostgreSQL, 10 000 pages
    .venv/bin/python bench/search_speed.py postgres 1000000         # the 1M run (bulk loader; long)
    .venv/bin/python bench/search_speed.py postgres 1000000 reuse   # measure again on the database already loaded
    DATABASE_URL=sqlite:///… .venv/bin/python bench/search_speed.py sqlite 100000 reuse

Targets (issue 7): PostgreSQL with 1M pages p95 <= 50 ms rare, <= 200 ms common; SQLite with 100k pages p95 <= 100 ms.

The N pages are bulk-inserted as plain Wagtail pages spread over every site's news section, with their index
entries built by the same code as publishing (search.indexing.build_entry), not through Wagtail's revisions:
publishing a million pages one by one would take days. The entries are written in bulk (PostgreSQL: COPY, with the
GIN index built once at the end; SQLite: the FTS5 index rebuilt once at the end). The "publish" line times real
ArticlePage publishes into the loaded index. The SQLite file (printed) or PostgreSQL database (named after N) is
kept, so `reuse` measures again without loading.
"""

import importlib
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

from search_common import news_sections, publish, setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
reuse = len(sys.argv) > 3 and sys.argv[3] == "reuse"
name = f"portal_bench_search_speed_{total}"
if reuse:
    if engine != "sqlite":  # SQLite: DATABASE_URL as printed by the loading run
        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
        os.environ["DATABASE_URL"] = f"{server.rsplit('/', 1)[0]}/{os.environ.get('BENCH_DATABASE_NAME', name)}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
else:
    setup(engine, name)
    print(f"{engine:8} database {os.environ['DATABASE_URL']}", flush=True)

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page  # noqa: E402

from search import engine as search_engine  # noqa: E402
from search.indexing import Places, build_entry, index_page  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.text import indexed  # noqa: E402

title_index = importlib.import_module("search.migrations.0007_title_index")
words_index = importlib.import_module("search.migrations.0010_site_and_words_index")
TITLE_INDEX = "search_entry_title_vector"
BATCH = 5_000
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
# Pages are dated over ten years, so that "newest first" and the year facet mean something.
DAYS = 3650
ENTRY_COLUMNS = (
    "page_id",
    "site_id",
    "content_type_id",
    "section_key",
    "date",
    "year",
    "path",
    "title",
    "text",
    "title_folded",
    "text_folded",
)


def body(rng):
    sentences = rng.sample(COMMON, 3)
    sentences += [sentence for _, _, sentence, share in PROBES if rng.random() < share]
    if rng.random() < 0.1:
        sentences.append(SCATTERED)
    return " ".join(sentences)


class EntryWriter:
    """Bulk writing of index entries: COPY on PostgreSQL (GIN index built at the end), FTS5 rebuilt on SQLite."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"

    def __enter__(self):
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(f"DROP INDEX IF EXISTS {words_index.NAME}")
                cursor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")
        return self

    def write(self, entries):
        if self.postgres:
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY search_searchentry ({', '.join(ENTRY_COLUMNS)}) FROM STDIN") as copy,
            ):
                for entry in entries:
                    copy.write_row([getattr(entry, column) for column in ENTRY_COLUMNS])
        else:
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                cursor.execute(words_index.INDEX)
                cursor.execute(title_index.INDEX)
                cursor.execute("RESET maintenance_work_mem")
            else:
                # The insert trigger of migration 0001, as it was; the FTS5 index rebuilt once from the table.
                initial = importlib.import_module("search.migrations.0001_initial")
                cursor.execute(initial.SQLITE[1])
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def bulk_load(count):
    """Insert `count` live pages under the news sections, and their index entries; returns entries per second."""
    rng = random.Random(7)
    sections = list(news_sections().values())
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    today = date.today()
    places, indexing_time, created = Places(), 0.0, 0
    with EntryWriter() as writer:
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
                Page.objects.bulk_create(pages, batch_size=BATCH)
                started = time.perf_counter()
                entries = []
                for page in pages:
                    entry = build_entry(page, places)
                    entry.date = today - timedelta(days=rng.randrange(DAYS))
                    entry.year = entry.date.year
                    entry.text = body(rng)
                    entry.text_folded = indexed(entry.text)
                    entries.append(entry)
                writer.write(entries)
                indexing_time += time.perf_counter() - started
            created += size
            if created % 100_000 == 0:
                print(f"{engine:8} ... {created} pages", flush=True)
        for section in sections:
            Page.objects.filter(pk=section.pk).update(numchild=section.numchild)
        started = time.perf_counter()
    indexing_time += time.perf_counter() - started  # the GIN index or FTS5 rebuild
    return count / indexing_time


def latency(query, runs=40, call=None):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        (call or search_engine.search)(query)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


if not reuse:
    started = time.perf_counter()
    rate = bulk_load(total)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("VACUUM ANALYZE search_searchentry")
    elapsed = time.perf_counter() - started
    print(f"{engine:8} loaded {total} pages in {elapsed:.1f} s; bulk indexing {rate:,.0f} entries/s", flush=True)

    section = next(iter(news_sections().values()))
    one_by_one = []
    for number in range(50):
        page = publish(section, f"Thông báo số {number} về dịch vụ công trực tuyến", "Nội dung thông báo.")
        begun = time.perf_counter()
        index_page(page)
        one_by_one.append(time.perf_counter() - begun)
    print(f"{engine:8} publish path: index_page {statistics.median(one_by_one) * 1000:.1f} ms per page (median of 50)")

for kind, query, _, _share in PROBES:
    found = search_engine.search(query)
    p50, p95 = latency(query)
    total_text = f"{found.total:7d}" if found.total_exact else f"≥{found.total:6d}"
    print(f"{engine:8} {kind:7} {query!r:28} {total_text} matches  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql, params, plan_off in search_engine.explained(query):
                for plan in plan_off.split(", ") if plan_off else ():
                    cursor.execute(f"SET {plan} = off")
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
                plan = cursor.fetchall()
                cursor.execute("RESET ALL")
                print("\n".join(f"           {row[0][:200]}" for row in plan), flush=True)
                print("           --", flush=True)

# Issue 19: queries typed in Telex with the input method off (each syllable matched as typed or as decoded), and
# what "Có phải bạn muốn tìm" adds after a search finding nothing: the closest titles of a query holding a common
# syllable ("thủ tục" plus a word found nowhere).
for kind, query in (("telex", "gooms Baats Trangf"), ("telex", "thur tucj")):
    found = search_engine.search(query)
    p50, p95 = latency(query)
    total_text = f"{found.total:7d}" if found.total_exact else f"≥{found.total:6d}"
    print(f"{engine:8} {kind:7} {query!r:28} {total_text} matches  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms", flush=True)
# And the suggestions every search returns (titles completing the query): "tin so" is in every title.
for kind, call, query in (
    ("closest", search_engine.closest, "thu tuc xqzw"),
    ("closest", search_engine.closest, "tin so xqzw"),
    ("suggest", search_engine.suggest, "thu tuc"),
    ("suggest", search_engine.suggest, "tin so"),
):
    p50, p95 = latency(query, call=call)
    print(f"{engine:8} {kind} {query!r:28} {'titles':>15}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms", flush=True)
