"""Citizens ask (Quy chế Art. 4.3, 13.1.e): a question gets a tracking code, is routed within 2 working days and
answered within 15 (Tết excluded), the answer goes through the site's board, and the asker stays private."""

import datetime
import io
import json
import re
import unicodedata
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from citizens import defences, questions
from citizens.models import AnswerPage, PageRating, Question

from .conftest import CAU_GIAY, DONG_DA, figures
from .test_public_fuzz import CORE, HOSTILE

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DONGDA = "dongda.localhost"
NAME, EMAIL, PHONE = "Nguyễn Thị Hoà Mỹ", "hoa.my.nguyen@example.vn", "0912345678"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE = False


def hanoi(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def question_data(site_unit, **changes):
    return {
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "organisation": "",
        "unit": site_unit.pk,
        "field": "ho-tich",
        "title": "Đăng ký khai sinh cho con khi cha mẹ đang tạm trú",
        "text": "Con tôi sinh tại bệnh viện Bạch Mai, cha mẹ tạm trú ở phường. Tôi đăng ký khai sinh ở đâu?",
        "consent": "on",
        "pow": defences.solve(defences.challenge()),
        **changes,
    }


def ask(client, site_unit, host=DONGDA, **changes):
    return client.post("/cau-hoi/", question_data(site_unit, **changes), HTTP_HOST=host)


def status_page(client, code):
    response = client.get(f"/cau-hoi/{code}/", HTTP_HOST=DONGDA)
    assert response.status_code == 200
    return response.content.decode()


def fact(html, name):
    """The text of one due date on the status page (data-due="route" / "answer")."""
    return re.sub(r"\s+", " ", re.search(rf'data-due="{name}">(.*?)</dd>', html, re.S).group(1)).strip()


def act(client, page, action):
    state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
    return client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk]), {})


def public_texts(client, page):
    """Everything public that could carry the answer: its page, the API, search, feeds and the sitemap."""
    urls = [
        page.url,
        "/hoi-dap/",
        "/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=portal_citizens.AnswerPage&fields=*",
        "/api/search/?q=khai+sinh",
        "/tim-kiem/?q=khai+sinh",
        "/rss.xml",
        "/atom.xml",
        "/sitemap.xml",
        f"/sitemap-{page.get_parent().pk}-1.xml",
    ]
    texts = {}
    for url in urls:
        response = client.get(url, HTTP_HOST=DONGDA)
        assert response.status_code == 200, url
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):  # \u-escaped: read as a citizen would
            text = json.dumps(json.loads(text), ensure_ascii=False)
        texts[url] = text
    return texts


