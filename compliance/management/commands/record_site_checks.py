"""Record a Lighthouse run's results per site: the accessibility and performance of Decree 224 Art. 12.

The reports are Lighthouse's own JSON (`lighthouse <url> --output=json`, or the files bench/lighthouse.py keeps in
var/lighthouse-reports). Every file is read and checked first; if one cannot be used, nothing is recorded and each
problem is named, so a run is recorded whole or not at all. Recording a report twice changes nothing.
"""

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from compliance.models import SiteCheck
from sites.resolve import site_by_hostname


def score(report, category):
    """The category's score from 0 to 100, or None when the run did not measure it (or could not)."""
    value = report.get("categories", {}).get(category, {}).get("score")
    return None if value is None else round(value * 100)


def failed_audits(report):
    """The accessibility audits the page failed: those of the category scored 0."""
    refs = report.get("categories", {}).get("accessibility", {}).get("auditRefs", [])
    audits = report.get("audits", {})
    return sorted(ref["id"] for ref in refs if audits.get(ref["id"], {}).get("score") == 0)


def check_of(path):
    """An unsaved SiteCheck of one report file; raises ValueError with the problem in Vietnamese."""
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"không đọc được tệp JSON ({error.__class__.__name__})") from None
    if not isinstance(report, dict) or "lighthouseVersion" not in report or "fetchTime" not in report:
        raise ValueError("không phải báo cáo JSON của Lighthouse")
    url = report.get("finalDisplayedUrl") or report.get("finalUrl") or report.get("requestedUrl") or ""
    site = site_by_hostname(urlsplit(url).netloc)
    unit = getattr(site, "unit", None) if site else None
    if unit is None:
        raise ValueError(f"địa chỉ {url or '(trống)'} không thuộc trang nào của Cổng")
    accessibility, performance = score(report, "accessibility"), score(report, "performance")
    if accessibility is None and performance is None:
        raise ValueError("báo cáo không có điểm khả năng tiếp cận hay hiệu năng")
    try:
        measured_at = datetime.fromisoformat(str(report["fetchTime"]).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("thời điểm đo (fetchTime) không đúng dạng") from None
    if measured_at.tzinfo is None:
        raise ValueError("thời điểm đo (fetchTime) không có múi giờ")
    return SiteCheck(
        unit=unit,
        url=url[:500],
        measured_at=measured_at,
        tool=f"Lighthouse {report['lighthouseVersion']}"[:64],
        accessibility=accessibility,
        performance=performance,
        failed_audits=failed_audits(report),
    )


class Command(BaseCommand):
    help = (
        "Ghi kết quả một lần chạy Lighthouse (tệp báo cáo JSON) vào điểm khả năng tiếp cận và hiệu năng của từng "
        "trang trong bản tự đánh giá (Nghị định 224/2026, Điều 12). Kiểm tra mọi tệp trước; có tệp lỗi thì không "
        "ghi gì. Ghi lại cùng một báo cáo không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("reports", nargs="+", help="Các tệp báo cáo JSON của Lighthouse.")

    def handle(self, *args, reports, **options):
        checks, problems = [], []
        for path in reports:
            try:
                checks.append(check_of(path))
            except ValueError as problem:
                problems.append(f"{path}: {problem}")
        if problems:
            raise CommandError("Không ghi kết quả nào:\n" + "\n".join(problems))
        with transaction.atomic():
            for check in checks:
                SiteCheck.objects.update_or_create(
                    url=check.url,
                    measured_at=check.measured_at,
                    defaults={
                        field: getattr(check, field)
                        for field in ("unit", "tool", "accessibility", "performance", "failed_audits")
                    },
                )
        sites = len({check.unit.pk for check in checks})
        self.stdout.write(f"Đã ghi {len(checks)} kết quả kiểm tra của {sites} trang.")
