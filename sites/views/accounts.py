"""Wagtail's users admin, reaching only the accounts the user manages (sites.accounts), with suspend and reinstate.

Installed by sites.apps.PortalUsersConfig in place of Wagtail's own user viewset.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from sites.accounts import REINSTATE_LABEL, SUSPEND_LABEL, assignable_groups, manages_every_account, set_active
from sites.ownership import InstancePermissionRequired

User = get_user_model()


class AccountFormMixin:
    """Offers only what the acting user may grant: to a site admin, their units' groups; superuser status only to
    superusers."""

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        # The active state changes only by suspending or reinstating, which end sessions and write the audit log.
        self.fields.pop("is_active", None)
        if not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
        if not manages_every_account(for_user):
            self.fields["groups"].queryset = assignable_groups(for_user)
            # An account in none of the admin's groups would drop out of their reach as soon as it is saved.
            self.fields["groups"].required = True


class AccountCreationForm(AccountFormMixin, UserCreationForm):
    pass


class AccountEditForm(AccountFormMixin, UserEditForm):
    pass


class ForActingUser:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class AccountFilterSet(users.UserFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["group"].queryset = assignable_groups(request.user)


def state_button(account, request_user):
    """“Tạm khóa” or “Mở khóa” for someone who may change accounts; nobody locks themselves out."""
    if account.pk == request_user.pk or not policy_registry.get_by_type(User).user_has_permission(
        request_user, "change"
    ):
        return None
    if account.is_active:
        return Button(_("Tạm khóa"), url=reverse("wagtailusers_users:suspend", args=[account.pk]), icon_name="lock")
    return Button(_("Mở khóa"), url=reverse("wagtailusers_users:reinstate", args=[account.pk]), icon_name="lock-open")


class AccountIndexView(users.IndexView):
    def get_base_queryset(self):
        managed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.any_permission_required
        )
        return super().get_base_queryset().filter(pk__in=managed.values("pk"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if button := state_button(instance, self.request.user):
            buttons.append(button)
        return buttons


class AccountCreateView(ForActingUser, users.CreateView):
    pass


class AccountEditView(InstancePermissionRequired, ForActingUser, users.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if button := state_button(self.object, self.request.user):
            buttons.append(button)
        return buttons


class AccountDeleteView(InstancePermissionRequired, users.DeleteView):
    pass


class AccountHistoryView(InstancePermissionRequired, users.HistoryView):
    pass


class AccountUsageView(InstancePermissionRequired, UsageView):
    pass


class AccountStateView(
    InstancePermissionRequired, PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Confirms, then suspends (Quy chế Art. 8.9) or reinstates one account."""

    model = None
    index_url_name = None
    permission_required = "change"
    template_name = "portal_sites/account_state.html"
    active = None

    def get_object(self):
        account = super().get_object()
        if account.pk == self.request.user.pk:
            raise PermissionDenied
        return account

    def get_page_title(self):
        return REINSTATE_LABEL if self.active else SUSPEND_LABEL

    def get_page_subtitle(self):
        return get_user_display_name(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": "", "label": self.get_header_title()},
        ]

    @property
    def confirmation_message(self):
        if self.active:
            return _("Tài khoản sẽ đăng nhập lại được. Việc mở khóa được ghi vào nhật ký.")
        return _(
            "Tài khoản sẽ không đăng nhập được nữa và mọi phiên đăng nhập đang mở kết thúc ngay. "
            "Việc tạm khóa được ghi vào nhật ký."
        )

    @property
    def submit_label(self):
        return _("Mở khóa") if self.active else _("Tạm khóa")

    def post(self, request, *args, **kwargs):
        set_active(self.object, self.active, by=request.user)
        done = _("Đã mở khóa tài khoản “%(name)s”.") if self.active else _("Đã tạm khóa tài khoản “%(name)s”.")
        messages.success(request, done % {"name": get_user_display_name(self.object)})
        return redirect(self.index_url_name)


class AccountViewSet(users.UserViewSet):
    index_view_class = AccountIndexView
    add_view_class = AccountCreateView
    edit_view_class = AccountEditView
    delete_view_class = AccountDeleteView
    history_view_class = AccountHistoryView
    usage_view_class = AccountUsageView
    filterset_class = AccountFilterSet
    # A copy would carry one person's details and groups into a new account, past the form's limits.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("suspend/<str:pk>/", self.construct_view(AccountStateView, active=False), name="suspend"),
            path("reinstate/<str:pk>/", self.construct_view(AccountStateView, active=True), name="reinstate"),
        ]
