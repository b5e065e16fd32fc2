"""Lockout after repeated failed sign-ins (Quy chế Art. 8.7–8.9): security/lockout.py and the operators' view."""

import pytest

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.models import ModelLogEntry, Site

from security.lockout import LOCKED_OUT_ACTION, LOCKOUT_CLEARED_ACTION, LOGIN_FAILED_ACTION

from .conftest import CITY, DONG_DA, refused

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
LIMIT = settings.AXES_FAILURE_LIMIT
LOGIN = reverse("wagtailadmin_login")
LOCKOUTS = reverse("security_lockouts")


def sign_in(username, password, client=None, **headers):
    client = client or Client()
    response = client.post(LOGIN, {"username": username, "password": password}, **headers)
    response.signed_in = SESSION_KEY in client.session
    return response


def fail(times, username, **headers):
    for _ in range(times):
        assert not sign_in(username, "sai-mat-khau", **headers).signed_in


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_vietnamese_page_saying_when_to_retry(member_of):
    editor = member_of(DONG_DA, "editor")
    fail(LIMIT - 1, editor.username)
    assert sign_in(editor.username, PASSWORD).signed_in, "one wrong password fewer than the limit does not lock"

    other_editor = member_of(DONG_DA, "editor")
    fail(LIMIT, other_editor.username, REMOTE_ADDR="198.51.100.7")
    response = sign_in(other_editor.username, PASSWORD, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 429
    assert not response.signed_in
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert f"Đã đăng nhập sai {LIMIT} lần liên tiếp" in page
    assert "Hãy thử lại sau" in page
    assert settings.PORTAL_LOCKOUT_CONTACT in page
    assert 'name="password"' not in page, "a locked-out sign-in gets no login form"


def test_wrong_passwords_for_many_accounts_from_one_address_lock_that_address_only(member_of):
    editor = member_of(DONG_DA, "editor")
    for attempt in range(LIMIT):
        fail(1, f"doan-mo-{attempt}", REMOTE_ADDR="203.0.113.9")
    assert sign_in(editor.username, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert sign_in(editor.username, PASSWORD, REMOTE_ADDR="203.0.113.10").signed_in


def test_a_forged_x_forwarded_for_changes_nothing_when_no_proxy_header_is_configured(member_of):
    editor = member_of(DONG_DA, "editor")
    for attempt in range(LIMIT):
        fail(1, f"doan-mo-{attempt}", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = sign_in(editor.username, PASSWORD, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


@override_settings(PORTAL_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_the_operators_proxy_the_address_it_appends_is_the_one_counted(member_of):
    editor = member_of(DONG_DA, "editor")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for attempt in range(LIMIT):
        # The client forges the left part; our proxy appends the address it saw, the right-most one.
        fail(1, f"doan-mo-{attempt}", HTTP_X_FORWARDED_FOR=f"1.1.1.{attempt}, 203.0.113.50", **proxy)
    assert sign_in(editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.50", **proxy).status_code == 429
    assert sign_in(editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.51", **proxy).signed_in


def test_every_failure_and_the_lockout_itself_are_in_the_audit_log(member_of):
    editor = member_of(DONG_DA, "editor")
    fail(LIMIT + 1, editor.username, REMOTE_ADDR="198.51.100.20")
    entries = ModelLogEntry.objects.for_instance(editor)
    assert entries.filter(action=LOGIN_FAILED_ACTION).count() == LIMIT + 1
    locked = entries.get(action=LOCKED_OUT_ACTION)
    assert locked.data == {"username": editor.username, "ip_address": "198.51.100.20"}
    assert "password" not in str(entries.values_list("data", flat=True))

    fail(1, "khong-co-tai-khoan-nay", REMOTE_ADDR="198.51.100.21")
    city = Site.objects.get(is_default_site=True)
    unknown = ModelLogEntry.objects.for_instance(city).get(action=LOGIN_FAILED_ACTION)
    assert unknown.data["username"] == "khong-co-tai-khoan-nay"


def test_an_operator_sees_the_lockout_clears_it_and_the_user_signs_in_again(member_of, login):
    editor = member_of(DONG_DA, "editor")
    fail(LIMIT, editor.username, REMOTE_ADDR="198.51.100.30")
    operator = member_of(CITY, "operator")

    listing = login(operator).get(LOCKOUTS)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Tài khoản bị khóa" in page
    assert editor.username in page and "198.51.100.30" in page

    cleared = login(operator).post(LOCKOUTS, {"kind": "username", "value": editor.username}, follow=True)
    assert f"Đã mở khóa đăng nhập cho {editor.username}" in cleared.content.decode()
    assert editor.username not in login(operator).get(LOCKOUTS).content.decode().split("Địa chỉ IP")[0]
    assert ModelLogEntry.objects.for_instance(editor).get(action=LOCKOUT_CLEARED_ACTION).user == operator
    # The address is still locked: the user signs in from another one, or the operator clears that too.
    login(operator).post(LOCKOUTS, {"kind": "ip_address", "value": "198.51.100.30"})
    assert sign_in(editor.username, PASSWORD, REMOTE_ADDR="198.51.100.30").signed_in


def test_clearing_nothing_clears_nobody_elses_lockout(member_of, login):
    editor = member_of(DONG_DA, "editor")
    fail(LIMIT, editor.username)
    operator = login(member_of(CITY, "operator"))
    for value in ("", "khong-co-ai"):
        response = operator.post(LOCKOUTS, {"kind": "username", "value": value}, follow=True)
        assert "Không có khóa đăng nhập nào" in response.content.decode()
    assert sign_in(editor.username, PASSWORD).status_code == 429


@pytest.mark.parametrize("role", ["editor", "reviewer", "board_head", "site_admin"])
def test_nobody_but_the_operators_sees_or_clears_lockouts(member_of, login, role):
    editor = member_of(DONG_DA, "editor")
    fail(LIMIT, editor.username)
    for code in (DONG_DA, CITY):
        actor = login(member_of(code, role))
        assert refused(actor.get(LOCKOUTS))
        assert refused(actor.post(LOCKOUTS, {"kind": "username", "value": editor.username}))
    assert Client().get(LOCKOUTS).url.startswith(f"{LOGIN}?next=")
    assert sign_in(editor.username, PASSWORD).status_code == 429


def test_the_lockouts_view_is_in_the_operators_settings_menu_only(member_of, login):
    assert LOCKOUTS in login(member_of(CITY, "operator")).get(reverse("wagtailadmin_home")).content.decode()
    assert LOCKOUTS not in login(member_of(DONG_DA, "site_admin")).get(reverse("wagtailadmin_home")).content.decode()
