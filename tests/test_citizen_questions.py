"""Citizens ask (Quy chế Art. 4.3, 13.1.e): a question gets a tracking code, is routed within 2 working days and
answered within 15 (Tết excluded), the answer goes through the site's board, and the asker stays private."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from citizens.models import AnswerPage, Question

from .conftest import CAU_GIAY, DONG_DA

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


def question_data(unit, **changes):
    return {
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "organisation": "",
        "unit": unit.pk,
        "field": "ho-tich",
        "title": "Đăng ký khai sinh cho con khi cha mẹ đang tạm trú",
        "text": "Con tôi sinh tại bệnh viện Bạch Mai, cha mẹ tạm trú ở phường. Tôi đăng ký khai sinh ở đâu?",
        "consent": "on",
        **changes,
    }


def ask(client, unit, host=DONGDA, **changes):
    return client.post("/cau-hoi/", question_data(unit, **changes), HTTP_HOST=host)


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