def test_a_dong_da_citizen_asks_before_tet_and_is_answered_on_working_days_with_her_name_kept_private(
    client, login, member_of, unit
):
    dong_da = unit(DONG_DA)
    head, reviewer, editor = (member_of(DONG_DA, role) for role in ("board_head", "reviewer", "editor"))
    head.email = "truongban@dongda.example"
    head.save()
    outsider = member_of(CAU_GIAY, "board_head")

    # Friday 5 February 2027, the eve of Tết (Tết holidays: Thursday 4 to Wednesday 10 February).
    with time_machine.travel(hanoi(2027, 2, 5, 10, 30), tick=False):
        response = ask(
            client,
            dong_da,
            attachments=SimpleUploadedFile("giay-chung-sinh.pdf", PDF, content_type="application/octet-stream"),
        )
        assert response.status_code == 302
        assert response.url == "/cau-hoi/HN-DONGDA-2027-000001/?moi=1"
        html = status_page(client, "HN-DONGDA-2027-000001")
        assert "Đã tiếp nhận" in html
        # Two working days: Thursday 11 and Friday 12 February; fifteen: to Wednesday 3 March.
        assert fact(html, "route") == "17:00 thứ Sáu, 12/02/2027 (2 ngày làm việc)"
        assert fact(html, "answer") == "17:00 thứ Tư, 03/03/2027 (15 ngày làm việc)"
        assert NAME not in html and EMAIL not in html and PHONE not in html
    question = Question.objects.get(code="HN-DONGDA-2027-000001")
    assert question.attachments.get().content_type == "application/pdf"
    assert mail.outbox[-1].to == [EMAIL] and "HN-DONGDA-2027-000001" in mail.outbox[-1].body

    # The other ward's board neither sees it nor acts on it.
    client = login(outsider)
    assert "HN-DONGDA-2027-000001" not in client.get("/admin/cau-hoi/?trang_thai=all").content.decode()
    assert client.get(f"/admin/cau-hoi/{question.pk}/").status_code == 404
    assert client.post(f"/admin/cau-hoi/{question.pk}/chuyen/", {"target": outsider.pk}).status_code == 404
    question.refresh_from_db()
    assert question.status == "received" and question.unit_id == dong_da.pk

    # Thursday 11 February, the first working day after Tết: Đống Đa's board routes it to its own unit.
    with time_machine.travel(hanoi(2027, 2, 11, 9, 0), tick=False):
        client = login(head)
        listing = client.get("/admin/cau-hoi/").content.decode()
        assert "HN-DONGDA-2027-000001" in listing
        detail = client.get(f"/admin/cau-hoi/{question.pk}/").content.decode()
        assert NAME in detail and PHONE in detail  # the board reads whom to answer
        assert client.post(f"/admin/cau-hoi/{question.pk}/chuyen/", {"target": dong_da.pk}).status_code == 302
        html = status_page(client, question.code)
        assert "Đã chuyển đơn vị xử lý" in html
        assert (
            fact(html, "route")
            == "17:00 thứ Sáu, 12/02/2027 (2 ngày làm việc) · đã chuyển lúc 09:00 thứ Năm, 11/02/2027"
        )

    # The unit's editor drafts the answer: a page with the question's text, none of the asker's data.
    with time_machine.travel(hanoi(2027, 2, 15, 14, 0), tick=False):
        client = login(editor)
        response = client.post(f"/admin/cau-hoi/{question.pk}/soan-tra-loi/")
        question.refresh_from_db()
        page = question.answer_page
        assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert page.get_parent().specific.section_key == "questions" and not page.live
        assert "Đang soạn câu trả lời" in status_page(client, question.code)
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "question_text": page.question_text,
                "field": "ho-tich",
                "answer": rich_text(
                    "<p>Ông/Bà đăng ký khai sinh tại UBND phường nơi cha hoặc mẹ cư trú, kể cả tạm trú.</p>"
                ),
            }
        )
        data["action-submit"] = "action-submit"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]

    # The board approves, the head publishes: the question is answered.
    with time_machine.travel(hanoi(2027, 2, 17, 10, 0), tick=False):
        assert act(login(outsider), page, "approve").status_code in (302, 403)
        act(login(reviewer), page, "approve")
        act(login(head), page, "approve")
        page.refresh_from_db()
        assert page.live
        question.refresh_from_db()
        assert question.status == "answered"
        html = status_page(client, question.code)
        assert "Đã trả lời" in html and page.url in html
        assert fact(html, "answer") == (
            "17:00 thứ Tư, 03/03/2027 (15 ngày làm việc) · đã trả lời lúc 10:00 thứ Tư, 17/02/2027"
        )
    assert [message.subject for message in mail.outbox if message.to == [EMAIL]] == [
        "[HN-DONGDA-2027-000001] Đã tiếp nhận",
        "[HN-DONGDA-2027-000001] Đã chuyển đơn vị xử lý",
        "[HN-DONGDA-2027-000001] Đang soạn câu trả lời",
        "[HN-DONGDA-2027-000001] Đã trả lời",
    ]

    # Published everywhere a citizen reads, and nowhere with her name, e-mail or phone.
    client.logout()
    with time_machine.travel(hanoi(2027, 2, 17, 11, 0), tick=False):
        texts = public_texts(client, page)
    for url in (page.url, f"/api/v2/pages/{page.pk}/", "/api/search/?q=khai+sinh", "/rss.xml"):
        assert "cha mẹ đang tạm trú" in texts[url], url
    assert page.full_url in texts[f"/sitemap-{page.get_parent().pk}-1.xml"]
    for url, text in texts.items():
        for secret in (NAME, EMAIL, PHONE, "hoa.my.nguyen"):
            assert secret not in text, f"{secret} in {url}"
    assert isinstance(page.specific, AnswerPage)


def submitted(unit, at, **changes):
    skip = ("unit", "consent", "pow")
    fields = {key: value for key, value in question_data(unit, **changes).items() if key not in skip}
    return questions.submit(unit=unit, now=at, **fields)


def overdue_codes(client):
    return set(re.findall(r"HN-[A-Z]+-\d{4}-\d{6}", client.get("/admin/cau-hoi/qua-han/").content.decode()))


