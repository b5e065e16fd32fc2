"""An operator in a real Chromium: enrols an authenticator app from the QR screen, signs in with password and code,
is refused everywhere without the code, and gets in once with a recovery code."""

import re

import pytest

from .conftest import AUTHENTICATOR, ENROL_PATH, VERIFY_PATH, authenticator_code, run_in_portal
from .test_board_in_browser import screenshot_page

pytestmark = pytest.mark.browser

USERNAME = "vanhanh.xacthuc"
MAKE_OPERATOR = """
from django.contrib.auth import get_user_model
from sites.models import SiteRole
operator = get_user_model().objects.create_user("{username}", password="{password}")
operator.groups.add(SiteRole.objects.get(role="operator").group)
print(operator.pk)
"""


def password_step(page, base, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/(?!login/)"))


def enter_code(page, code):
    page.fill("#id_code", code)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


def test_an_operator_enrols_signs_in_with_a_code_and_uses_a_recovery_code_once(
    portal_server, browser, page, screenshot
):
    base, password = f"http://localhost:{portal_server['port']}", portal_server["password"]
    run_in_portal(portal_server, MAKE_OPERATOR.format(username=USERNAME, password=password))

    # First sign-in: the password leads to enrolment, with a QR code and the secret beside it.
    password_step(page, base, password)
    assert ENROL_PATH in page.url
    assert page.locator("figure.two-factor-qr svg").is_visible()
    screenshot("two-factor-1-enrol")
    AUTHENTICATOR[USERNAME] = (page.locator("#totp-secret").inner_text().replace(" ", ""), -1)
    enter_code(page, authenticator_code(USERNAME))
    codes = page.locator("ol.recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    screenshot("two-factor-2-recovery-codes")
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    page.wait_for_url(f"{base}/admin/")

    # Signing out, then in with the password alone: every admin URL leads to the code, the admin API refuses.
    page.locator("form[action='/admin/logout/']").evaluate("form => form.requestSubmit()")
    page.wait_for_url(re.compile(r"/admin/login/"))
    password_step(page, base, password)
    assert VERIFY_PATH in page.url
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/images/"):
        page.goto(f"{base}{path}")
        assert VERIFY_PATH in page.url, f"{path} opened without the code"
    api = page.evaluate("async () => (await fetch('/admin/api/main/pages/')).status")
    assert api == 403
    page.fill("#id_code", "123456")
    page.click("form.login-form button[type=submit]")
    page.locator(".messages .error", has_text="Mã không đúng").wait_for()
    screenshot("two-factor-3-wrong-code")
    page.wait_for_timeout(1100)  # django_otp waits a second after a wrong code before it checks another
    enter_code(page, authenticator_code(USERNAME))
    page.wait_for_url(f"{base}/admin/images/")
    page.goto(f"{base}/admin/users/")
    assert page.url == f"{base}/admin/users/"

    # A lost phone: a recovery code lets the operator in once, never twice.
    for attempt in ("first", "second"):
        other = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        password_step(other, base, password)
        enter_code(other, codes[0])
        if attempt == "first":
            other.wait_for_url(f"{base}/admin/")
            other.get_by_text("Bạn vừa dùng một mã khôi phục; còn 9 mã.").wait_for()
            screenshot_page(other, "two-factor-4-recovery-code-used")
        else:
            assert VERIFY_PATH in other.url
            other.locator(".messages .error", has_text="Mã không đúng").wait_for()
            screenshot_page(other, "two-factor-5-recovery-code-refused-twice")
        other.context.close()
