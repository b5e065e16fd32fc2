"""The second sign-in step in the admin: enrolment with a QR code, verification, and an operator's reset.

Wagtail wraps every URL registered through `register_admin_urls` in its admin-access check, so these views are
reached only by signed-in staff; security.two_factor.TwoFactorMiddleware leads them here.
"""

from base64 import b32encode

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from security.two_factor import (
    RECOVERY_CODE_COUNT,
    RESET_LABEL,
    confirm_enrolment,
    matching_device,
    may_reset_two_factor,
    needs_second_factor,
    pending_device,
    recovery_codes_left,
    reset_two_factor,
)

WRONG_CODE = _("Mã không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã mới nhất trên ứng dụng xác thực.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        # One field for both kinds of code: six digits from the app, or a recovery code of letters and digits.
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
        error_messages={"required": _("Hãy nhập mã xác thực.")},
    )


class SecondStepMixin:
    """Both steps answer for the signed-in user, then go on to where they were going (a safe local URL only)."""

    def next_url(self):
        wanted = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(wanted, {self.request.get_host()}, self.request.is_secure()):
            return wanted
        return reverse("wagtailadmin_home")

    def passed(self, device):
        # A new session key once the second factor is in, as Django does after the password.
        self.request.session.cycle_key()
        otp_login(self.request, device)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.next_url()}


class VerifyView(SecondStepMixin, FormView):
    template_name = "security/verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not needs_second_factor(request.user):
            return redirect(self.next_url())
        if not user_has_device(request.user):
            return redirect("portal_two_factor_enrol")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        device = matching_device(self.request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        self.passed(device)
        if isinstance(device, StaticDevice):
            messages.warning(
                self.request,
                _("Bạn vừa dùng một mã khôi phục; còn %(left)d mã. Nếu mất điện thoại, hãy báo Đơn vị vận hành Cổng.")
                % {"left": recovery_codes_left(self.request.user)},
            )
        return redirect(self.next_url())


class EnrolView(SecondStepMixin, FormView):
    template_name = "security/enrol.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user):
            if needs_second_factor(request.user):
                return redirect("portal_two_factor_verify")
            messages.info(
                request,
                _("Tài khoản đã dùng xác thực hai lớp. Khi mất điện thoại, hãy nhờ Đơn vị vận hành Cổng đặt lại."),
            )
            return redirect("wagtailadmin_account")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = pending_device(self.request.user)
        secret = b32encode(device.bin_key).decode()
        return {
            **super().get_context_data(**kwargs),
            "qr_code": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2),
            # In groups of four, as authenticator apps show and accept it when typed by hand.
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        }

    def form_valid(self, form):
        device = pending_device(self.request.user)
        if not device.verify_token("".join(form.cleaned_data["code"].split())):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        codes = confirm_enrolment(device)
        self.passed(device)
        # Shown in this response only and never stored in the clear elsewhere than the user's own copy.
        context = {"codes": codes, "count": RECOVERY_CODE_COUNT, "next": self.next_url()}
        return render(self.request, "security/recovery_codes.html", context)


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """Confirms, then removes a user's devices (lost phone) so that they enrol again: the operating unit's job."""

    template_name = "security/reset.html"
    page_title = RESET_LABEL

    def dispatch(self, request, pk):
        self.account = get_object_or_404(get_user_model(), pk=pk)
        if not may_reset_two_factor(request.user, self.account):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return get_user_display_name(self.account)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "enrolled": user_has_device(self.account, confirmed=None)}

    def post(self, request, pk):
        reset_two_factor(self.account, by=request.user)
        messages.success(
            request,
            _("Đã đặt lại xác thực hai lớp của “%(name)s”: lần đăng nhập tới, người dùng đăng ký lại thiết bị.")
            % {"name": get_user_display_name(self.account)},
        )
        return redirect("wagtailusers_users:index")
