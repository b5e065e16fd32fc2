from django.core.management.base import BaseCommand, CommandError

from home.importing import check, import_pages, read_lines
from sites.progress import draw_bar


class Command(BaseCommand):
    help = (
        "Nhập hàng loạt tin, bài, văn bản từ tệp JSON Lines, mỗi dòng một trang (xem docs/import-format.md). "
        "Kiểm tra mọi dòng trước; có dòng lỗi thì không nhập gì. Chạy lại cùng tệp không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .jsonl, mã hóa UTF-8.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Bỏ qua các dòng lỗi (vẫn liệt kê), nhập các dòng hợp lệ."
        )
        parser.add_argument("--draft", action="store_true", help="Lưu thành bản nháp, không xuất bản.")

    def handle(self, *args, file, skip_invalid, draft, verbosity, **options):
        try:
            lines = read_lines(file)
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {file}: {error.strerror}") from None

        progress = self._progress if verbosity >= 1 and self.stdout.isatty() else None
        plan = check(lines, progress=progress)
        self._end_bar(progress)
        if plan.errors:
            listing = "\n".join(f"  - {error}" for error in plan.errors)
            if not skip_invalid:
                raise CommandError(f"{len(plan.invalid_lines)} dòng lỗi, chưa nhập gì:\n{listing}")
            self.stderr.write(f"Bỏ qua {len(plan.invalid_lines)} dòng lỗi:\n{listing}")

        created = import_pages(plan.new, draft=draft, progress=progress)
        self._end_bar(progress)
        drafts = " (bản nháp)" if draft else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{plan.total} dòng: {created} tạo mới{drafts}, {len(plan.existing)} đã có, "
                f"{len(plan.invalid_lines)} lỗi."
            )
        )

    def _progress(self, done, total, label):
        draw_bar(self.stdout, done, total, label)

    def _end_bar(self, progress):
        if progress:
            self.stdout.write("")
