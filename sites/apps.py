from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users import apps as wagtail_users


class PortalSitesConfig(AppConfig):
    name = "sites"
    # "sites" alone would clash with django.contrib.sites.
    label = "portal_sites"
    verbose_name = _("Đơn vị và trang thành phần")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_guards, audit_log, explorer_filters

        explorer_filters.scope()
        audit_log.scope()
        admin_guards.scope()


class PortalUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's users app with the portal's account control (sites.accounts): INSTALLED_APPS names it."""

    # Not a candidate when Django picks the config of the "sites" app itself.
    default = False
    user_viewset = "sites.views.accounts.AccountViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model

        from wagtail.permissions import register_permission_policy

        from .accounts import AccountPolicy

        # Replaces the plain model-permission policy that Wagtail's ready() has just registered.
        User = get_user_model()
        register_permission_policy(User, AccountPolicy(User))
