"""Syndication in a real browser: the city shares an article, Đống Đa's board accepts it, citizens read the copy."""

import pytest

from .conftest import run_in_portal
from .test_board_in_browser import screenshot_page
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Thành phố hướng dẫn đón Tết an toàn, tiết kiệm"

PUBLISH_CITY_ARTICLE = f"""
from home.models import ArticlePage, SectionPage
from sites.models import Unit
city = Unit.objects.get(code="01")
news = SectionPage.objects.child_of(city.site.root_page).get(section_key="news")
page = news.add_child(instance=ArticlePage(
    title="{TITLE}", summary="Các phường, xã phổ biến tới người dân.", author="Phòng Thông tin",
    source_agency="Văn phòng UBND Thành phố"))
page.save_revision().publish()
print(page.pk)
"""


def test_the_city_shares_an_article_and_dong_da_shows_it_as_a_copy(portal_server, browser):
    port = portal_server["port"]
    base = f"http://localhost:{port}"
    article_id = run_in_portal(portal_server, PUBLISH_CITY_ARTICLE)

    def session(username):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, username, portal_server["password"])
        return page

    city = session("truongban.thanhpho")
    city.goto(f"{base}/admin/chia-se/trang/{article_id}/")
    city.get_by_label("Tất cả phường, xã").check()
    city.get_by_role("button", name="Gửi bài").click()
    city.get_by_text("Đã gửi bài tới 126 trang.").wait_for()
    screenshot_page(city, "syndication-1-city-offers-to-wards")

    outsider = session("thanhvien.caugiay")
    outsider.goto(f"{base}/admin/bai-chia-se/")
    assert TITLE in outsider.content()  # Cầu Giấy got its own offer, and sees only its own inbox
    assert "Phường Đống Đa" not in outsider.content()

    head = session("truongban.dongda")
    head.goto(f"{base}/admin/bai-chia-se/")
    offer = head.locator("article", has_text=TITLE)
    screenshot_page(head, "syndication-2-dong-da-inbox")
    offer.get_by_role("button", name="Nhận bài").click()
    head.get_by_text("Đã nhận bài").wait_for()

    citizen = browser.new_context().new_page()
    citizen.goto(f"http://dongda.localhost:{port}/tin-tuc-su-kien/")
    citizen.get_by_role("link", name=TITLE).click()
    citizen.get_by_text("Đăng lại từ Thành phố Hà Nội").wait_for()
    assert citizen.url.startswith(f"http://dongda.localhost:{port}/tin-tuc-su-kien/")
    canonical = citizen.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.startswith(f"http://localhost:{port}/tin-tuc-su-kien/")
    screenshot_page(citizen, "syndication-3-copy-on-dong-da")

    city.goto(f"{base}/admin/chia-se/trang/{article_id}/?trang_thai=accepted")
    assert city.locator("tr[data-state=accepted]").count() == 1
    assert "Phường Đống Đa" in city.locator("tr[data-state=accepted]").inner_text()
