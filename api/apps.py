from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalAPIConfig(AppConfig):
    """The headless API (Wagtail API v2 scoped per site, citizen search, OpenAPI) and its cache invalidation."""

    name = "api"
    label = "portal_api"
    verbose_name = _("API nội dung")

    def ready(self):
        from . import caching

        caching.connect_invalidation()
