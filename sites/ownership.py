"""Per-site snippets: a user reaches a snippet only when it belongs to a unit one of their groups serves.

Wagtail's snippets are global; its admin checks model permissions only. Here a permission policy adds the unit
check, and the snippet viewsets (home/wagtail_hooks.py) apply it to listings, forms and every view that opens
one object, so the rule holds on the server whatever the request.
"""

from django.core.exceptions import PermissionDenied

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SiteRole, Unit
from .roles import OPERATOR_ROLE


def roles_by_unit(user):
    """{unit id: the role keys the user holds there}, read once per user object (one query)."""
    if not hasattr(user, "_portal_roles"):
        roles = {}
        for unit_id, role in SiteRole.objects.filter(group__user=user).values_list("unit_id", "role"):
            roles.setdefault(unit_id, set()).add(role)
        user._portal_roles = roles
    return user._portal_roles


def unit_ids_for_user(user):
    """The units whose groups the user belongs to; None means every unit (superusers, the operating unit)."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    roles = roles_by_unit(user)
    return None if any(OPERATOR_ROLE.key in held for held in roles.values()) else set(roles)


def is_operator(user):
    """The operating unit and superusers: they run the platform and act on every site (the one place for this rule)."""
    return unit_ids_for_user(user) is None


def owner_unit_id(instance):
    """A snippet's owning unit; city-wide taxonomies (no unit) belong to the city."""
    if hasattr(instance, "unit_id"):
        return instance.unit_id
    return Unit.objects.filter(kind=Unit.Kind.CITY).values_list("pk", flat=True).first()


class UnitOwnershipPolicy(ModelPermissionPolicy):
    """Model permissions from the user's groups, limited to the snippets of the user's own units."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._reaches(user, owner_unit_id(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        units = unit_ids_for_user(user)
        if units is None:
            return self.model.objects.all()
        if any(field.name == "unit" for field in self.model._meta.fields):
            return self.model.objects.filter(unit_id__in=units)
        return self.model.objects.all() if owner_unit_id(self.model()) in units else self.model.objects.none()

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def _reaches(self, user, unit_id):
        units = unit_ids_for_user(user)
        return units is None or unit_id in units


class InstancePermissionRequired:
    """For admin views that open one snippet: refuse it unless the policy allows it for that very instance."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        actions = [self.permission_required] if self.permission_required else list(self.any_permission_required or [])
        if not self.permission_policy.user_has_any_permission_for_instance(self.request.user, actions, instance):
            raise PermissionDenied
        return instance


class UnitOwnedForm(WagtailAdminModelForm):
    """The unit field offers only the units the editor serves, so a crafted POST cannot pick another."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "unit" in self.fields and for_user is not None:
            units = unit_ids_for_user(for_user)
            queryset = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
            self.fields["unit"].queryset = queryset
            if queryset.count() == 1:
                self.fields["unit"].initial = queryset.first()