def test_questions_past_their_deadline_are_listed_overdue_for_their_site_and_the_city_and_nowhere_else(
    login, member_of, unit
):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    head = member_of(DONG_DA, "board_head")
    # Monday 1 March 2027, 09:00: not routed by Wednesday 3 March 09:00 (two working days of office hours).
    not_routed = submitted(dong_da, hanoi(2027, 3, 1, 9, 0), title="Chưa được chuyển")
    # Monday 1 February 2027, routed at once: not answered by 15 working days later (Tết in between).
    not_answered = submitted(dong_da, hanoi(2027, 2, 1, 9, 0), title="Chưa được trả lời")
    questions.route(not_answered, dong_da, head, now=hanoi(2027, 2, 1, 10, 0))
    # Asked on Thursday 4 March: still within both deadlines.
    in_time = submitted(dong_da, hanoi(2027, 3, 4, 9, 0), title="Còn hạn")
    answered_late_elsewhere = submitted(cau_giay, hanoi(2027, 3, 1, 9, 0), title="Của Cầu Giấy")
    assert not_answered.answer_due_at == hanoi(2027, 3, 1, 9, 0)  # 15 working days: Tết 4-10 Feb skipped

    with time_machine.travel(hanoi(2027, 3, 4, 10, 0), tick=False):
        expected = {not_routed.code, not_answered.code}
        assert overdue_codes(login(head)) == expected
        assert overdue_codes(login(member_of(DONG_DA, "reviewer"))) == expected
        city = overdue_codes(login(member_of("01", "board_head")))
        assert city == {*expected, answered_late_elsewhere.code}
        assert in_time.code not in city
        assert overdue_codes(login(member_of(CAU_GIAY, "board_head"))) == {answered_late_elsewhere.code}
        assert overdue_codes(login(member_of("00070", "board_head"))) == set()  # Hoàn Kiếm: none of its own


def test_the_reminder_mails_each_board_the_questions_whose_deadline_is_near(member_of, unit):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    for code, address in ((DONG_DA, "bbt@dongda.example"), (CAU_GIAY, "bbt@caugiay.example")):
        board = member_of(code, "reviewer")
        board.email = address
        board.save()
    near = submitted(dong_da, hanoi(2027, 3, 1, 9, 0))  # route by Wednesday 3 March 09:00 (16 office hours)
    submitted(cau_giay, hanoi(2027, 3, 8, 9, 0))  # route by Wednesday 10 March: not near on 3 March
    mail.outbox.clear()
    with time_machine.travel(hanoi(2027, 3, 2, 10, 0), tick=False):  # seven office hours left
        call_command("remind_questions", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["bbt@dongda.example"]]
    assert near.code in mail.outbox[0].body and "09:00 thứ Tư, 03/03/2027" in mail.outbox[0].body


