from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalAPIConfig(AppConfig):
    """The headless API (Wagtail API v2 scoped per site, citizen search, OpenAPI); its cache's invalidation is
    caching/versions.py's."""

    name = "api"
    label = "portal_api"
    verbose_name = _("API nội dung")
