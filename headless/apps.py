from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadlessConfig(AppConfig):
    """The headless API's plumbing that must run outside requests too: cache invalidation on publish."""

    name = "headless"
    label = "headless"
    verbose_name = _("API nội dung")

    def ready(self):
        from . import caching

        caching.connect_invalidation()
