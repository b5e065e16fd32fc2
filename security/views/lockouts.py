"""The operators' "Tài khoản bị khóa": accounts and addresses refused now after failed sign-ins, and clearing one.

Only the operating unit and superusers reach it (sites.accounts.manages_every_account): a site admin must not
learn which accounts of other units are under attack, nor lift a lockout meant to stop one.
"""

from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.accounts import manages_every_account

from ..lockout import ACCOUNT, ADDRESS, clear_lockout, current_lockouts


@method_decorator(user_passes_test(manages_every_account), name="dispatch")
class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/lockouts/index.html"
    page_title = gettext_lazy("Tài khoản bị khóa")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        tables = [(_("Tài khoản"), current_lockouts(ACCOUNT)), (_("Địa chỉ IP"), current_lockouts(ADDRESS))]
        return super().get_context_data(tables=tables, **kwargs)

    def post(self, request):
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        if kind in (ACCOUNT, ADDRESS) and value and clear_lockout(request, kind, value):
            messages.success(request, _("Đã mở khóa đăng nhập cho %(value)s.") % {"value": value})
        else:
            messages.error(request, _("Không có khóa đăng nhập nào cho %(value)s.") % {"value": value})
        return redirect("security_lockouts")
