from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Dựng lại toàn bộ chỉ mục tìm kiếm cho người dân từ các trang đang xuất bản "
        "(chạy một lần sau khi cài đặt; việc xuất bản trang tự cập nhật chỉ mục)."
    )

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {count} trang."))
