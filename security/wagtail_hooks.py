from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites.accounts import manages_every_account

from .lockout import LOG_ACTIONS
from .views.lockouts import LockoutsView

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
