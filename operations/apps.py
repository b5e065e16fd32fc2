from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: backup and restore, maintenance notices, health checks, logs, several nodes."""

    name = "operations"
    verbose_name = _("Vận hành")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .maintenance import connect_invalidation

        connect_invalidation()
