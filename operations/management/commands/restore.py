from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.backup import COUNT_LABELS, BackupError
from operations.restore import restore

YES = {"có", "co", "c", "yes", "y"}


class Command(BaseCommand):
    help = (
        "Khôi phục Cổng từ một bản sao lưu của lệnh backup. Kiểm tra toàn bộ tệp trước; tệp hỏng hoặc thiếu "
        "thì từ chối và không thay đổi gì. Chỉ khôi phục vào cơ sở dữ liệu trống, trừ khi có --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp hanoi-portal-YYYYmmdd-HHMMSS.tar.")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại trước khi khôi phục.")
        parser.add_argument(
            "--force", action="store_true", help="Cho phép ghi đè lên cơ sở dữ liệu đã có tài khoản hoặc trang."
        )

    def handle(self, *args, archive, yes, force, **options):
        try:
            manifest = restore(archive, force=force, confirm=lambda manifest: yes or self.confirm(manifest))
        except BackupError as error:
            raise CommandError(f"Không khôi phục: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục {archive}. Số liệu khớp bản kê:"))
        for name, count in manifest["counts"].items():
            self.stdout.write(f"  {COUNT_LABELS.get(name, name)}: {count}")

    def confirm(self, manifest):
        self.stdout.write(
            f"Bản sao lưu nguyên vẹn: tạo lúc {manifest['created_at']}, {len(manifest['members'])} tệp đã kiểm tra."
        )
        question = f"Khôi phục vào cơ sở dữ liệu {connection.settings_dict['NAME']}? Gõ “có” để tiếp tục: "
        try:
            return input(question).strip().lower() in YES
        except EOFError:  # no one to answer (a script without --yes): do nothing
            return False
