"""Time the bulk import (import_content) of realistic Vietnamese content spread over the portal's sites.

    .venv/bin/python bench/import_content.py                                  # SQLite, 1,000 lines
    .venv/bin/python bench/import_content.py postgres --lines 100000          # PostgreSQL (BENCH_POSTGRES_URL)

Provisions the 142 sites into a fresh database, writes a JSON Lines file and imports it with `import_content`;
beside it, in the same run, a smaller sample (--per-page-lines) through Wagtail's own per-page calls (add_child,
save_revision, publish: what import_content did before it wrote in bulk). Then (--admin-index) the task worker builds
Wagtail's admin search index the import left to it, the file is imported again (which must create nothing), a copy
with three bad lines too (which must import nothing and name them), and `fixtree` checks the tree.
Target (2-core machine): at least 1,000 pages/s on PostgreSQL.
`sample_records` is also what the tests import and what bench/scale.py builds its million pages from.
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HANOI = timezone(timedelta(hours=7))
FIELDS = ("Hộ tịch", "Đất đai", "Giáo dục và Đào tạo", "Y tế", "Giao thông vận tải", "Xây dựng", "Văn hóa")
PEOPLE = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thu Hà", "Vũ Đức Thắng", "Đỗ Thị Hương")
CATEGORIES = ("Tin địa phương", "Chỉ đạo điều hành", "Tuyên truyền", "Cải cách hành chính")
TAGS = ("môi trường", "chuyển đổi số", "an sinh xã hội", "giao thông", "đô thị", "giáo dục", "y tế")
SENTENCES = (
    "Ủy ban nhân dân đã chỉ đạo các phòng, ban chuyên môn phối hợp chặt chẽ với tổ dân phố triển khai nhiệm vụ.",
    "Qua đó, người dân được hướng dẫn cụ thể về trình tự, thủ tục và thời gian giải quyết hồ sơ.",
    "Đơn vị đã hoàn thành vượt mức các chỉ tiêu đề ra, được Thành phố ghi nhận và biểu dương.",
    "Lực lượng đoàn viên thanh niên, hội phụ nữ và cựu chiến binh tích cực tham gia, tạo sức lan tỏa rộng.",
    "Trong thời gian tới, đơn vị tiếp tục đẩy mạnh ứng dụng công nghệ thông tin, nâng cao chất lượng phục vụ.",
    "Mọi ý kiến phản ánh, kiến nghị của người dân được tiếp nhận qua đường dây nóng và Cổng thông tin điện tử.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách và các nguồn huy động hợp pháp khác.",
)


def sample_records(units, count=1000, seed=2026, weights=None, first=0, kinds=None):
    """`count` import lines (dicts, generated as read) over the given (hostname label, display name) units.

    weights: a relative weight per unit, in the order of `units` (the skew of a real portal: the city and a few large
    wards far above the rest); None: every unit alike. kinds: the page types to draw from (default: the mix of a
    ward's old site, mostly news, every type represented). Lines are numbered from `first`: every number has its
    own publication minute (five minutes apart, going back from 30 November 2026) and external_id, so files of
    distinct ranges never repeat each other; every other line has an external_id.
    """
    rng = random.Random(seed)
    # Line 0 is the newest, each next one five minutes older: a million lines reach back about nine and a half years
    # and none is dated after the day the benches publish on (a future-dated archive hides every new article).
    newest = datetime(2026, 11, 30, 7, 0, tzinfo=HANOI)
    if kinds is None:
        kinds = ["article"] * 10 + ["legal_document"] * 3 + ["announcement"] * 2
        kinds += ["event", "plan", "statistics_report", "procedure"]
    for number in range(first, first + count):
        label, name = rng.choices(units, weights)[0] if weights else rng.choice(units)
        published = newest - timedelta(minutes=5 * number)
        kind = rng.choice(kinds)
        record = {
            "site": label,
            "type": kind,
            "published_at": published.isoformat(),
            **_CONTENT[kind](rng, name, number, published),
        }
        if number % 2 == 0:
            record["external_id"] = f"cms-cu:{label}:{number}"
        yield record


def write_jsonl(path, records):
    """Write records (any iterable, streamed) as JSON Lines."""
    with open(path, "w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")


def _paragraphs(rng, count):
    return [" ".join(rng.sample(SENTENCES, 2)) for _ in range(count)]


def _body(rng):
    paragraphs = _paragraphs(rng, rng.randint(2, 4))
    if rng.random() < 0.3:
        items = "".join(f"<li>{sentence}</li>" for sentence in rng.sample(SENTENCES, 3))
        return f"<p>{paragraphs[0]}</p><h2>Nội dung chính</h2><ul>{items}</ul><p><b>{paragraphs[1]}</b></p>"
    return "\n\n".join(paragraphs)


def _article(rng, name, number, published):
    topic = rng.choice(
        (
            f"{name} ra quân tổng vệ sinh môi trường đợt {number % 12 + 1}",
            f"{name} sơ kết công tác cải cách hành chính quý {published.month // 4 + 1}",
            f"{name} trao {rng.randint(20, 300)} suất quà cho hộ khó khăn",
            f"Tuyên truyền phòng, chống cháy nổ tại {name}",
            f"{name} đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
        )
    )
    return {
        "title": topic,
        "summary": rng.choice(SENTENCES),
        "body": _body(rng),
        "author": rng.choice(PEOPLE),
        "source": f"Ban Biên tập {name}",
        "category": rng.choice(CATEGORIES),
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
    }


def _legal_document(rng, name, number, published):
    document_type, symbol, subject = rng.choice(
        (
            ("Quyết định", "QĐ-UBND", "về việc ban hành Quy chế tiếp công dân"),
            ("Kế hoạch", "KH-UBND", "triển khai công tác chuyển đổi số năm 2026"),
            ("Nghị quyết", "NQ-HĐND", "về dự toán ngân sách năm 2026"),
            ("Chỉ thị", "CT-UBND", "về tăng cường công tác phòng cháy, chữa cháy"),
        )
    )
    issued = published.date() - timedelta(days=rng.randint(1, 10))
    return {
        "title": f"{document_type} {subject}",
        "summary": f"{document_type} của {name} {subject}.",
        "document_type": document_type,
        "number": f"{number + 1}/{symbol}" if rng.random() < 0.5 else f"{number + 1}/2026/{symbol}",
        "issuing_body": f"UBND {name}" if "Sở" not in name else name,
        "signer": rng.choice(PEOPLE),
        "field": rng.choice(FIELDS),
        "issue_date": issued.isoformat(),
        "effective_date": (issued + timedelta(days=rng.choice((0, 10, 45)))).isoformat(),
        "status": "Còn hiệu lực",
    }


def _announcement(rng, name, number, published):
    return {
        "title": f"Thông báo lịch tiếp công dân tháng {published.month}/2026 của {name}",
        "summary": "Lãnh đạo tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại trụ sở.",
        "body": _body(rng),
        "valid_until": (published.date() + timedelta(days=30)).isoformat(),
    }


def _event(rng, name, number, published):
    starts = published + timedelta(days=rng.randint(3, 20), hours=1)
    return {
        "title": f"Hội nghị đối thoại với người dân và doanh nghiệp {name} năm 2026",
        "summary": rng.choice(SENTENCES),
        "body": _body(rng),
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "location": f"Hội trường {name}",
    }


def _plan(rng, name, number, published):
    return {
        "title": f"Kế hoạch chỉnh trang đô thị, bảo đảm trật tự xây dựng {name} năm 2026",
        "summary": rng.choice(SENTENCES),
        "body": _body(rng),
        "approval_date": (published.date() - timedelta(days=5)).isoformat(),
        "approved_by": f"UBND {name}",
    }


def _statistics_report(rng, name, number, published):
    period = rng.choice(("Quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026"))
    return {
        "title": f"Tình hình kinh tế - xã hội {period} của {name}",
        "summary": "Tổng thu ngân sách trên địa bàn đạt 56% dự toán, tăng 12% so với cùng kỳ.",
        "body": _body(rng),
        "release_date": published.date().isoformat(),
        "period": period,
    }


def _procedure(rng, name, number, published):
    title, code, field = rng.choice(
        (
            ("Đăng ký khai sinh", "1.001193", "Hộ tịch"),
            ("Đăng ký kết hôn", "1.000894", "Hộ tịch"),
            ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "1.009972", "Xây dựng"),
        )
    )
    return {
        "title": title,
        "summary": f"Thủ tục {title.lower()} thực hiện tại Bộ phận Một cửa {name} hoặc trực tuyến.",
        "body": _body(rng),
        "procedure_code": code,
        "service_url": f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
        "field": field,
    }


_CONTENT = {
    "article": _article,
    "legal_document": _legal_document,
    "announcement": _announcement,
    "event": _event,
    "plan": _plan,
    "statistics_report": _statistics_report,
    "procedure": _procedure,
}


def per_page_import(path):
    """The peer: Wagtail's own calls for each checked line (how import_content wrote before), in one transaction."""
    from django.db import transaction

    from home.importing import Checker, Report, build_lines, read_lines

    report = Report()
    checker, batch = Checker(), list(read_lines(path))
    lines = checker.check(batch, build_lines(batch, checker.context), report)
    if report.errors:
        sys.exit("\n".join(str(error) for error in report.errors[:10]))
    with transaction.atomic():
        for line in lines:
            page = line.page
            for name, value in line.relations.items():
                if name == "tags":
                    page.tags.add(*value)
                else:
                    model = page._meta.get_field(name).related_model
                    setattr(page, name, model.objects.get_or_create(name=value)[0])
            page.slug = ""  # PortalPage derives a free one from the title once the page has its place
            line.section.specific.add_child(instance=page)
            page.save_revision(clean=False).publish()
    return len(lines)


def importer_cpu():
    """CPU seconds of this process and of its children that have ended (the import's helper process)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", nargs="?", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--per-page-lines", type=int, default=500, help="the per-page peer's sample (0: skip it)")
    parser.add_argument(
        "--admin-index", action="store_true", help="then time the task worker building Wagtail's admin search index"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._database import fresh_database_url

    os.environ["DATABASE_URL"] = fresh_database_url(args.engine, "bulk_bench_import")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    # DEBUG keeps the SQL of the last 9,000 queries (bulk INSERTs of 500 rows): memory and time production never spends.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()

    from io import StringIO

    from django.core.management import CommandError, call_command
    from django.db import connection

    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from home.importing import import_file
    from provisioning.sites import provision
    from sites.catalogue import load_catalogue
    from sites.models import Unit

    call_command("migrate", verbosity=0)
    provision(load_catalogue())
    units = [(unit.label, unit.display_name) for unit in Unit.objects.order_by("code")]
    # The city and three large wards hold about half the lines, as in the scale bench.
    weights = [60 if label in ("hanoi", "dongda", "caugiay", "hoankiem") else 1 for label, _name in units]
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    path, bad_path, peer_path = folder / "import.jsonl", folder / "bad.jsonl", folder / "peer.jsonl"
    write_jsonl(path, sample_records(units, args.lines, weights=weights))

    cpu, server_cpu = {}, {}
    backend_cpu = _backend_cpu_reader(connection)

    def timed(what, run):
        started, cpu_started, (backend, server_started) = time.perf_counter(), importer_cpu(), backend_cpu()
        result = run()
        backend_after, server_now = backend_cpu()
        cpu[what] = importer_cpu() - cpu_started
        # The task worker closes the connection: another server process then did part of the work, not counted.
        server_cpu[what] = server_now - server_started if backend_after == backend else None
        return result, time.perf_counter() - started

    def show(run, lines, seconds, outcome):
        # This process's CPU time (and on PostgreSQL its server process's) beside the wall time: on a shared machine
        # the wall time also counts the others', the CPU times do not.
        used, server = cpu.get(run, 0), server_cpu.get(run, 0)
        rate = f" -> {lines / seconds:7.1f} lines/s ({lines / used:7.1f} per CPU s)" if seconds and used else ""
        on_server = ""
        if args.engine == "postgres":
            on_server = f", server CPU {server:6.2f} s" if server is not None else ", server CPU n/a (reconnected)"
        times = f"{lines:7} lines in {seconds:7.2f} s, CPU {used:7.2f} s{on_server}"
        print(f"{args.engine:8} {run:26} {times}{rate}: {outcome}")

    if args.per_page_lines:
        write_jsonl(peer_path, sample_records(units, args.per_page_lines, seed=7, weights=weights, first=args.lines))
        created, seconds = timed("per page (Wagtail's calls)", lambda: per_page_import(peer_path))
        show("per page (Wagtail's calls)", args.per_page_lines, seconds, f"{created} created")

    drain = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*"]
    if args.admin_index:
        call_command(*drain, verbosity=0, stdout=StringIO())  # provisioning's own tasks (reference index), untimed
    report, seconds = timed("bulk import", lambda: import_file(path))
    show("bulk import", report.total, seconds, f"{report.created} created, {report.existing} already there")
    if args.admin_index:
        # Wagtail's own search index (admin search), which the import leaves to the task worker.
        _done, seconds = timed(
            "then: admin search (worker)", lambda: call_command(*drain, verbosity=0, stdout=StringIO())
        )
        indexed = IndexEntry.objects.filter(content_type__app_label="home").count()
        show("then: admin search (worker)", report.created, seconds, f"{indexed} home pages in Wagtail's index")
    report, seconds = timed("re-import", lambda: import_file(path))
    show("re-import", report.total, seconds, f"{report.created} created, {report.existing} already there")

    lines = path.read_text("utf-8").splitlines()
    for number in (3, len(lines) // 2, len(lines) - 1):
        lines[number - 1] = lines[number - 1].replace('"type": "', '"type": "x')
    bad_path.write_text("\n".join(lines) + "\n", "utf-8")
    before = Page.objects.count()

    def import_bad_file():
        try:
            call_command("import_content", str(bad_path), stdout=StringIO())
        except CommandError as refused:
            return [line.split(":")[0].strip(" -") for line in str(refused).splitlines()[1:]]
        return None

    named, seconds = timed("3 bad lines", import_bad_file)
    outcome = f"refused, names {', '.join(named)}" if named is not None else "imported: WRONG"
    show("3 bad lines", len(lines), seconds, f"{outcome}; pages before/after {before}/{Page.objects.count()}")

    out = StringIO()
    call_command("fixtree", stdout=out)
    print(f"{args.engine:8} fixtree: {out.getvalue().strip() or 'nothing to fix'}")
    print(
        f"{args.engine:8} peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )


def _backend_cpu_reader(connection):
    """Seconds of CPU the database server's process for this connection has used (PostgreSQL on this machine:
    /proc of pg_backend_pid), with that process's id; 0 elsewhere. The process is looked up at each reading: the
    task worker closes the connection, and the next query opens another."""
    if connection.vendor != "postgresql":
        return lambda: (None, 0.0)

    def read():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return stat, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    return read


if __name__ == "__main__":
    main()
