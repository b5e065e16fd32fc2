from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    """Editorial boards (Quy chế Art. 6.3, 9, 14): one workflow whose steps act for the page's own site."""

    name = "boards"
    label = "boards"
    verbose_name = _("Ban Biên tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import task_submitted

        from .rules import notify_board

        task_submitted.connect(notify_board, dispatch_uid="portal_notify_board")
