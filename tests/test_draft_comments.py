"""Comments on draft documents (góp ý dự thảo, Quy chế Art. 4.3): citizens comment while a draft is open, the site's
board decides what is shown, the public sees approved comments without any contact, and after closing the drafting
unit exports every comment with its status and publishes its response through the board's workflow."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from citizens import defences
from citizens.models import DraftComment, DraftDocumentFile, DraftDocumentPage, PageRating
from home.models import SectionPage
from syndication import actions as syndication
from syndication.actions import SyndicationError
from syndication.models import Placement

from .api_content import article, section
from .conftest import CAU_GIAY, DONG_DA

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DONGDA = "dongda.localhost"
APPROVED = {
    "name": "Trần Văn Bình",
    "email": "binh.tran@example.vn",
    "phone": "0987654321",
    "organisation": "Hội Luật gia phường",
    "article": "Điều 5, khoản 2",
    "text": "Đề nghị ghi rõ thời gian giải quyết là 3 ngày làm việc.",
}
REJECTED = {
    "name": "Lê Thị Cúc",
    "email": "cuc.le@example.vn",
    "phone": "",
    "organisation": "",
    "article": "",
    "text": '=HYPERLINK("http://lua.example") <script>alert(1)</script>Quảng cáo',
}
CONTACTS = ("binh.tran@example.vn", "0987654321", "cuc.le@example.vn")


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE = False


def hanoi(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def legal_section(site_unit):
    return SectionPage.objects.child_of(site_unit.site.root_page).get(section_key="legal_documents")


def draft_on(site_unit, title="Dự thảo Quy định tiếp công dân của phường"):
    """A published draft under the site's legal section, open 1–15 March 2027, with one file of its own."""
    page = legal_section(site_unit).add_child(
        instance=DraftDocumentPage(
            title=title,
            drafting_unit="Văn phòng HĐND và UBND phường",
            abstract="Quy định thời gian, địa điểm và trình tự tiếp công dân.",
            opens_on=datetime.date(2027, 3, 1),
            closes_on=datetime.date(2027, 3, 15),
        )
    )
    document = Document.objects.create(
        title="Toàn văn dự thảo",
        file=ContentFile(b"%PDF-1.4 du thao", name="du-thao.pdf"),
        collection=site_unit.collection,
    )
    DraftDocumentFile.objects.create(page=page, document=document)
    page.save_revision().publish()
    return page


def comment_data(**fields):
    return {**fields, "consent": "on", "pow": defences.solve(defences.challenge())}


def post_comment(client, page, fields, **changes):
    return client.post(f"/gop-y-du-thao/{page.pk}/", {**comment_data(**fields), **changes}, HTTP_HOST=DONGDA)


def public_html(client, page):
    response = client.get(page.url, HTTP_HOST=DONGDA)
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_is_made_only_under_the_sites_legal_documents_section(unit):
    dong_da = unit(DONG_DA)
    news = SectionPage.objects.child_of(dong_da.site.root_page).get(section_key="news")
    assert DraftDocumentPage.can_create_at(legal_section(dong_da))
    assert not DraftDocumentPage.can_create_at(news)


