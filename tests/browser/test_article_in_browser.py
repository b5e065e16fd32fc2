"""A Đống Đa board head writes a news article with an image in the real admin and publishes it."""

import pytest

from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser


def test_a_board_head_writes_and_publishes_an_article_with_an_image(portal_server, page, screenshot):
    base = f"http://localhost:{portal_server['port']}"
    log_in(page, base, "truongban.dongda", portal_server["password"])
    news_id = page.evaluate(
        "async (home) => (await (await fetch(`/admin/api/main/pages/?child_of=${home}`)).json())"
        ".items.find(p => p.meta.slug === 'tin-tuc-su-kien').id",
        portal_server["home_ids"]["00235"],
    )
    page.goto(f"{base}/admin/pages/add/home/articlepage/{news_id}/")

    page.fill("#id_title", "Đăng ký khai sinh trực tuyến cho trẻ")
    page.fill("#id_summary", "Phường hướng dẫn người dân đăng ký khai sinh qua Cổng dịch vụ công.")
    page.fill("#id_author", "Thu Trang")
    page.fill("#id_source_agency", "UBND phường Đống Đa")
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").first.click()
    page.get_by_role("option", name="Ảnh").click()
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Chọn một ảnh").click()
    page.get_by_role("link", name="Lễ ra quân vệ sinh môi trường").click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator("input[name$='-value-alt_text']").fill("Người dân dọn vệ sinh đường phố")
    page.locator("input[name$='-value-caption']").fill("Lễ ra quân sáng thứ Bảy")
    screenshot("article-editor-before-publish")

    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_load_state()
    screenshot("article-published")
    assert page.url == f"{base}/admin/pages/{news_id}/", page.locator(".messages, .error-message").all_inner_texts()

    # The admin filled the slug from the Vietnamese title, folded to ASCII (đ -> d).
    slugs = page.evaluate(
        "async (news) => (await (await fetch(`/admin/api/main/pages/?child_of=${news}`)).json()).items"
        ".map(p => p.meta.slug)",
        news_id,
    )
    assert slugs == ["dang-ky-khai-sinh-truc-tuyen-cho-tre"]
    page.goto(f"http://dongda.localhost:{portal_server['port']}/tin-tuc-su-kien/dang-ky-khai-sinh-truc-tuyen-cho-tre/")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh trực tuyến cho trẻ"
    assert page.locator("figure img").get_attribute("alt") == "Người dân dọn vệ sinh đường phố"
    assert "Lễ ra quân sáng thứ Bảy" in page.locator("figcaption").inner_text()
    screenshot("article-on-the-ward-site")
