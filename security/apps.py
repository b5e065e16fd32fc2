from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Staff sign-in and the portal's defences: two-factor authentication, lockout, security headers, admin hosts."""

    name = "security"
    verbose_name = _("Bảo mật")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Lockout: its receivers write every failed sign-in and lockout to the audit log.
        from . import lockout  # noqa: F401