def test_citizens_comment_on_dong_das_draft_the_board_decides_and_the_drafting_unit_answers(
    client, login, member_of, unit
):
    dong_da = unit(DONG_DA)
    page = draft_on(dong_da)
    reviewer, head, editor = (member_of(DONG_DA, role) for role in ("reviewer", "board_head", "editor"))
    outsider = member_of(CAU_GIAY, "board_head")

    # 3 March 2027: the draft takes comments; two citizens send theirs.
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        html = public_html(client, page)
        assert "Văn phòng HĐND và UBND phường" in html and "Toàn văn dự thảo" in html
        assert "Gửi góp ý" in html and 'action="/gop-y-du-thao/' in html
        for fields in (APPROVED, REJECTED):
            response = post_comment(client, page, fields)
            assert response.status_code == 302
            assert response.url == f"{page.url}?da_gui=1#gop-y"
        thanks = client.get(response.url, HTTP_HOST=DONGDA).content.decode()
        assert "Góp ý sẽ được công khai sau khi Ban Biên tập" in thanks
        # Nothing is public before the board looked at it.
        assert "Đề nghị ghi rõ" not in thanks and "Chưa có góp ý nào được công khai" in thanks
    approved, rejected = DraftComment.objects.order_by("pk")
    assert rejected.text == '=HYPERLINK("http://lua.example") Quảng cáo'  # the script went with its tags
    assert (approved.unit, approved.status, rejected.status) == (dong_da, "pending", "pending")

    # Đống Đa's board reads both, with whom to contact, and decides.
    board = login(reviewer)
    queue = board.get("/admin/gop-y-du-thao/").content.decode()
    assert "Trần Văn Bình" in queue and "binh.tran@example.vn" in queue and "Lê Thị Cúc" in queue
    assert board.post(f"/admin/gop-y-du-thao/{approved.pk}/duyet/").status_code == 302
    assert board.post(f"/admin/gop-y-du-thao/{rejected.pk}/khong-cong-khai/").status_code == 302
    assert "Không có góp ý nào." in board.get("/admin/gop-y-du-thao/").content.decode()  # the queue is empty

    # Cầu Giấy's board neither sees nor acts on them.
    other = login(outsider)
    for url in ("/admin/gop-y-du-thao/", "/admin/gop-y-du-thao/?trang_thai=all"):
        listing = other.get(url).content.decode()
        assert "Trần Văn Bình" not in listing and "Lê Thị Cúc" not in listing and page.title not in listing
    for url in (f"/admin/gop-y-du-thao/du-thao/{page.pk}/", f"/admin/gop-y-du-thao/du-thao/{page.pk}/tong-hop.csv"):
        assert other.get(url).status_code == 404
    assert other.post(f"/admin/gop-y-du-thao/{rejected.pk}/duyet/").status_code == 404
    assert other.post(f"/admin/gop-y-du-thao/{approved.pk}/khong-cong-khai/").status_code == 404
    assert list(DraftComment.objects.order_by("pk").values_list("status", flat=True)) == ["approved", "rejected"]
    # An editor of Đống Đa reads the comments (the drafting unit) but the board decides.
    assert login(editor).post(f"/admin/gop-y-du-thao/{rejected.pk}/duyet/").status_code == 302
    assert DraftComment.objects.get(pk=rejected.pk).status == "rejected"

    # The public page shows the approved comment only, without any contact; so does the API.
    client.logout()
    with time_machine.travel(hanoi(2027, 3, 10, 9, 0), tick=False):
        html = public_html(client, page)
        api = client.get(f"/api/comments/{page.pk}/", HTTP_HOST=DONGDA).content.decode("unicode_escape")
    for text in (html, api):
        assert "Trần Văn Bình" in text and "Hội Luật gia phường" in text and "Điều 5, khoản 2" in text
        assert "Đề nghị ghi rõ thời gian giải quyết" in text
        assert "Lê Thị Cúc" not in text and "Quảng cáo" not in text
        assert not any(contact in text for contact in CONTACTS)

    # 16 March: closed. The form says so, and a late comment is refused with nothing stored.
    with time_machine.travel(hanoi(2027, 3, 16, 8, 0), tick=False):
        html = public_html(client, page)
        assert "Đã hết thời gian lấy ý kiến (từ ngày 01/03/2027 đến hết ngày 15/03/2027)" in html
        assert 'action="/gop-y-du-thao/' not in html
        late = post_comment(client, page, APPROVED)
        assert late.status_code == 409 and "Đã hết thời gian lấy ý kiến" in late.content.decode()
    assert DraftComment.objects.count() == 2

    # The drafting unit exports the summary: both comments with their status, no formula run by a spreadsheet.
    drafting = login(editor)
    draft_view = drafting.get(f"/admin/gop-y-du-thao/du-thao/{page.pk}/").content.decode()
    assert "tong-hop.xlsx" in draft_view and "tong-hop.csv" in draft_view
    exported = drafting.get(f"/admin/gop-y-du-thao/du-thao/{page.pk}/tong-hop.csv")
    assert exported["Content-Disposition"].startswith('attachment; filename="tong-hop-gop-y-')
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["STT", "Nhận lúc", "Họ và tên"]
    assert [row[2] for row in rows[2:]] == ["Trần Văn Bình", "Lê Thị Cúc"]
    assert [row[-1] for row in rows[2:]] == ["Đã duyệt, công khai", "Không công khai"]
    assert rows[2][4:7] == ["binh.tran@example.vn", "0987654321", "Điều 5, khoản 2"]
    assert rows[3][7] == '\'=HYPERLINK("http://lua.example") Quảng cáo'
    workbook = load_workbook(io.BytesIO(drafting.get(f"/admin/gop-y-du-thao/du-thao/{page.pk}/tong-hop.xlsx").content))
    cells = [[cell for cell in row] for row in workbook.active.iter_rows(min_row=4, values_only=True)]
    assert [(row[0], row[2], row[8]) for row in cells] == [
        (1, "Trần Văn Bình", "Đã duyệt, công khai"),
        (2, "Lê Thị Cúc", "Không công khai"),
    ]
    assert cells[1][7].startswith("'=")

    # Its response goes through the board's workflow and is published with the page.
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "drafting_unit": page.drafting_unit,
            "abstract": page.abstract,
            "opens_on": "2027-03-01",
            "closes_on": "2027-03-15",
            "files": inline_formset([{"id": page.files.get().pk, "document": page.files.get().document_id}]),
            "response": rich_text("<p>Tiếp thu ý kiến về Điều 5: thời hạn giải quyết là 3 ngày làm việc.</p>"),
        }
    )
    data["action-submit"] = "action-submit"
    response = drafting.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Tiếp thu ý kiến về Điều 5" not in public_html(client, page)  # waiting for the board
    for member in (reviewer, head):
        state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        assert login(member).post(url, {}).status_code in (200, 302)
    client.logout()
    assert "Tiếp thu ý kiến về Điều 5" in public_html(client, page)


