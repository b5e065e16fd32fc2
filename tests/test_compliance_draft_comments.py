"""Citizens' comments on drafts (Quy chế Art. 4.3) in the portal's figures: Phường Đống Đa, late February and early
March 2026. A comment counts as received on its Hanoi day of arrival, and as approved on the day the board approved
it for publication; rejected and pending ones are received, never approved. Written out:

1  received Fri 27 Feb, 10:00; approved Mon 2 Mar, 08:00
2  received Mon 2 Mar, 09:00; approved Tue 3 Mar, 10:00
3  received Mon 2 Mar, 20:30; rejected Wed 4 Mar
4  received Wed 4 Mar, 06:30 (23:30 UTC on the 3rd: the 4th in Hanoi); pending
Cầu Giấy gets one comment on its own draft on Mon 2 Mar: its figures, not Đống Đa's.
"""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from citizens.models import CommentStatus, DraftComment
from compliance.compute import compute
from compliance.exports import HEADINGS
from compliance.models import DailyFigure
from sites.working_time import HANOI

from .conftest import CAU_GIAY, DONG_DA
from .test_api_contract import conforms
from .test_draft_comments import draft_on

pytestmark = pytest.mark.django_db


def at(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


def comment(site, page, received, status=CommentStatus.PENDING, moderated=None):
    return DraftComment.objects.create(
        page=page,
        unit=site,
        name="Nguyễn Thị Hoa",
        text="Đề nghị bổ sung thời hạn trả lời.",
        consent_at=received,
        received_at=received,
        status=status,
        moderated_at=moderated,
    )


@pytest.fixture
def comments(unit):
    ward, other = unit(DONG_DA), unit(CAU_GIAY)
    draft, other_draft = draft_on(ward), draft_on(other, title="Dự thảo Quy chế văn hóa công sở")
    comment(ward, draft, at(2, 27, 10), CommentStatus.APPROVED, at(3, 2, 8))
    comment(ward, draft, at(3, 2, 9), CommentStatus.APPROVED, at(3, 3, 10))
    comment(ward, draft, at(3, 2, 20, 30), CommentStatus.REJECTED, at(3, 4, 9))
    comment(ward, draft, at(3, 4, 6, 30))
    comment(other, other_draft, at(3, 2, 15))
    compute(date(2026, 2, 1), date(2026, 3, 31))
    return ward, other


def test_each_day_counts_the_comments_received_and_those_the_board_approved(comments):
    ward, other = comments
    days = {
        row["day"]: (row["comments_received"], row["comments_approved"])
        for row in DailyFigure.objects.filter(unit=ward, day__gte=date(2026, 2, 27), day__lte=date(2026, 3, 4))
        .values("day", "comments_received", "comments_approved")
        .order_by("day")
    }
    assert days == {
        date(2026, 2, 27): (1, 0),
        date(2026, 2, 28): (0, 0),
        date(2026, 3, 1): (0, 0),
        date(2026, 3, 2): (2, 1),
        date(2026, 3, 3): (0, 1),
        date(2026, 3, 4): (1, 0),
    }
    other_day = DailyFigure.objects.get(unit=other, day=date(2026, 3, 2))
    assert (other_day.comments_received, other_day.comments_approved) == (1, 0)


def test_the_dashboard_and_the_reports_show_the_half_years_comments(comments, login, django_user_model):
    ward, _ = comments
    operator = django_user_model.objects.create_superuser("van-hanh", password="x")
    client = login(operator)
    page = client.get(reverse("compliance_site", args=[ward.pk]), {"ky": "2026-h1"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Góp ý dự thảo (đã duyệt)" in text and "<td>4 (2)</td>" in text
    assert "Nhận được 4 góp ý trong kỳ; Ban Biên tập đã duyệt công khai 2 góp ý." in text

    workbook = client.get(reverse("compliance_site", args=[ward.pk]), {"ky": "2026-h1", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    header, row = [cell.value for cell in sheet[3]], [cell.value for cell in sheet[4]]
    assert header == HEADINGS
    assert row[header.index("Góp ý dự thảo nhận được")] == 4
    assert row[header.index("Góp ý dự thảo được duyệt công khai")] == 2


def test_the_self_assessment_reports_the_comments_to_the_national_platform(comments, client):
    response = client.get("/api/v2/compliance/", {"period": "2026-h1"}, HTTP_HOST="dongda.localhost")
    assert response.status_code == 200
    conforms(client, response, "/api/v2/compliance/")
    assert response.json()["usage"]["draft_comments"] == {"received": 4, "approved": 2}
