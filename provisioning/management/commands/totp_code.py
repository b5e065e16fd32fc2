"""The current 2FA code of a demo account, so that `./portal up` stays usable without a phone (development only)."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from provisioning.demo.seeding import DEMO_ACCOUNTS

DEMO_USERNAMES = ("admin", *(username for username, *_ in DEMO_ACCOUNTS))


class Command(BaseCommand):
    help = "In mã xác thực hai lớp hiện tại của một tài khoản dùng thử (chỉ nơi cho phép nội dung mẫu)."

    def add_arguments(self, parser):
        parser.add_argument("username", help=f"một trong: {', '.join(DEMO_USERNAMES)}")

    def handle(self, *args, username, **options):
        # A real account's second factor is its holder's phone: nobody else may read its codes, on any machine.
        if not settings.PORTAL_ALLOW_DEMO_CONTENT:
            raise CommandError("Cấu hình hiện tại không cho phép tài khoản dùng thử: lệnh này chỉ dùng khi phát triển.")
        if username not in DEMO_USERNAMES:
            raise CommandError(f"“{username}” không phải tài khoản dùng thử ({', '.join(DEMO_USERNAMES)}).")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Chưa có tài khoản “{username}”: hãy chạy ./portal up (hoặc manage.py seed_demo).")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Thiết bị dùng thử", confirmed=True
        )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        seconds_left = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(f"Mã của {username}, còn hiệu lực {seconds_left} giây.")
