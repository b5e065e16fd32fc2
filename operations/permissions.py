"""Who runs the platform: the operating unit (RoleKey.OPERATOR) and superusers schedule maintenance and export
any site's audit log; a site admin exports their own site's log only."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies.base import BasePermissionPolicy

from sites.ownership import is_operator, roles_by_unit
from sites.roles import RoleKey


def administered_unit_ids(user):
    """The units whose audit log the user may export; None for every unit."""
    if is_operator(user):
        return None
    if not (user.is_authenticated and user.is_active):
        return set()
    return {unit_id for unit_id, roles in roles_by_unit(user).items() if RoleKey.SITE_ADMIN in roles}


class OperatorsOnlyPolicy(BasePermissionPolicy):
    """Every action on the model for operators and superusers, none for anybody else."""

    def user_has_permission(self, user, action):
        return is_operator(user)

    def user_has_any_permission(self, user, actions):
        return is_operator(user)

    def users_with_any_permission(self, actions):
        operators = Q(is_superuser=True) | Q(groups__site_role__role=RoleKey.OPERATOR)
        return get_user_model().objects.filter(operators, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
