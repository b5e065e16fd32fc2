"""Account control (Quy chế Art. 8.7–8.9): who manages which accounts, and suspending an account at once.

Superusers manage every account; operators every account but superusers' (so the operating unit cannot take over
or create a superuser account). A site admin manages the accounts of the units they administer:
users whose groups all belong to those units (so neither operators, superusers nor anyone who also serves another
unit). Everyone else manages none. The users admin (sites/views/accounts.py) applies this through the permission
policy registered for the user model, so listings, forms and every view that opens one account obey it.
"""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SiteRole
from .ownership import is_operator
from .roles import SITE_ROLES, RoleKey

SUSPEND_ACTION = "portal.suspend_user"
REINSTATE_ACTION = "portal.reinstate_user"
SUSPEND_LABEL = _("Tạm khóa tài khoản")
REINSTATE_LABEL = _("Mở khóa tài khoản")

SITE_ADMIN_ACTIONS = ("add", "change")
# The per-unit roles a site admin hands out; the operator role is the city's, never a site admin's to grant.
UNIT_ROLE_KEYS = [role.key for role in SITE_ROLES]


def manages_every_account(user):
    return is_operator(user)


def assignable_groups(user):
    """The groups the user may put accounts in: all of them for operators, a site admin's units' four groups."""
    if manages_every_account(user):
        return Group.objects.all()
    administered = SiteRole.objects.filter(role=RoleKey.SITE_ADMIN, group__user=user).values("unit_id")
    return Group.objects.filter(site_role__unit__in=administered, site_role__role__in=UNIT_ROLE_KEYS)


def managed_accounts(user):
    """The accounts the user may see and manage."""
    User = get_user_model()
    accounts = User._default_manager.all()
    if user.is_active and user.is_superuser:
        return accounts
    if manages_every_account(user):
        return accounts.filter(is_superuser=False)
    groups = assignable_groups(user)
    memberships = User.groups.through.objects
    return accounts.filter(is_superuser=False, pk__in=memberships.filter(group__in=groups).values("user_id")).exclude(
        pk__in=memberships.exclude(group__in=groups).values("user_id")
    )


class AccountPolicy(ModelPermissionPolicy):
    """Permissions on users, limited to the accounts the user manages.

    Operators hold auth.* permissions. A site admin adds and changes accounts by their role alone: Wagtail's site
    history report lists the log of every model a user holds any permission on, so an auth.change_user grant would
    show a site admin who was created, changed or suspended anywhere in the portal.
    """

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in SITE_ADMIN_ACTIONS and user.is_active and assignable_groups(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and managed_accounts(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return managed_accounts(user)


@transaction.atomic
def set_active(account, active, *, by):
    """Suspend (active=False) or reinstate an account and record who did it; False if it already was so.

    Suspension takes effect on the account's very next request: Django's ModelBackend refuses the sessions of
    inactive users. Its sessions are deleted as well, so that reinstating the account does not revive them.
    """
    User = get_user_model()
    if not User._default_manager.filter(pk=account.pk, is_active=not active).update(is_active=active):
        return False
    account.is_active = active
    if not active:
        end_sessions(account)
    log(account, REINSTATE_ACTION if active else SUSPEND_ACTION, user=by)
    return True


def end_sessions(account):
    # Sessions are stored in the database and keyed by session only, so each live one is decoded to find the
    # account's; suspensions are rare and the admin's sessions few.
    account_id = account._meta.pk.value_to_string(account)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    ended = [session.pk for session in live.iterator() if session.get_decoded().get(SESSION_KEY) == account_id]
    Session.objects.filter(pk__in=ended).delete()
