"""A Đống Đa clerk meets no dead end: a second article of the same title is saved, an image asks for its alt text."""

import re

import pytest
from PIL import Image as PillowImage
from playwright.sync_api import expect

from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Lịch tiếp công dân tháng 12"


def news_section_id(page, home_id):
    return page.evaluate(
        "async (home) => (await (await fetch(`/admin/api/main/pages/?child_of=${home}`)).json())"
        ".items.find(p => p.meta.slug === 'tin-tuc-su-kien').id",
        home_id,
    )


def write_article(page, base, news_id):
    # The editor's scripts (the title fills the slug) must be running before she types, as they are for a person.
    page.goto(f"{base}/admin/pages/add/home/articlepage/{news_id}/", wait_until="networkidle")
    page.fill("#id_title", TITLE)
    page.locator("#id_title").press("Tab")
    # Wagtail fills the slug from the title; a locator assertion, since the admin's CSP forbids evaluating strings.
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.fill("#id_summary", "Chủ tịch UBND phường tiếp công dân vào sáng thứ Năm hằng tuần.")
    page.fill("#id_author", "Thu Trang")
    page.fill("#id_source_agency", "UBND phường Đống Đa")
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    page.wait_for_load_state("networkidle")


def test_a_ward_editor_saves_a_second_article_of_the_same_title(portal_server, page, screenshot):
    base = f"http://localhost:{portal_server['port']}"
    # Leaving a changed form asks "leave the page?" (Wagtail's unsaved-changes warning): she answers yes.
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, base, "bientap.dongda", portal_server["password"])
    news_id = news_section_id(page, portal_server["home_ids"]["00235"])

    write_article(page, base, news_id)
    assert "/edit/" in page.url
    # No autosave before the first save: opening the add form and typing leaves nothing behind.
    page.goto(f"{base}/admin/pages/add/home/articlepage/{news_id}/")
    assert page.locator("#w-autosave-indicator").count() == 0
    page.fill("#id_title", "Bản nháp bỏ dở")
    page.wait_for_timeout(1500)

    write_article(page, base, news_id)
    screenshot("duplicate-title-second-article-saved")
    assert "/edit/" in page.url, page.locator(".messages, .error-message").all_inner_texts()
    assert "lỗi máy chủ" not in page.content().lower()
    assert f"Đã tạo trang '{TITLE}'" in page.locator(".messages").inner_text()
    page.get_by_role("tab", name="Quảng bá").click()
    assert page.locator("#id_slug").input_value() == "lich-tiep-cong-dan-thang-12-2"
    # The section's newest pages (other stories write in Đống Đa's news too): her two articles, no abandoned draft.
    slugs = page.evaluate(
        "async (news) => (await (await fetch(`/admin/api/main/pages/?child_of=${news}&order=-id&limit=20`)).json())"
        ".items.map(p => p.meta.slug)",
        news_id,
    )
    ours = sorted(slug for slug in slugs if re.fullmatch(r"lich-tiep-cong-dan-thang-12(-\d+)?|ban-nhap-bo-do.*", slug))
    assert ours == ["lich-tiep-cong-dan-thang-12", "lich-tiep-cong-dan-thang-12-2"]


def test_a_ward_editor_uploading_an_image_is_asked_for_its_alt_text(portal_server, page, screenshot, tmp_path):
    photo = tmp_path / "ra-quan-ve-sinh.png"
    PillowImage.new("RGB", (320, 200), (30, 120, 60)).save(photo)
    base = f"http://localhost:{portal_server['port']}"
    log_in(page, base, "bientap.dongda", portal_server["password"])

    page.goto(f"{base}/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(photo))
    upload = page.locator("#upload-list li").first
    upload.locator("form").wait_for()
    assert "Mô tả ảnh cho người khiếm thị (alt)" in upload.inner_text()
    screenshot("image-upload-asks-alt-text")

    upload.locator("button[type=submit]").click()
    upload.get_by_text("Hãy mô tả ảnh cho người khiếm thị: ảnh cho thấy gì (bắt buộc).").wait_for()
    screenshot("image-upload-refused-without-alt-text")

    upload.locator("textarea[name$='description'], input[name$='description']").fill(
        "Cán bộ phường ra quân dọn vệ sinh phố Thái Hà"
    )
    upload.locator("button[type=submit]").click()
    page.wait_for_timeout(1500)
    screenshot("image-upload-saved-with-alt-text")

    page.goto(f"{base}/admin/images/")
    assert page.get_by_text("ra-quan-ve-sinh").first.is_visible()
