"""Staff two-factor authentication (Quy chế Art. 8.1, level 3): who must use it, and the middleware that enforces it.

A password alone opens nothing in the admin for operators, site admins, board heads and superusers (everyone when
PORTAL_2FA_REQUIRED_FOR_ALL is on), nor for anyone who enrolled a device of their own accord: until the session is
verified by a code from an authenticator app (django_otp's TOTP device) or a single-use recovery code (its static
device), every admin URL leads to enrolment or verification. The check sits in a middleware rather than in the login
form, so that no way into a session (password reset, a "remember me" cookie, a view reached directly) skips it.
"""

from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from sites.accounts import end_sessions, managed_accounts, manages_every_account
from sites.ownership import roles_by_unit
from sites.roles import RoleKey

from .admin_hosts import under_admin

REQUIRED_ROLES = frozenset({RoleKey.OPERATOR, RoleKey.SITE_ADMIN, RoleKey.BOARD_HEAD})
RECOVERY_CODE_COUNT = 10
ENROL_ACTION = "portal.enrol_two_factor"
ENROL_LABEL = _("Đăng ký xác thực hai lớp")
RESET_ACTION = "portal.reset_two_factor"
RESET_LABEL = _("Đặt lại xác thực hai lớp")
VERIFY_URL_NAME = "portal_two_factor_verify"
ENROL_URL_NAME = "portal_two_factor_enrol"
# Reachable before the second factor: the 2FA steps themselves, signing out, and what their pages load.
OPEN_URL_NAMES = frozenset(
    {VERIFY_URL_NAME, ENROL_URL_NAME, "wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}
)
REFUSED_MESSAGE = _("Cần xác thực hai lớp: hãy nhập mã từ ứng dụng xác thực trước khi dùng trang quản trị.")


def must_use_two_factor(user):
    """Whether the user may not enter the admin on a password alone (enrolled or not)."""
    if not user.is_authenticated:
        return False
    if settings.PORTAL_2FA_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    return any(held & REQUIRED_ROLES for held in roles_by_unit(user).values())


def needs_second_factor(user):
    """Whether this signed-in user's session still lacks the second factor it needs."""
    if not user.is_authenticated or user.is_verified():
        return False
    return must_use_two_factor(user) or user_has_device(user)


class TwoFactorMiddleware:
    """Every admin URL, for a session that needs the second factor: JSON endpoints answer 403, pages redirect to
    enrolment (no device yet) or verification. Installed after django_otp's OTPMiddleware, which sets
    `request.user.is_verified()` from the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not under_admin(request) or match.url_name in OPEN_URL_NAMES:
            return None
        if not needs_second_factor(request.user):
            return None
        if wants_json(request):
            body = {"message": str(REFUSED_MESSAGE), "code": "two_factor_required"}
            return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})
        step = VERIFY_URL_NAME if user_has_device(request.user) else ENROL_URL_NAME
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


def wants_json(request):
    # Wagtail's admin API (/admin/api/...) and the admin's fetch() calls (choosers, autosave) ask for JSON.
    admin_api = reverse("wagtailadmin_home") + "api/"
    return request.path_info.startswith(admin_api) or "application/json" in request.headers.get("Accept", "")


def pending_device(user):
    """The authenticator-app device being enrolled: the same secret on every visit until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=str(_("Ứng dụng xác thực")), confirmed=False)


@transaction.atomic
def confirm_enrolment(device):
    """Confirms the device and issues fresh recovery codes, returned once: only their holder sees them again."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name=str(_("Mã khôi phục")))
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    log(device.user, ENROL_ACTION, user=device.user)
    return codes


def matching_device(user, code):
    """The user's device that accepts the code (an app's 6 digits or a recovery code, used up), or None.

    Each device is checked on its own, through django_otp's verify_token, so its throttling after wrong codes holds.
    """
    code = "".join(code.split()).lower()
    for device in list(devices_for_user(user)):
        if verify_token(user, device.persistent_id, code):
            return device
    return None


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset_two_factor(account, *, by):
    """Lost device: removes every device of the account and ends its sessions, so that it enrols again at its next
    sign-in; written to the audit log."""
    for device in list(devices_for_user(account, confirmed=None)):
        device.delete()
    end_sessions(account)
    log(account, RESET_ACTION, user=by)


def may_reset_two_factor(by, account):
    """The operating unit (and superusers) recover lost devices, for the accounts they manage, never their own."""
    return manages_every_account(by) and account.pk != by.pk and managed_accounts(by).filter(pk=account.pk).exists()
