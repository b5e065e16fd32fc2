from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Articles shared between the city portal and its component sites (Quy chế Art. 12.1)."""

    name = "syndication"
    label = "syndication"
    verbose_name = _("Chia sẻ, đăng lại bài")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import shared

        from . import copies, handlers

        handlers.connect()
        # Sites list and serve the copies they accepted; content reads them through this seam (home/shared.py).
        shared.register(copies.SharedCopies())
