"""A Đống Đa clerk in a real Chromium: their own ward only, turned away from Cầu Giấy."""

import pytest

from .conftest import pass_second_factor

pytestmark = pytest.mark.browser

DONG_DA, CAU_GIAY = "00235", "00166"


def log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_url(f"{base}/admin/")


def test_a_ward_editor_works_in_their_own_ward_and_is_turned_away_from_another(portal_server, page, screenshot):
    base = f"http://localhost:{portal_server['port']}"
    log_in(page, base, "bientap.dongda", portal_server["password"])

    page.goto(f"{base}/admin/pages/")
    assert "Phường Đống Đa" in page.content()
    assert page.get_by_role("link", name="Tin tức - Sự kiện").first.is_visible()
    screenshot("ward-editor-explorer")

    page.goto(f"{base}/admin/pages/{portal_server['home_ids'][CAU_GIAY]}/edit/")
    assert page.url == f"{base}/admin/"
    page.get_by_text("Bạn không có quyền truy cập vào khu vực này").wait_for(state="visible")
    screenshot("ward-editor-refused-on-another-ward")


def test_each_ward_answers_on_its_own_hostname_in_the_browser(portal_server, page, screenshot):
    page.goto(f"http://dongda.localhost:{portal_server['port']}/")
    assert page.locator("h1").inner_text() == "Phường Đống Đa"
    assert page.title().startswith("Phường Đống Đa")
    screenshot("dongda-home")
