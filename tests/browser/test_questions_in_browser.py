"""A Đống Đa citizen asks a question in Chromium, reads her tracking code and the due dates; the ward's board head
routes it in the admin and the status page follows."""

import re

import pytest

from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_citizen_asks_reads_her_code_and_sees_the_board_route_it(portal_server, page, screenshot):
    port = portal_server["port"]
    ward = f"http://dongda.localhost:{port}"
    page.goto(f"{ward}/cau-hoi/")
    assert page.locator("h1").inner_text() == "Gửi câu hỏi tới cơ quan nhà nước"
    assert page.get_by_label("Câu hỏi gửi tới").locator("option:checked").inner_text() == "Phường Đống Đa"

    # Sent empty: every mistake named at the top and beside its field, in Vietnamese.
    # The browser first does the form's proof of work (citizens/pow.js): give a loaded machine time for it.
    with page.expect_navigation(timeout=90_000):
        page.get_by_role("button", name="Gửi câu hỏi").click()
    screenshot("question-form-errors")
    summary = page.locator("#loi-bieu-mau")
    assert "Chưa gửi được câu hỏi" in summary.inner_text(timeout=5000), page.content()[:3000]
    assert page.get_by_label("Họ và tên").get_attribute("aria-invalid") == "true"
    assert "Cần đồng ý với điều khoản" in page.locator("#id_consent-loi").inner_text()

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoà")
    page.get_by_label("Thư điện tử").fill("hoa.nguyen@example.vn")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch")
    page.get_by_label("Tiêu đề").fill("Đăng ký khai sinh khi cha mẹ tạm trú")
    page.get_by_label("Nội dung câu hỏi").fill("Con tôi sinh ở bệnh viện Bạch Mai; tôi đăng ký khai sinh ở đâu?")
    page.get_by_label("Tệp đính kèm (nếu có)").set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("#id_consent").check()
    screenshot("question-form-filled")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_url(re.compile(r"/cau-hoi/HN-DONGDA-\d{4}-000001/"), timeout=90_000)
    code = re.search(r"HN-DONGDA-\d{4}-000001", page.url).group(0)
    assert f"Câu hỏi {code}" == page.locator("h1").inner_text()
    assert page.locator("[data-status]").inner_text() == "Đã tiếp nhận"
    assert re.match(
        r"\d\d:\d\d thứ .+, \d\d/\d\d/\d{4} \(2 ngày làm việc\)", page.locator("[data-due=route]").inner_text()
    )
    assert "Nguyễn Thị Hoà" not in page.content() and "0912345678" not in page.content()
    screenshot("question-status-received")

    # The board head routes it to the ward itself.
    admin = f"http://localhost:{port}"
    log_in(page, admin, "truongban.dongda", portal_server["password"])
    page.goto(f"{admin}/admin/cau-hoi/")
    page.get_by_role("link", name=code).click()
    page.get_by_text("Nguyễn Thị Hoà").wait_for()  # the board reads whom to answer (the click returns before the page)
    screenshot("question-in-the-admin")
    page.get_by_label("Chuyển cho đơn vị").select_option(label="Phường Đống Đa")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    page.wait_for_load_state()
    assert "Đã chuyển câu hỏi" in page.locator(".messages").inner_text()

    page.goto(f"{ward}/cau-hoi/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(re.compile(code))
    assert page.locator("[data-status]").inner_text() == "Đã chuyển đơn vị xử lý"
    assert "đã chuyển lúc" in page.locator("[data-due=route]").inner_text()
    screenshot("question-status-routed")
