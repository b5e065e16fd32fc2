from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from sites.ownership import is_operator

from .models import MaintenanceWindow
from .permissions import OperatorsOnlyPolicy, administered_unit_ids
from .views.audit_export import AuditExportView
from .views.maintenance import EMERGENCY_ACTION, EMERGENCY_LABEL, MaintenanceWindowViewSet
from .views.scheduler import SchedulerView

register_permission_policy(MaintenanceWindow, OperatorsOnlyPolicy(MaintenanceWindow))


@hooks.register("register_admin_viewset")
def register_maintenance_windows():
    return MaintenanceWindowViewSet()


@hooks.register("register_log_actions")
def register_emergency_maintenance(actions):
    actions.register_action(EMERGENCY_ACTION, EMERGENCY_LABEL, EMERGENCY_LABEL)


@hooks.register("register_admin_urls")
def register_audit_export_urls():
    return [
        path("nhat-ky-theo-trang/", AuditExportView.as_view(), name="portal_audit_export"),
        path(
            "nhat-ky-theo-trang/ket-qua/",
            AuditExportView.as_view(results_only=True),
            name="portal_audit_export_results",
        ),
    ]


class AuditExportMenuItem(MenuItem):
    def is_shown(self, request):
        return administered_unit_ids(request.user) != set()


@hooks.register("register_reports_menu_item")
def register_audit_export_menu_item():
    return AuditExportMenuItem(
        _("Nhật ký theo trang"), reverse("portal_audit_export"), name="portal-audit-export", icon_name="history"
    )


@hooks.register("register_admin_urls")
def register_scheduler_urls():
    return [path("tac-vu-dinh-ky/", SchedulerView.as_view(), name="portal_scheduler")]


class OperatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_operator(request.user)


@hooks.register("register_settings_menu_item")
def register_scheduler_menu_item():
    return OperatorsMenuItem(
        _("Tác vụ định kỳ"), reverse("portal_scheduler"), name="portal-scheduler", icon_name="time"
    )