def test_codes_count_per_site_and_year_and_can_be_dictated_in_any_case(client, unit):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    codes = [submitted(site, hanoi(2027, 12, 31, 9, 0)).code for site in (dong_da, dong_da, cau_giay)]
    codes.append(submitted(dong_da, hanoi(2028, 1, 3, 9, 0)).code)
    assert codes == [
        "HN-DONGDA-2027-000001",
        "HN-DONGDA-2027-000002",
        "HN-CAUGIAY-2027-000001",
        "HN-DONGDA-2028-000001",
    ]
    response = client.get("/cau-hoi/tra-cuu/", {"ma": " hn-dongda 2027 000002 "}, HTTP_HOST=DONGDA)
    assert response.status_code == 302 and response.url == "/cau-hoi/HN-DONGDA-2027-000002/"
    assert client.get("/cau-hoi/tra-cuu/", {"ma": "không phải mã"}, HTTP_HOST=DONGDA).status_code == 400
    assert client.get("/cau-hoi/HN-DONGDA-2027-000099/", HTTP_HOST=DONGDA).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": ""}, "consent", "Cần đồng ý với điều khoản bảo vệ dữ liệu cá nhân"),
        ({"email": "", "phone": ""}, "email", "Cần ít nhất thư điện tử hoặc số điện thoại"),
        ({"phone": "12345"}, "phone", "Số điện thoại không hợp lệ"),
        ({"text": "<script>alert(1)</script>"}, "text", "Vui lòng nhập nội dung câu hỏi"),
        ({"title": "x" * 201}, "title", "Quá dài: tối đa 200 ký tự"),
        ({"unit": "999999"}, "unit", "Đơn vị được chọn không có trên Cổng"),
        ({"attachments": "exe"}, "attachments", "không phải PDF, JPEG hay PNG"),
        ({"attachments": "script-pdf"}, "attachments", "chứa mã tự chạy"),
        ({"attachments": "fake-png"}, "attachments", "không phải ảnh hợp lệ"),
        ({"attachments": "big"}, "attachments", "lớn hơn 5 MB"),
    ],
)
def test_a_wrong_question_is_refused_in_vietnamese_beside_its_field_and_nothing_is_stored(
    client, unit, changes, field, message
):
    files = {
        "exe": SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        "script-pdf": SimpleUploadedFile(
            "don.pdf", PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /JS (app.alert(1)) >>")
        ),
        "fake-png": SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"rac" * 50),
        "big": SimpleUploadedFile("lon.pdf", PDF + b"0" * (5 * 1024 * 1024)),
    }
    if "attachments" in changes:
        changes = {"attachments": files[changes["attachments"]]}
    response = ask(client, unit(DONG_DA), **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-loi"' in html and 'aria-invalid="true"' in html
    assert not Question.objects.exists()


def test_the_error_summary_reads_as_one_sentence_per_field_without_doubled_punctuation(client, unit):
    html = ask(client, unit(DONG_DA), consent="").content.decode()

    assert "chúng không bao giờ được công khai: Cần đồng ý với điều khoản bảo vệ dữ liệu cá nhân để gửi." in html
    assert ".:" not in html


def test_html_is_stripped_and_text_stored_as_nfc(client, unit):
    decomposed = unicodedata.normalize("NFD", "Hỏi về hộ tịch")
    assert (
        ask(client, unit(DONG_DA), title=f"<b>{decomposed}</b>", text="<p>Xin hỏi <i>thủ tục</i></p>").status_code
        == 302
    )
    question = Question.objects.get()
    assert question.title == "Hỏi về hộ tịch" and unicodedata.is_normalized("NFC", question.title)
    assert question.text == "Xin hỏi thủ tục"


def test_the_api_takes_a_question_and_tells_its_status_without_the_askers_data(client, unit):
    with time_machine.travel(hanoi(2027, 2, 5, 10, 30), tick=False):
        response = client.post("/api/questions/", question_data(unit(DONG_DA)), HTTP_HOST=DONGDA)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "HN-DONGDA-2027-000001" and body["status"] == "received"
    assert body["route_due"] == "17:00 thứ Sáu, 12/02/2027" and body["answer_due"] == "17:00 thứ Tư, 03/03/2027"
    status = client.get("/api/questions/hn-dongda-2027-000001/", HTTP_HOST=DONGDA)
    assert status.status_code == 200 and status.json()["status_label"] == "Đã tiếp nhận"
    assert not any(secret in status.content.decode() for secret in (NAME, EMAIL, PHONE))
    refused = client.post("/api/questions/", question_data(unit(DONG_DA), consent=""), HTTP_HOST=DONGDA)
    assert refused.status_code == 400 and "consent" in refused.json()["errors"]
    assert (
        client.get("/api/questions/HN-X-1/", HTTP_HOST=DONGDA).json()["detail"] == "Không tìm thấy câu hỏi có mã này."
    )
    assert Question.objects.count() == 1


def test_hostile_values_in_every_field_of_the_question_form_and_api_get_no_server_error(unit, settings):
    """One hostile value of each class in each field, and every hostile value in the question's text, posted to the
    form and to the API: refused or stored, never a 5xx."""
    settings.PORTAL_QUESTIONS_PER_IP_HOUR = settings.PORTAL_QUESTIONS_PER_CONTACT_DAY = 10_000
    http = Client(raise_request_exception=True)
    base = question_data(unit(DONG_DA))
    failures, sent = [], 0
    for url in ("/cau-hoi/", "/api/questions/"):
        for name in [*base, "attachments", "unknown"]:
            for value in HOSTILE if name == "text" else CORE:
                sent += 1
                try:
                    with transaction.atomic():
                        fresh = defences.solve(defences.challenge())
                        response = http.post(url, {**base, "pow": fresh, name: value}, HTTP_HOST=DONGDA)
                except Exception as error:
                    failures.append(f"{url} {name}={value!r:.40}: {type(error).__name__}: {error!s:.100}")
                    continue
                if response.status_code >= 500:
                    failures.append(f"{url} {name}={value!r:.40}: {response.status_code}")
    figures["question form fuzz"] = f"{sent:,} posts"
    assert failures == [], "\n".join(failures[:40])


def test_a_form_filled_by_a_robot_is_refused_in_vietnamese(client, unit):
    dong_da = unit(DONG_DA)
    refusals = {
        "honeypot": ask(client, dong_da, website="http://spam.example"),
        "no work": ask(client, dong_da, pow=""),
        "forged work": ask(client, dong_da, pow="abc?expires=9999999999|1|" + "0" * 64 + "|" + "0" * 64),
    }
    used = defences.solve(defences.challenge())
    assert ask(client, dong_da, pow=used).status_code == 302
    refusals["work used twice"] = ask(client, dong_da, pow=used)
    with time_machine.travel(datetime.datetime.now(tz=HANOI) - datetime.timedelta(hours=1)):
        stale = defences.solve(defences.challenge())
    refusals["work an hour old"] = ask(client, dong_da, pow=stale)
    messages = {name: response.content.decode() for name, response in refusals.items()}
    assert {name: response.status_code for name, response in refusals.items()} == dict.fromkeys(refusals, 400)
    assert "phải để trống" in messages["honeypot"]
    assert "bật JavaScript" in messages["no work"]
    assert "không hợp lệ" in messages["forged work"]
    assert "đã được dùng" in messages["work used twice"]
    assert "mở quá lâu" in messages["work an hour old"]
    assert Question.objects.count() == 1


def test_a_flood_from_one_address_or_one_contact_is_stopped_with_a_429(client, unit, settings):
    settings.PORTAL_QUESTIONS_PER_IP_HOUR, settings.PORTAL_QUESTIONS_PER_CONTACT_DAY = 3, 2
    dong_da = unit(DONG_DA)
    same_contact = [ask(client, dong_da).status_code for _ in range(3)]
    assert same_contact == [302, 302, 429]
    flood = ask(client, dong_da, email="khac@example.vn", phone="")
    assert flood.status_code == 429 and "quá 3 câu hỏi trong một giờ" in flood.content.decode()
    other_address = client.post(
        "/api/questions/",
        question_data(dong_da, email="khac@example.vn", phone=""),
        HTTP_HOST=DONGDA,
        REMOTE_ADDR="10.1.2.3",
    )
    assert other_address.status_code == 201
    assert Question.objects.count() == 3


def rating(**changes):
    return {"interface": "4", "content": "5", "quality": "3", "support": "4", "comment": "", **changes}


def test_a_citizen_rates_a_page_once_a_day_anonymously_and_only_that_sites_board_sees_the_figures(
    client, login, member_of, unit
):
    dong_da = unit(DONG_DA)
    article = dong_da.site.root_page.get_children().get(slug="hoi-dap")  # a live section page of Đống Đa
    html = client.get(article.url, HTTP_HOST=DONGDA).content.decode()
    assert "Đánh giá thông tin trên trang này" in html and f'action="/danh-gia/{article.pk}/"' in html

    with time_machine.travel(hanoi(2027, 3, 1, 9, 0), tick=False):
        first = client.post(f"/danh-gia/{article.pk}/", rating(comment="<b>Nên</b> thêm mẫu tờ khai"), HTTP_HOST=DONGDA)
        assert first.status_code == 200 and "Cảm ơn" in first.content.decode()
        again = client.post(f"/danh-gia/{article.pk}/", rating(), HTTP_HOST=DONGDA)
        assert again.status_code == 409 and "đã đánh giá trang này hôm nay" in again.content.decode()
        other_browser = Client().post(f"/danh-gia/{article.pk}/", rating(interface="2"), HTTP_HOST=DONGDA)
        assert other_browser.status_code == 200
        wrong = Client().post(f"/danh-gia/{article.pk}/", rating(quality="9"), HTTP_HOST=DONGDA)
        assert wrong.status_code == 400 and "điểm từ 1 đến 5" in wrong.content.decode()
    with time_machine.travel(hanoi(2027, 3, 2, 9, 0), tick=False):
        assert client.post(f"/danh-gia/{article.pk}/", rating(), HTTP_HOST=DONGDA).status_code == 200

    stored = list(PageRating.objects.values_list("comment", "interface", "rated_on"))
    assert sorted(stored) == [
        ("", 2, datetime.date(2027, 3, 1)),
        ("", 4, datetime.date(2027, 3, 2)),
        ("Nên thêm mẫu tờ khai", 4, datetime.date(2027, 3, 1)),
    ]
    assert {field.name for field in PageRating._meta.fields} & {"ip", "ip_address", "user", "email"} == set()

    board = login(member_of(DONG_DA, "reviewer")).get("/admin/cau-hoi/danh-gia/").content.decode()
    # March 2027 on Đống Đa: three ratings, interface (2 + 4 + 4) / 3 = 3.3.
    assert re.search(
        r"03/2027</td><td>Phường Đống Đa</td><td>3</td><td>3,3|03/2027</td><td>Phường Đống Đa</td><td>3</td><td>3.3",
        board,
    )
    assert "Nên thêm mẫu tờ khai" in board
    other = login(member_of(CAU_GIAY, "board_head")).get("/admin/cau-hoi/danh-gia/").content.decode()
    assert "Phường Đống Đa" not in other and "Nên thêm mẫu tờ khai" not in other
