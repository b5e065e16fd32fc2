from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction

from .accounts import REINSTATE_ACTION, REINSTATE_LABEL, SUSPEND_ACTION, SUSPEND_LABEL, assignable_groups, set_active


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action(SUSPEND_ACTION, SUSPEND_LABEL, SUSPEND_LABEL)
    actions.register_action(REINSTATE_ACTION, REINSTATE_LABEL, REINSTATE_LABEL)


class ManagedAccountsOnly:
    """Wagtail's user bulk actions check model permissions only; these reach only the accounts the user manages.

    Accounts out of reach are not found at all, so a crafted list of ids learns nothing about them.
    """

    def get_queryset(self, model, object_ids):
        managed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.any_permission_required
        )
        return get_list_or_404(managed, pk__in=object_ids)


class ChangeByPolicy:
    # Wagtail asks for auth.change_user itself, which site admins do not hold (sites.accounts.AccountPolicy).
    def check_perm(self, obj):
        return self.permission_policy.user_has_permission(self.request.user, "change")


class ManagedAssignRoleBulkAction(ManagedAccountsOnly, ChangeByPolicy, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = assignable_groups(self.request.user)
        return form


class ManagedDeleteBulkAction(ManagedAccountsOnly, DeleteBulkAction):
    pass


class ManagedSetActiveStateBulkAction(ManagedAccountsOnly, ChangeByPolicy, SetActiveStateBulkAction):
    @classmethod
    def execute_action(cls, objects, mark_as_active=False, user=None, **kwargs):
        # Through set_active, so a bulk suspension also ends sessions and is written to the audit log.
        changed = [account for account in objects if account != user and set_active(account, mark_as_active, by=user)]
        return len(changed), 0


# Registered after Wagtail's own (order 1), so that these replace them for the same action types.
for action_class in (ManagedAssignRoleBulkAction, ManagedDeleteBulkAction, ManagedSetActiveStateBulkAction):
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("register_admin_urls")
def register_board_queue_url():
    from django.urls import path

    from .queue import BoardQueueView

    return [path("hang-cho-duyet/", BoardQueueView.as_view(), name="board_queue")]


@hooks.register("register_admin_menu_item")
def register_board_queue_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    from .queue import BoardQueueView

    return MenuItem(BoardQueueView.page_title, reverse("board_queue"), icon_name="tasks", order=150)


@hooks.register("register_admin_urls")
def register_syndication_urls():
    from django.urls import path

    from .views.syndication import InboxView, PullFeedView, SourceStatusView

    return [
        path("chia-se/trang/<int:page_id>/", SourceStatusView.as_view(), name="syndication_status"),
        path("bai-chia-se/", InboxView.as_view(), name="syndication_inbox"),
        path("bai-chia-se/tim-bai/", PullFeedView.as_view(), name="syndication_feed"),
    ]


@hooks.register("register_admin_menu_item")
def register_syndication_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    from .views.syndication import InboxView, board_units

    class BoardMenuItem(MenuItem):
        def is_shown(self, request):
            return board_units(request.user).exists()

    return BoardMenuItem(InboxView.page_title, reverse("syndication_inbox"), icon_name="download", order=160)


@hooks.register("register_page_header_buttons")
def syndication_header_button(page, user, view_name, next_url=None):
    from wagtail.admin.widgets.button import Button

    from home.models.listing import LISTED_TYPES

    from .views.syndication import status_url

    listed = page.live and page.specific_class._meta.model_name in LISTED_TYPES
    if listed and page.permissions_for_user(user).can_edit():
        yield Button(_("Chia sẻ tới các trang"), status_url(page), icon_name="site", priority=40)