def test_dong_das_board_hears_of_each_new_comment_by_one_email_and_cau_giays_board_does_not(client, member_of, unit):
    page = draft_on(unit(DONG_DA))
    staff = [(DONG_DA, "reviewer"), (DONG_DA, "board_head"), (DONG_DA, "editor")]
    staff += [(CAU_GIAY, "reviewer"), (CAU_GIAY, "board_head")]
    for code, role in staff:
        member = member_of(code, role)
        member.email = f"{role}@{code}.example"
        member.save()
    mail.outbox.clear()
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        assert post_comment(client, page, APPROVED).status_code == 302
        assert client.post(f"/api/comments/{page.pk}/", comment_data(**REJECTED), HTTP_HOST=DONGDA).status_code == 201
        assert post_comment(client, page, APPROVED, consent="").status_code == 400  # refused: the board hears nothing
    # One mail a comment, to Đống Đa's board members and head only: not its editors, nobody of Cầu Giấy.
    dong_das_board = [f"board_head@{DONG_DA}.example", f"reviewer@{DONG_DA}.example"]
    assert [sorted(message.to) for message in mail.outbox] == [dong_das_board, dong_das_board]
    first = mail.outbox[0]
    assert first.subject == "[Phường Đống Đa] Góp ý mới cho dự thảo: Dự thảo Quy định tiếp công dân của phường"
    assert "Người góp ý: Trần Văn Bình, Hội Luật gia phường" in first.body
    assert "Điều, khoản: Điều 5, khoản 2" in first.body
    assert "Nhận lúc: 09:00 thứ Tư, 03/03/2027" in first.body
    assert "/admin/gop-y-du-thao/" in first.body
    # The commenter's e-mail and phone stay in the admin.
    assert not any(contact in message.body + message.subject for message in mail.outbox for contact in CONTACTS)


def test_a_draft_stays_on_its_drafting_units_site_and_is_never_offered_to_another(login, member_of, unit):
    """A copy on Cầu Giấy's site would take comments that Đống Đa's board moderates and Cầu Giấy's citizens could not
    follow: a draft is its drafting unit's alone, whatever the way another site would get it."""
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    draft = draft_on(dong_da)
    news = article(section(dong_da, "news"), "Phường Đống Đa ra quân làm sạch đường phố")  # shared as usual
    editor, cau_giays_head = member_of(DONG_DA, "editor"), member_of(CAU_GIAY, "board_head")
    own_site_only = "không chia sẻ sang trang khác"

    # Đống Đa's editor finds no "Chia sẻ tới các trang" on the draft, and an offer made anyway is refused.
    editing = login(editor)
    header = {
        page: editing.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode() for page in (news, draft)
    }
    assert "Chia sẻ tới các trang" in header[news] and "Chia sẻ tới các trang" not in header[draft]
    with pytest.raises(SyndicationError, match=own_site_only):
        syndication.offer(draft, [cau_giay], editor)
    with pytest.raises(SyndicationError, match=own_site_only):
        syndication.propose_to_city(draft, editor)
    # Cầu Giấy's board does not find it among the pages to re-post, nor can it pull it by its id.
    feed = login(cau_giays_head).get(reverse("syndication_feed"), {"nguon": DONG_DA}).content.decode()
    assert news.title in feed and draft.title not in feed
    with pytest.raises(SyndicationError, match=own_site_only):
        syndication.pull(draft, cau_giay, cau_giays_head)
    assert not Placement.objects.filter(source=draft).exists()

    # An offer left from before cannot be accepted either.
    earlier = Placement.objects.create(
        source=draft, source_unit=dong_da, target_unit=cau_giay, source_title=draft.title
    )
    with pytest.raises(SyndicationError, match=own_site_only):
        syndication.accept(earlier, cau_giays_head)
    assert Placement.objects.get(pk=earlier.pk).state == Placement.State.OFFERED


