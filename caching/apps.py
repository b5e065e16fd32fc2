from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalCachingConfig(AppConfig):
    """The per-site versions every cache keys on, the public page cache, and the purge of a proxy in front."""

    name = "caching"
    label = "portal_caching"
    verbose_name = _("Bộ nhớ đệm")

    def ready(self):
        from . import versions

        versions.connect_invalidation()
