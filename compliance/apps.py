from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    """The portal measures itself: update quotas, deadlines, completeness and usage per site (Quy chế Art. 13;
    Decree 224/2026 Art. 9 and 12), materialised per day for the dashboard, the reports and the self-assessment."""

    name = "compliance"
    label = "portal_compliance"
    verbose_name = _("Đánh giá hoạt động trang")
    default_auto_field = "django.db.models.BigAutoField"
