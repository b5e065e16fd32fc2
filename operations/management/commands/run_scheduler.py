import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from operations import scheduler


class Command(BaseCommand):
    help = (
        "Chạy các tác vụ định kỳ đúng giờ Hà Nội: xuất bản theo giờ hẹn (mỗi phút), nhắc câu hỏi (07:30 ngày làm "
        "việc), tính số liệu đánh giá (00:30 và mỗi giờ), sao lưu (PORTAL_BACKUP_AT). Nhiều máy chủ cùng chạy "
        "được trên PostgreSQL (mỗi tác vụ chỉ một máy chạy); trên SQLite chỉ chạy một tiến trình."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="Số giây giữa hai lần xem giờ.")
        parser.add_argument("--once", action="store_true", help="Chạy các tác vụ đến giờ một lần rồi thoát.")

    def handle(self, *args, interval, once, verbosity, **options):
        # Stopping (SIGTERM, Ctrl+C) at any moment is safe: each job commits its own work; one cut short keeps its
        # slot open and runs again at the next start.
        while True:
            for state in scheduler.tick():
                if not state.last_ok:
                    self.stderr.write(f"Tác vụ {state.name} lỗi (sẽ chạy lại): {state.last_message}")
                elif verbosity > 1:
                    self.stdout.write(f"{state.name}: {state.last_message}")
            if once:
                return
            # A long-lived loop must not keep a connection the database has since dropped.
            close_old_connections()
            time.sleep(interval)
