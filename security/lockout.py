"""Lockout after repeated failed sign-ins (Quy chế Art. 8.7–8.9), with django-axes.

Axes counts failures per account and per client address separately (AXES_LOCKOUT_PARAMETERS) and refuses both
for the cool-off once either reaches the limit, even with the right password. This module gives axes the client
address (only from the proxy header the operator names), the Vietnamese lockout page, the audit-log entries of
every failure and lockout, and what the operators' "Tài khoản bị khóa" view lists and clears.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Site

LOGIN_FAILED_ACTION = "portal.login_failed"
LOCKED_OUT_ACTION = "portal.locked_out"
LOCKOUT_CLEARED_ACTION = "portal.lockout_cleared"
LOG_ACTIONS = {
    LOGIN_FAILED_ACTION: _("Đăng nhập sai"),
    LOCKED_OUT_ACTION: _("Tạm khóa đăng nhập sau nhiều lần đăng nhập sai"),
    LOCKOUT_CLEARED_ACTION: _("Mở khóa đăng nhập"),
}
# The two things axes counts failures for; the lockout view lists and clears each.
ACCOUNT, ADDRESS = "username", "ip_address"


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the header the operator's proxy sets (PORTAL_CLIENT_IP_HEADER).

    Any other header is ignored, so a client cannot pick its own address with a forged X-Forwarded-For. In a
    list (X-Forwarded-For) the right-most entry is the one our proxy appended; a missing or malformed value falls
    back to REMOTE_ADDR, the proxy itself, so it still counts.
    """
    value = request.META.get(settings.PORTAL_CLIENT_IP_HEADER, "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """The page a locked-out sign-in gets instead of Wagtail's login form (AXES_LOCKOUT_CALLABLE): a 429."""
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "until": timezone.localtime() + settings.AXES_COOLOFF_TIME,
        "contact": settings.PORTAL_LOCKOUT_CONTACT,
    }
    return render(request, "security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def audited_object(request, username):
    """The account a sign-in named, or, for a name that is no account, the site it was tried on."""
    account = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    return account or Site.find_for_request(request)


def record(request, username, action):
    target = audited_object(request, username)
    if target is not None:
        log(target, action, data={"username": username, "ip_address": client_ip(request)})


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        record(request, get_client_username(request, credentials), LOGIN_FAILED_ACTION)


@receiver(user_locked_out)
def record_lockout(sender, request, username, ip_address, **kwargs):
    # Axes signals again on every attempt refused during the cool-off (each is already logged as a failure):
    # the lockout itself is logged once, when the count first reaches the limit.
    if request.axes_failures_since_start == get_failure_limit(request, request.axes_credentials):
        record(request, username, LOCKED_OUT_ACTION)


@dataclass(frozen=True)
class Lockout:
    kind: str  # ACCOUNT or ADDRESS
    value: str
    failures: int
    until: datetime


def current_lockouts(kind):
    """The accounts (or addresses) refused now: at least the limit of failures within the cool-off."""
    now = timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME).exclude(
        **{f"{kind}__isnull": True}
    )
    rows = (
        recent.values(kind)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [Lockout(kind, row[kind], row["failures"], row["last"] + settings.AXES_COOLOFF_TIME) for row in rows]


def clear_lockout(request, kind, value):
    """Forget the failures of one account or address, and write who did it to the audit log; False if none."""
    if not reset(**{"username" if kind == ACCOUNT else "ip": value}):
        return False
    target = audited_object(request, value if kind == ACCOUNT else None)
    if target is not None:
        log(target, LOCKOUT_CLEARED_ACTION, user=request.user, data={kind: value})
    return True
