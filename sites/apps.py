from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSitesConfig(AppConfig):
    name = "sites"
    # "sites" alone would clash with django.contrib.sites.
    label = "portal_sites"
    verbose_name = _("Đơn vị và trang thành phần")
    default_auto_field = "django.db.models.BigAutoField"
