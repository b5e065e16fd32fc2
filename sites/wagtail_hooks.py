from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.menu import MenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction

from .accounts import REINSTATE_ACTION, REINSTATE_LABEL, SUSPEND_ACTION, SUSPEND_LABEL, assignable_groups, set_active
from .admin_scope import own_home_paths, usable_media, visible_pages
from .views.guide import EditorGuideImageView, EditorGuideView


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


# The help menu: our Vietnamese editor guide instead of Wagtail's English guide and release notes.
@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [
        path("huong-dan/", EditorGuideView.as_view(), name="portal_editor_guide"),
        # <path:name>: every name under anh/ reaches the view, which answers 404 itself (no slash-appending redirect).
        path("huong-dan/anh/<path:name>", EditorGuideImageView.as_view(), name="portal_editor_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(_("Hướng dẫn biên tập viên"), reverse("portal_editor_guide"), icon_name="help", order=1050)


WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def drop_wagtails_english_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


# Wagtail's login form redeclares `password` without a label, so Django shows the field name, "Password", which no
# catalogue translates; the label is given here, once, at start-up.
LoginForm.base_fields["password"].label = _("Mật khẩu")


# ------------------------------------------------------------------------------------------------------------------
# The admin scoped to the user's units (sites/admin_scope.py says what may be seen; these apply it).


@hooks.register("construct_page_chooser_queryset")
def choose_only_visible_pages(pages, request):
    """The page chooser's browse and search lists: own pages, and other sites' live public pages to link to.

    By id, since the search view runs the queryset through the search backend, which filters on indexed fields only.
    The status column asks each row for an approved schedule and a workflow in progress: annotated and prefetched
    here, as Wagtail's explorer does, instead of two queries a row.
    """
    pages = pages.annotate_approved_schedule().prefetch_workflow_states()
    if own_home_paths(request.user) is None:
        return pages
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


class UsableImagesEndpoint(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return usable_media(self.request.user, super().get_queryset())


class UsableDocumentsEndpoint(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return usable_media(self.request.user, super().get_queryset())


@hooks.register("construct_admin_api", order=1)
def scope_admin_api(router):
    """/admin/api/main/images/ and documents/ list every collection's files; these replace them (after Wagtail's
    own registration, order 0) with endpoints limited to the user's units' and the city's collections."""
    router.register_endpoint("images", UsableImagesEndpoint)
    router.register_endpoint("documents", UsableDocumentsEndpoint)


@hooks.register("before_move_page")
def move_only_own_pages(request, page_to_move, destination):
    """Wagtail's move confirmation shows the page and destination before checking the move: refuse it first."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