def test_a_comment_or_rating_is_taken_only_on_a_site_that_shows_the_page(client, member_of, unit):
    """Through Cầu Giấy's address nobody comments on Đống Đa's draft or rates its news (its board would get mail
    about a page its own site never showed); a city article Đống Đa accepted is rated on Đống Đa's site."""
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    draft = draft_on(dong_da)
    news = article(section(dong_da, "news"), "Phường Đống Đa ra quân làm sạch đường phố")
    city_news = article(section(unit("01"), "news"), "Thành phố phát động Tết trồng cây")
    syndication.accept(
        syndication.offer(city_news, [dong_da], member_of("01", "editor"))[0], member_of(DONG_DA, "board_head")
    )
    cau_giay_host = cau_giay.site.hostname
    scores = {"interface": "4", "content": "5", "quality": "3", "support": "4"}
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        elsewhere = [
            client.post(f"/api/comments/{draft.pk}/", comment_data(**APPROVED), HTTP_HOST=cau_giay_host),
            client.get(f"/api/comments/{draft.pk}/", HTTP_HOST=cau_giay_host),
            client.post(f"/gop-y-du-thao/{draft.pk}/", comment_data(**APPROVED), HTTP_HOST=cau_giay_host),
            client.post(f"/api/ratings/{news.pk}/", scores, HTTP_HOST=cau_giay_host),
            client.post(f"/danh-gia/{news.pk}/", scores, HTTP_HOST=cau_giay_host),
            client.post(f"/api/ratings/{city_news.pk}/", scores, HTTP_HOST=cau_giay_host),
        ]
        assert [response.status_code for response in elsewhere] == [404] * 6
        assert not DraftComment.objects.exists() and not PageRating.objects.exists()

        copy = client.post(f"/api/ratings/{city_news.pk}/", scores, HTTP_HOST=DONGDA)
        own = Client().post(f"/api/ratings/{news.pk}/", scores, HTTP_HOST=DONGDA)
        assert (copy.status_code, own.status_code) == (201, 201), copy.content
        assert post_comment(Client(), draft, APPROVED).status_code == 302
    assert PageRating.objects.filter(page=city_news).count() == 1 and DraftComment.objects.count() == 1


def test_a_wrong_comment_is_refused_in_vietnamese_and_nothing_is_stored(client, unit, settings):
    settings.PORTAL_COMMENTS_PER_IP_HOUR = 100
    page = draft_on(unit(DONG_DA))
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        refusals = {
            "no consent": (post_comment(client, page, APPROVED, consent=""), "Cần đồng ý với điều khoản"),
            "no contact": (post_comment(client, page, {**APPROVED, "email": "", "phone": ""}), "thư điện tử hoặc số"),
            "only html": (post_comment(client, page, {**APPROVED, "text": "<b></b>"}), "Vui lòng nhập nội dung góp ý"),
            "too long": (post_comment(client, page, {**APPROVED, "text": "ư" * 5001}), "tối đa 5000 ký tự"),
            "bad phone": (post_comment(client, page, {**APPROVED, "phone": "12345"}), "Số điện thoại không hợp lệ"),
            "honeypot": (post_comment(client, page, APPROVED, website="http://spam.example"), "phải để trống"),
            "no work": (post_comment(client, page, APPROVED, pow=""), "bật JavaScript"),
        }
    for name, (response, message) in refusals.items():
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert DraftComment.objects.count() == 0
    assert client.post("/gop-y-du-thao/999999/", comment_data(**APPROVED), HTTP_HOST=DONGDA).status_code == 404
    # Before its first day the form is not there yet.
    with time_machine.travel(hanoi(2027, 2, 28, 9, 0), tick=False):
        assert "Dự thảo chưa đến thời gian lấy ý kiến" in public_html(client, page)


