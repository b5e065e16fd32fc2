from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from provisioning.demo.seeding import (
    ensure_demo_accounts,
    seed_articles,
    seed_documents,
    seed_identities,
    seed_organisation,
    seed_syndication,
)


class Command(BaseCommand):
    help = (
        "Nạp bài viết, văn bản, lãnh đạo mẫu và tài khoản dùng thử "
        "(chỉ cho môi trường phát triển hoặc khi được cho phép rõ ràng)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Chỉ nạp bài viết, không tạo tài khoản.")

    def handle(self, *args, no_accounts, **options):
        if not settings.PORTAL_ALLOW_DEMO_CONTENT:
            raise CommandError(
                "Cấu hình hiện tại không cho phép nạp nội dung mẫu. "
                "Trên môi trường thật, chỉ đặt PORTAL_ALLOW_DEMO_CONTENT=1 khi thật sự cần."
            )
        created = seed_articles()
        self.stdout.write(self.style.SUCCESS(f"Bài viết mẫu: {created} bài mới."))
        self.stdout.write(self.style.SUCCESS(f"Văn bản mẫu: {seed_documents()} văn bản mới."))
        self.stdout.write(self.style.SUCCESS(f"Lãnh đạo mẫu: {seed_organisation()} người mới."))
        self.stdout.write(self.style.SUCCESS(f"Thông tin liên hệ mẫu: {seed_identities()} trang được bổ sung."))
        if not no_accounts:
            self.stdout.write("Tài khoản dùng thử (mật khẩu lưu trong var/demo-accounts.txt):")
            for username, password, description in ensure_demo_accounts():
                self.stdout.write(f"  {username} / {password}  ({description})")
            self.stdout.write(
                "Mã xác thực hai lớp khi được hỏi (không cần điện thoại): ./portal manage totp_code <tên>"
            )
        offered = seed_syndication()
        if offered:
            self.stdout.write(f"Chia sẻ mẫu: bài mới nhất của Thành phố được gửi tới {offered} phường, xã.")
