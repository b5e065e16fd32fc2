from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import DashboardView, SiteView, visible_units


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [
        path("danh-gia/", DashboardView.as_view(), name="compliance_dashboard"),
        path("danh-gia/<int:unit_id>/", SiteView.as_view(), name="compliance_site"),
    ]


class ComplianceMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_units(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_compliance_menu_item():
    return ComplianceMenuItem(
        _("Đánh giá hoạt động các trang"),
        reverse("compliance_dashboard"),
        name="compliance",
        icon_name="table",
        order=1400,
    )
