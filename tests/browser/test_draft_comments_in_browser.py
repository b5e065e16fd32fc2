"""A citizen comments on Đống Đa's draft in Chromium; the ward's board approves one comment and rejects another;
the public page shows the approved one without contact data; Cầu Giấy's board sees none of them; the drafting unit
downloads the summary."""

import json

import pytest
from openpyxl import load_workbook

from .conftest import SCREENSHOTS, run_in_portal
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

# A draft of Đống Đa taking comments from two days ago to twelve days on; prints its path on the ward's site.
DRAFT = """
import datetime, json
from django.utils import timezone
from citizens.models import DraftDocumentPage
from home.models import SectionPage
from sites.models import Unit
unit = Unit.objects.get(code="00235")
legal = SectionPage.objects.child_of(unit.site.root_page).get(section_key="legal_documents")
today = timezone.localdate()
page = legal.add_child(instance=DraftDocumentPage(
    title="Dự thảo Quy định tiếp công dân của phường Đống Đa", drafting_unit="Văn phòng HĐND và UBND phường",
    abstract="Quy định thời gian, địa điểm và trình tự tiếp công dân tại trụ sở phường.",
    opens_on=today - datetime.timedelta(days=2), closes_on=today + datetime.timedelta(days=12),
))
page.save_revision().publish()
print(json.dumps({"path": page.relative_url(unit.site), "id": page.pk}))
"""


def comment(page, url, name, email, text, article=""):
    page.goto(url)
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Góp ý cho điều, khoản (nếu có)").fill(article)
    page.get_by_label("Nội dung góp ý").fill(text)
    page.locator("#id_consent").check()
    # The browser first does the form's proof of work (citizens/pow.js): give a loaded machine time for it.
    with page.expect_navigation(timeout=90_000):
        page.get_by_role("button", name="Gửi góp ý").click()


def test_a_citizen_comments_the_board_decides_and_only_the_approved_comment_is_public(
    portal_server, browser, page, screenshot
):
    port = portal_server["port"]
    draft = json.loads(run_in_portal(portal_server, DRAFT))
    ward, admin = f"http://dongda.localhost:{port}", f"http://localhost:{port}"
    url = ward + draft["path"]

    page.goto(url)
    assert page.locator("h1").first.inner_text() == "Dự thảo Quy định tiếp công dân của phường Đống Đa"
    assert page.get_by_role("heading", name="Gửi góp ý cho dự thảo").is_visible()
    screenshot("draft-page-open")
    comment(page, url, "Trần Văn Bình", "binh.tran@example.vn", "Đề nghị ghi rõ thời hạn 3 ngày làm việc.", "Điều 5")
    assert "da_gui=1" in page.url
    assert "Góp ý sẽ được công khai sau khi Ban Biên tập" in page.locator(".form-sent").inner_text()
    screenshot("draft-comment-sent")
    comment(page, url, "Lê Thị Cúc", "cuc.le@example.vn", "Mua hàng giá rẻ tại đây!")

    board = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    log_in(board, admin, "thanhvien.dongda", portal_server["password"])
    board.goto(f"{admin}/admin/gop-y-du-thao/")
    assert "binh.tran@example.vn" in board.content()  # the board reads whom to contact
    board.screenshot(path=SCREENSHOTS / "draft-comments-queue.png", full_page=True)
    # The draft is the ward's own: its editing page offers no sharing to other sites (an article's does).
    board.goto(f"{admin}/admin/pages/{draft['id']}/edit/")
    assert board.locator("h1").first.is_visible()
    assert board.get_by_text("Chia sẻ tới các trang").count() == 0
    board.screenshot(path=SCREENSHOTS / "draft-edit-no-sharing.png")
    board.goto(f"{admin}/admin/gop-y-du-thao/")
    board.locator("tr", has_text="Trần Văn Bình").get_by_role("button", name="Duyệt, công khai").click()
    board.wait_for_load_state()
    assert "Góp ý của Trần Văn Bình: đã duyệt, công khai." in board.locator(".messages").inner_text()
    board.locator("tr", has_text="Lê Thị Cúc").get_by_role("button", name="Không công khai").click()
    board.wait_for_load_state()
    assert "Không có góp ý nào." in board.content()
    board.goto(f"{admin}/admin/gop-y-du-thao/du-thao/{draft['id']}/")
    board.get_by_text("Không công khai", exact=True).first.wait_for()
    board.screenshot(path=SCREENSHOTS / "draft-comments-decided.png", full_page=True)
    with board.expect_download() as download:
        board.get_by_role("link", name="Tải tổng hợp góp ý (XLSX)").click()
    with open(download.value.path(), "rb") as file:  # saved without its name: opened as a file, not by extension
        rows = list(load_workbook(file).active.values)[3:]
    assert [(row[2], row[8]) for row in rows] == [
        ("Trần Văn Bình", "Đã duyệt, công khai"),
        ("Lê Thị Cúc", "Không công khai"),
    ]

    page.goto(url)
    public = page.locator(".draft-comments").inner_text()
    assert "Trần Văn Bình" in public and "Đề nghị ghi rõ thời hạn" in public and "Điều 5" in public
    assert "Lê Thị Cúc" not in page.content() and "binh.tran@example.vn" not in page.content()
    screenshot("draft-page-approved-comment")

    other = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    log_in(other, admin, "thanhvien.caugiay", portal_server["password"])
    other.goto(f"{admin}/admin/gop-y-du-thao/?trang_thai=all")
    assert "Trần Văn Bình" not in other.content() and "Lê Thị Cúc" not in other.content()
    other.screenshot(path=SCREENSHOTS / "draft-comments-other-ward.png", full_page=True)
    assert other.goto(f"{admin}/admin/gop-y-du-thao/du-thao/{draft['id']}/").status == 404
