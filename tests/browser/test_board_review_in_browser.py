"""Issue #13 in a real browser: Đống Đa's board head sends an article back on ground (c), the editor reads why at
the top of the editor at once, resubmits, and the head approves it live. Clicks and screens are counted."""

import pytest

from ..conftest import figures
from .test_board_in_browser import screenshot_page
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Thông báo lịch thu gom rác của phường Đống Đa"
REASON = "Số hộ dân trong bài chưa khớp với báo cáo của tổ dân phố."


def test_the_board_head_sends_an_article_back_with_a_ground_and_approves_the_fix(portal_server, browser):
    base = f"http://localhost:{portal_server['port']}"
    tally = {"clicks": 0, "screens": 0}

    def click(locator):
        tally["clicks"] += 1
        locator.click()

    def screen(page, name):
        tally["screens"] += 1
        page.wait_for_load_state()
        screenshot_page(page, name)

    def session(username):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, username, portal_server["password"])
        return page

    def footer_menu(page):
        click(page.locator("footer .w-dropdown-button .w-dropdown__toggle"))

    # The editor starts from her dashboard: "Viết bài mới" in the news section.
    editor = session("bientap.dongda")
    screen(editor, "review-1-editor-dashboard")
    click(editor.get_by_role("link", name="Viết bài mới: Tin tức - Sự kiện"))
    editor.locator("#id_title").wait_for()
    screen(editor, "review-2-editor-writes")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Rác được thu gom từ 18 giờ hằng ngày.")
    editor.fill("#id_author", "Văn phòng HĐND-UBND")
    editor.fill("#id_source_agency", "UBND phường Đống Đa")
    footer_menu(editor)
    click(editor.get_by_role("button", name="Gửi Ban Biên tập duyệt"))
    editor.wait_for_url(f"{base}/admin/pages/*/")
    screen(editor, "review-3-editor-submitted")

    # The board head sees the queue count on his dashboard and sends the article back at the reviewer step.
    head = session("truongban.dongda")
    assert head.locator("[data-board-queue-count='1']").count() == 1
    screen(head, "review-4-head-dashboard")
    click(head.locator("[data-board-queue-panel]").get_by_role("link", name=TITLE))
    head.locator("#id_title").wait_for()
    screen(head, "review-5-head-editor")
    assert head.locator("footer button[data-workflow-action-name='publish']").first.inner_text().strip() == (
        "Duyệt và xuất bản"
    )
    footer_menu(head)
    assert "và xuất bản và xuất bản" not in head.locator("footer").inner_text()
    click(head.get_by_role("button", name="Gửi lại cho tác giả"))
    reason = head.locator(".modal select[name=reason]")
    reason.wait_for()
    assert reason.input_value() == ""
    screen(head, "review-6-head-send-back-form")
    click(reason)
    reason.select_option("c")
    tally["clicks"] += 1  # choosing the option
    click(head.locator(".modal textarea[name=comment]"))
    head.locator(".modal textarea[name=comment]").fill(REASON)
    click(head.locator(".modal button[type=submit]"))
    head.get_by_text("Đã gửi lại cho tác giả kèm lý do (c)").wait_for()
    screen(head, "review-7-head-sent-back")

    # The editor sees it on her dashboard and at the top of the editor, at once: who, when, ground, comment.
    editor.goto(f"{base}/admin/")
    screen(editor, "review-8-editor-dashboard-sent-back")
    assert REASON in editor.content()
    click(editor.locator("[data-board-writing-panel]").get_by_role("link", name=TITLE))
    notice = editor.locator("[data-board-sent-back]")
    notice.wait_for()
    screen(editor, "review-9-editor-reads-the-reason")
    text = notice.inner_text()
    assert "truongban.dongda" in text and "(c) Thông tin không chính xác" in text and REASON in text
    assert notice.bounding_box()["y"] < editor.locator("#id_title").bounding_box()["y"]
    editor.fill("#id_summary", "Rác được thu gom từ 18 giờ hằng ngày tại 412 hộ dân.")
    click(editor.locator("footer").get_by_role("button", name="Gửi lại Ban Biên tập duyệt"))
    editor.wait_for_url(f"{base}/admin/pages/*/")
    screen(editor, "review-10-editor-resubmitted")

    # The head approves and publishes in one action.
    head.goto(f"{base}/admin/")
    screen(head, "review-11-head-dashboard-again")
    click(head.locator("[data-board-queue-panel]").get_by_role("link", name=TITLE))
    head.locator("#id_title").wait_for()
    screen(head, "review-12-head-editor-again")
    click(head.locator("footer button[data-workflow-action-name='publish']").first)
    head.get_by_text("Đã duyệt và xuất bản bài").wait_for()
    screen(head, "review-13-head-published")

    citizen = browser.new_context().new_page()
    citizen.goto(f"http://dongda.localhost:{portal_server['port']}/tin-tuc-su-kien/")
    assert TITLE in citizen.content()
    screenshot_page(citizen, "review-14-live-on-the-ward-site")
    figures["board review story (issue #13)"] = f"{tally['clicks']} clicks, {tally['screens']} screens"
