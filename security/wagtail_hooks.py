from django_otp import user_has_device

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from sites.accounts import manages_every_account

from .lockout import LOG_ACTIONS
from .two_factor import (
    ENROL_ACTION,
    ENROL_LABEL,
    ENROL_URL_NAME,
    RESET_ACTION,
    RESET_LABEL,
    VERIFY_URL_NAME,
    may_reset_two_factor,
)
from .views.lockouts import LockoutsView
from .views.two_factor import EnrolView, ResetView, VerifyView

# ------------------------------------------------------------------------------------------------------------------
# Lockout (security/lockout.py): its audit-log actions, and the operators' view of current lockouts.


@hooks.register("register_log_actions")
def register_lockout_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("tai-khoan-bi-khoa/", LockoutsView.as_view(), name="security_lockouts")]


class OperatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return manages_every_account(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return OperatorsMenuItem(_("Tài khoản bị khóa"), reverse("security_lockouts"), icon_name="lock", order=610)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("xac-thuc-hai-lop/", VerifyView.as_view(), name=VERIFY_URL_NAME),
        path("xac-thuc-hai-lop/dang-ky/", EnrolView.as_view(), name=ENROL_URL_NAME),
        path("xac-thuc-hai-lop/dat-lai/<int:pk>/", ResetView.as_view(), name="portal_two_factor_reset"),
    ]


@hooks.register("register_log_actions")
def register_two_factor_actions(actions):
    actions.register_action(ENROL_ACTION, ENROL_LABEL, ENROL_LABEL)
    actions.register_action(RESET_ACTION, RESET_LABEL, RESET_LABEL)


@hooks.register("register_account_menu_item")
def offer_enrolment(request):
    """“Tài khoản của tôi”: staff not required to use 2FA may turn it on themselves."""
    if user_has_device(request.user):
        return None
    return {
        "url": reverse(ENROL_URL_NAME),
        "label": _("Bật xác thực hai lớp"),
        "help_text": _("Đăng nhập bằng mật khẩu và mã trên điện thoại, an toàn hơn mật khẩu một mình."),
    }


@hooks.register("register_user_listing_buttons")
def offer_reset(user, request_user):
    if may_reset_two_factor(request_user, user) and user_has_device(user, confirmed=None):
        yield Button(RESET_LABEL, url=reverse("portal_two_factor_reset", args=[user.pk]), icon_name="key", priority=60)
