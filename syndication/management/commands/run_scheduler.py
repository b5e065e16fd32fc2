import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from syndication import actions as syndication


class Command(BaseCommand):
    help = (
        "Xuất bản và gỡ xuống các trang đã hẹn giờ (cả bài đăng lại hẹn giờ), "
        "lặp lại mỗi khoảng thời gian (mặc định 60 giây). "
        "`./portal up` tự chạy lệnh này; trên máy chủ thật, chạy như một dịch vụ hoặc dùng systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Số giây giữa hai lần kiểm tra.")
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi thoát.")

    def handle(self, *args, interval, once, **options):
        # Stopping (SIGTERM, Ctrl+C) at any moment is safe: Wagtail publishes each page in its own transaction.
        while True:
            # Wagtail's own command: publishes what is due (go-live) and unpublishes what has expired.
            call_command("publish_scheduled", verbosity=0)
            # Syndicated copies accepted for a later time: found by search and fresh in the API from now on.
            syndication.announce_due()
            if once:
                return
            # A long-lived loop must not keep a connection the database has since dropped.
            close_old_connections()
            time.sleep(interval)
