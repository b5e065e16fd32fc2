"""Sharing where people look: the city's board head finds the share button in the page listing, picks two wards by
typing their names, and Đống Đa's board head accepts with a Vietnamese go-live time."""

import pytest

from .conftest import run_in_portal
from .test_board_in_browser import screenshot_page
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Hà Nội phát động phong trào thi đua cuối năm"

PUBLISH = f"""
from home.models import ArticlePage, SectionPage
from sites.models import Unit
city = Unit.objects.get(code="01")
news = SectionPage.objects.child_of(city.site.root_page).get(section_key="news")
page = news.add_child(instance=ArticlePage(
    title="{TITLE}", summary="Các đơn vị hưởng ứng.", author="Phòng Thi đua",
    source_agency="Văn phòng UBND Thành phố"))
page.save_revision().publish()
print(page.pk, news.pk)
"""


def test_the_city_shares_with_two_wards_typed_by_name_and_dong_da_accepts(portal_server, browser):
    port = portal_server["port"]
    base = f"http://localhost:{port}"
    article, news = run_in_portal(portal_server, PUBLISH).split()

    def session(username):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, username, portal_server["password"])
        return page

    city = session("truongban.thanhpho")
    city.goto(f"{base}/admin/pages/{news}/")
    row = city.locator("tr", has_text=TITLE)
    row.get_by_role("button", name="Thêm thao tác").or_(row.locator("[data-w-dropdown-target=toggle]")).first.click()
    city.get_by_role("link", name="Chia sẻ tới các trang").first.click()
    city.wait_for_url(f"{base}/admin/chia-se/trang/{article}/")

    typing = city.locator("[data-unit-filter]")
    typing.fill("dong da")  # without diacritics
    city.locator("[data-unit-option]:visible", has_text="Đống Đa").locator("input").first.check()
    typing.fill("Cầu Giấy")
    city.locator("[data-unit-option]:visible", has_text="Cầu Giấy").locator("input").first.check()
    city.get_by_text("Đã chọn 2 trang").wait_for()
    screenshot_page(city, "sharing-1-city-types-two-ward-names")
    city.get_by_role("button", name="Gửi bài").click()
    city.get_by_text("Đã gửi bài tới 2 trang.").wait_for()
    screenshot_page(city, "sharing-2-city-sent-to-two")

    head = session("truongban.dongda")
    head.goto(f"{base}/admin/bai-chia-se/")
    offer = head.locator("article", has_text=TITLE)
    live_at = offer.locator("input[name$=live_at]")
    assert live_at.get_attribute("type") in (None, "text")  # no browser date picker in mm/dd/yyyy
    live_at.fill("31/12/2030 14:30")
    screenshot_page(head, "sharing-3-dong-da-accepts-with-vietnamese-time")
    offer.get_by_role("button", name="Nhận bài").click()
    head.get_by_text("Đã nhận bài").wait_for()
    assert "14:30 31/12/2030" in head.content()
    screenshot_page(head, "sharing-4-dong-da-scheduled-copy")
