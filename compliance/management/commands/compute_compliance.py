from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.compute import compute


class Command(BaseCommand):
    help = (
        "Tính số liệu đánh giá hoạt động của từng trang theo ngày (tần suất cập nhật, thời hạn đăng văn bản, "
        "mức đầy đủ thông tin, lượt tìm kiếm). Mặc định tính hôm qua và hôm nay; --since để tính lại từ một ngày. "
        "Chạy lại bao nhiêu lần cũng cho cùng kết quả."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Tính từ ngày này (YYYY-MM-DD) đến hôm nay.")

    def handle(self, *args, since=None, **options):
        today = timezone.localdate()
        if since:
            try:
                start = date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"Ngày “{since}” không đúng dạng YYYY-MM-DD.") from None
            if start > today:
                raise CommandError(f"Ngày {start:%d/%m/%Y} còn ở tương lai.")
        else:
            start = today - timedelta(days=1)
        rows = compute(start, today)
        self.stdout.write(f"Đã tính {rows} dòng số liệu từ {start:%d/%m/%Y} đến {today:%d/%m/%Y}.")
