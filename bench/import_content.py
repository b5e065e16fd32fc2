"""Time the bulk import (import_content) of realistic Vietnamese content spread over the portal's sites.

    .venv/bin/python bench/import_content.py                      # SQLite, 1,000 lines
    .venv/bin/python bench/import_content.py postgres --lines 5000  # PostgreSQL (BENCH_POSTGRES_URL)

Provisions the 142 sites into a fresh database, writes a JSON Lines file, imports it, then imports it again
(which must create nothing). Target (2-core machine): a few hundred pages per second on SQLite.
`sample_records` is also what the tests import, so both exercise the same mix of page types.
"""

import argparse
import json
import os
import random
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


def sample_records(units, count=1000, seed=2026):
    """`count` import lines over the given (hostname label, display name) units, every page type represented.

    Every line has its own publication minute, so none repeats another; every other line has an external_id.
    """
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 7, 0, tzinfo=HANOI)
    # Roughly the mix of a ward's old site: mostly news, then documents and announcements.
    kinds = ["article"] * 10 + ["legal_document"] * 3 + ["announcement"] * 2
    kinds += ["event", "plan", "statistics_report", "procedure"]
    records = []
    for number in range(count):
        label, name = rng.choice(units)
        published = start + timedelta(minutes=37 * number)
        kind = rng.choice(kinds)
        record = {
            "site": label,
            "type": kind,
            "published_at": published.isoformat(),
            **_CONTENT[kind](rng, name, number, published),
        }
        if number % 2 == 0:
            record["external_id"] = f"cms-cu:{label}:{number}"
        records.append(record)
    return records


def write_jsonl(path, records):
    Path(path).write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), "utf-8")


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", nargs="?", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--lines", type=int, default=1000)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._database import fresh_database_url

    os.environ["DATABASE_URL"] = fresh_database_url(args.engine, "portal_bench_import")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()

    from django.core.management import call_command

    from home.importing import check, import_pages, read_lines
    from provisioning.sites import provision
    from sites.catalogue import load_catalogue
    from sites.models import Unit

    call_command("migrate", verbosity=0)
    provision(load_catalogue())
    units = [(unit.label, unit.display_name) for unit in Unit.objects.all()]
    path = Path(tempfile.mkdtemp(prefix="bench-")) / "import.jsonl"
    write_jsonl(path, sample_records(units, args.lines))

    for run in ("first import", "re-import"):
        started = time.perf_counter()
        plan = check(read_lines(path))
        checked = time.perf_counter()
        if plan.errors:
            sys.exit("\n".join(str(error) for error in plan.errors[:10]))
        created = import_pages(plan.new)
        finished = time.perf_counter()
        print(
            f"{args.engine:8} {run:12} {plan.total} lines: {created} created, {len(plan.existing)} already there; "
            f"check {checked - started:5.2f} s, import {finished - checked:5.2f} s"
            + (f" -> {created / (finished - started):6.1f} pages/s" if created else "")
        )


if __name__ == "__main__":
    main()
