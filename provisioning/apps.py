from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    """Every unit's site built from the official catalogue, the city's English portal, and the demo content."""

    name = "provisioning"
    label = "provisioning"
    verbose_name = _("Khởi tạo các trang")
