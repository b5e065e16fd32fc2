"""Đống Đa's board in a real browser: editor submits, reviewer passes, board head approves; Cầu Giấy sees nothing."""

import pytest

from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Lịch tiếp công dân tháng 12 của phường Đống Đa"


def news_section_id(page, home_id):
    return page.evaluate(
        "async (home) => (await (await fetch(`/admin/api/main/pages/?child_of=${home}`)).json())"
        ".items.find(p => p.meta.slug === 'tin-tuc-su-kien').id",
        home_id,
    )


def open_actions(page):
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()


def test_an_article_passes_dong_das_board_and_goes_live(portal_server, browser):
    base = f"http://localhost:{portal_server['port']}"

    def session(username):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, username, portal_server["password"])
        return page

    editor = session("bientap.dongda")
    news_id = news_section_id(editor, portal_server["home_ids"]["00235"])
    editor.goto(f"{base}/admin/pages/add/home/articlepage/{news_id}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.")
    editor.fill("#id_author", "Văn phòng HĐND-UBND")
    editor.fill("#id_source_agency", "UBND phường Đống Đa")
    screenshot_page(editor, "board-1-editor-writes")
    open_actions(editor)
    editor.get_by_role("button", name="Gửi Ban Biên tập duyệt").click()
    editor.wait_for_url(f"{base}/admin/pages/{news_id}/")
    screenshot_page(editor, "board-2-explorer-after-submit")

    outsider = session("thanhvien.caugiay")
    outsider.goto(f"{base}/admin/hang-cho-duyet/")
    assert TITLE not in outsider.content()

    reviewer = session("thanhvien.dongda")
    reviewer.goto(f"{base}/admin/hang-cho-duyet/")
    assert TITLE in reviewer.content()
    screenshot_page(reviewer, "board-3-reviewer-queue")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.locator("footer").get_by_role("button", name="Chuyển Trưởng ban duyệt").click()
    reviewer.wait_for_load_state()

    head = session("truongban.dongda")
    head.goto(f"{base}/admin/hang-cho-duyet/")
    head.get_by_role("link", name=TITLE).click()
    head.locator("#id_title").wait_for()
    screenshot_page(head, "board-4-board-head-editor")
    head.locator("footer").get_by_role("button", name="Duyệt và xuất bản").click()
    head.wait_for_load_state()

    citizen = browser.new_context().new_page()
    citizen.goto(f"http://dongda.localhost:{portal_server['port']}/tin-tuc-su-kien/")
    assert TITLE in citizen.content()
    screenshot_page(citizen, "board-5-live-on-the-ward-site")


def screenshot_page(page, name):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
