from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    """Citizens ask (Quy chế Art. 4.3, 13.1.e): questions with a tracking code and working-day deadlines."""

    name = "citizens"
    label = "portal_citizens"
    verbose_name = _("Hỏi đáp của người dân")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .questions import answer_published

        page_published.connect(answer_published, dispatch_uid="portal_citizens_answer_published")