def test_the_text_is_stored_as_nfc_and_a_flood_is_stopped_with_a_429(client, unit, settings):
    settings.PORTAL_COMMENTS_PER_IP_HOUR = 2
    page = draft_on(unit(DONG_DA))
    decomposed = "Đe\u0302\u0300 nghi\u0323 bổ sung"  # "Đề nghị bổ sung" typed with combining marks
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        assert post_comment(client, page, {**APPROVED, "text": decomposed}).status_code == 302
        assert post_comment(client, page, {**APPROVED, "email": "khac@example.vn", "phone": ""}).status_code == 302
        flood = post_comment(client, page, {**APPROVED, "email": "nua@example.vn", "phone": ""})
    assert flood.status_code == 429 and "quá 2 góp ý trong một giờ" in flood.content.decode()
    assert DraftComment.objects.order_by("pk").first().text == "Đề nghị bổ sung"
    assert DraftComment.objects.count() == 2


def test_the_api_takes_a_comment_and_a_rating_and_refuses_bad_ones_in_vietnamese(client, unit):
    page = draft_on(unit(DONG_DA))
    with time_machine.travel(hanoi(2027, 3, 3, 9, 0), tick=False):
        created = client.post(f"/api/comments/{page.pk}/", comment_data(**APPROVED), HTTP_HOST=DONGDA)
        assert created.status_code == 201, created.content
        assert created.json()["status"] == "pending" and created.json()["status_label"] == "Chờ duyệt"
        assert not any(contact in created.content.decode() for contact in CONTACTS)
        wrong = client.post(f"/api/comments/{page.pk}/", comment_data(**{**APPROVED, "text": ""}), HTTP_HOST=DONGDA)
        assert wrong.status_code == 400 and wrong.json()["errors"] == {"text": ["Vui lòng nhập nội dung góp ý."]}
        assert wrong.json()["detail"] == "Góp ý chưa gửi được: Vui lòng nhập nội dung góp ý."
        listed = client.get(f"/api/comments/{page.pk}/", HTTP_HOST=DONGDA).json()
        assert listed["open"] is True and listed["comments"] == []  # not approved yet
    for path in (f"/api/comments/{page.pk + 1000}/", "/api/comments/abc/", "/api/comments/99999999999999999999999/"):
        missing = client.post(path, comment_data(**APPROVED), HTTP_HOST=DONGDA)
        assert missing.status_code == 404 and missing.json()["detail"] == "Không có dự thảo này để góp ý."
    with time_machine.travel(hanoi(2027, 3, 20, 9, 0), tick=False):
        closed = client.post(f"/api/comments/{page.pk}/", comment_data(**APPROVED), HTTP_HOST=DONGDA)
    assert closed.status_code == 409 and closed.json()["detail"].startswith("Đã hết thời gian lấy ý kiến")
    assert DraftComment.objects.count() == 1

    scores = {"interface": "4", "content": "5", "quality": "3", "support": "4", "comment": "<i>Rõ ràng</i>"}
    with time_machine.travel(hanoi(2027, 3, 20, 9, 0), tick=False):
        rated = client.post(f"/api/ratings/{page.pk}/", scores, HTTP_HOST=DONGDA)
        assert rated.status_code == 201, rated.content
        assert rated.json() == {"page": page.pk, "rated_on": "2027-03-20", "message": "Cảm ơn Ông/Bà đã đánh giá."}
        again = client.post(f"/api/ratings/{page.pk}/", scores, HTTP_HOST=DONGDA)  # same browser: its cookie
        assert again.status_code == 409 and "đã đánh giá trang này hôm nay" in again.json()["detail"]
        bad = client.post(f"/api/ratings/{page.pk}/", {**scores, "quality": "9"}, HTTP_HOST=DONGDA)
        assert bad.status_code == 400 and bad.json()["errors"] == {"quality": ["“Chất lượng”: điểm từ 1 đến 5."]}
        unknown = client.post("/api/ratings/0/", scores, HTTP_HOST=DONGDA)
        assert unknown.status_code == 404 and unknown.json()["detail"] == "Không có trang này để đánh giá."
