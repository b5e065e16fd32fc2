from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sites.accounts import manages_every_account, set_active


class Command(BaseCommand):
    help = (
        "Tạm khóa ngay một tài khoản (Quy chế, Điều 8.9): tài khoản không đăng nhập được nữa, mọi phiên đăng nhập "
        "đang mở kết thúc, việc tạm khóa được ghi vào nhật ký."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của tài khoản.")
        parser.add_argument("--by", help="Tên đăng nhập của người vận hành thực hiện, để ghi vào nhật ký.")
        parser.add_argument("--reinstate", action="store_true", help="Mở khóa tài khoản thay vì tạm khóa.")

    def handle(self, *args, username, by, reinstate, **options):
        account = self._account(username)
        operator = self._account(by) if by else None
        if operator is not None and not manages_every_account(operator):
            raise CommandError(f"“{by}” không thuộc Đơn vị vận hành Cổng.")
        if not set_active(account, reinstate, by=operator):
            state = "đang hoạt động" if reinstate else "đã bị tạm khóa"
            self.stdout.write(f"Tài khoản “{username}” {state} từ trước; không thay đổi gì.")
            return
        done = "Đã mở khóa" if reinstate else "Đã tạm khóa"
        self.stdout.write(self.style.SUCCESS(f"{done} tài khoản “{username}”."))

    def _account(self, username):
        User = get_user_model()
        try:
            return User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"Không có tài khoản “{username}”.") from None
