from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import COUNT_LABELS, MEDIA_PREFIX, PRIVATE_PREFIX, BackupError, create_backup, rotate


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ Cổng (cơ sở dữ liệu, tệp media, bản kê có mã kiểm tra SHA-256) vào một tệp "
        "hanoi-portal-YYYYmmdd-HHMMSS.tar, rồi xóa các bản sao lưu cũ hơn số ngày giữ lại."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=settings.PORTAL_BACKUP_DIR, help="Thư mục lưu bản sao lưu (mặc định PORTAL_BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.PORTAL_BACKUP_KEEP_DAYS,
            help="Xóa các bản sao lưu của Cổng cũ hơn số ngày này trong thư mục (mặc định PORTAL_BACKUP_KEEP_DAYS).",
        )

    def handle(self, *args, to, keep_days, **options):
        if keep_days < 1:
            raise CommandError("--keep-days phải từ 1 trở lên.")
        try:
            path, manifest = create_backup(to)
        except BackupError as error:
            raise CommandError(f"Sao lưu không thành công, không tạo tệp nào: {error}") from None
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {path} ({size:.1f} MB)."))
        for name, label in COUNT_LABELS.items():
            self.stdout.write(f"  {label}: {manifest['counts'][name]}")
        for prefix, label in ((MEDIA_PREFIX, "tệp media"), (PRIVATE_PREFIX, "tệp riêng (đính kèm của người dân)")):
            self.stdout.write(f"  {label}: {sum(1 for name in manifest['members'] if name.startswith(prefix))}")
        for old in rotate(to, keep_days, keep=path):
            self.stdout.write(f"Đã xóa bản sao lưu cũ hơn {keep_days} ngày: {old.name}")
