from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from home.importing import Refused, import_file
from sites.progress import draw_bar

# After a large import PostgreSQL's tables are as the import left them until autovacuum comes round (at a million
# pages it had not, half an hour later): the planner's statistics know nothing of the new pages (on 40,000 freshly
# imported pages the page chooser's search took 1.3 s instead of 14 ms), and no page is marked visible to every
# transaction, so an index-only scan still reads each row (the API's count of a ward's 35,000 articles: 120 ms
# before VACUUM, 60 ms after; docs/performance.md).
ANALYZE_AFTER = 5000


class Command(BaseCommand):
    help = (
        "Nhập hàng loạt tin, bài, văn bản từ tệp JSON Lines, mỗi dòng một trang (xem docs/import-format.md). "
        "Kiểm tra mọi dòng; có dòng lỗi thì không nhập gì. Chạy lại cùng tệp không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .jsonl, mã hóa UTF-8.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Bỏ qua các dòng lỗi (vẫn liệt kê), nhập các dòng hợp lệ."
        )
        parser.add_argument("--draft", action="store_true", help="Lưu thành bản nháp, không xuất bản.")

    def handle(self, *args, file, skip_invalid, draft, verbosity, **options):
        progress = self._progress if verbosity >= 1 and self.stdout.isatty() else None
        try:
            report = import_file(file, draft=draft, skip_invalid=skip_invalid, progress=progress)
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {file}: {error.strerror}") from None
        except Refused as refused:
            self._end_bar(progress)
            errors = refused.report
            raise CommandError(f"{len(errors.invalid_lines)} dòng lỗi, chưa nhập gì:\n{_listing(errors)}") from None
        self._end_bar(progress)
        if report.created >= ANALYZE_AFTER and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (a caller's, or a test's): the statistics alone there.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        if report.errors:
            self.stderr.write(f"Bỏ qua {len(report.invalid_lines)} dòng lỗi:\n{_listing(report)}")
        drafts = " (bản nháp)" if draft else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.total} dòng: {report.created} tạo mới{drafts}, {report.existing} đã có, "
                f"{len(report.invalid_lines)} lỗi."
            )
        )

    def _progress(self, done, total, label):
        draw_bar(self.stdout, done, total, label)

    def _end_bar(self, progress):
        if progress:
            self.stdout.write("")


def _listing(report):
    return "\n".join(f"  - {error}" for error in report.errors)
