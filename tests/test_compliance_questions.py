"""Citizens' questions, ratings and page views in the portal's figures: Phường Đống Đa in February 2026, across Tết.

February 2026: weekends 1, 7–8, 14–15, 21–22, 28; Tết from Monday 16 to Friday 20. A question must be routed
within 2 working days and answered within 15 (Quy chế Art. 13.1.e), counted in office hours from its arrival.
Each deadline is counted once, on the day its outcome was known: met on the day the board acted, missed on the
day it passed. The six questions and what happened to each, written out:

A  received Mon 2, 09:00; routed Tue 3 (due Wed 4, 09:00: on time); answered Fri 27 (due Mon 2 March: on time)
B  received Fri 13, 16:00, the Friday before Tết; routed Mon 23, 15:00 (due Tue 24, 16:00: on time, ten days later)
C  received Thu 12, 10:00; due Mon 23, 10:00; routed only Tue 24: late, counted on the 23rd
D  received Wed 4, 08:30; closed as out of scope Thu 5 (within the routing deadline); no answer deadline
E  received Mon 19 January, routed in January; answer due Mon 9 February, 09:00; answered Wed 11: late, on the 9th
F  received Tue 24, 10:00; due Thu 26, 10:00; never routed: late on the 26th
"""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from citizens.models import PageRating, Question, Status
from citizens.questions import submit
from compliance import pageviews
from compliance.compute import compute
from compliance.models import DailyFigure, PageViewDay
from sites.working_time import HANOI

from .conftest import DONG_DA
from .test_api_contract import conforms

pytestmark = pytest.mark.django_db


def at(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


def ask(unit, received, title):
    return submit(
        unit=unit, now=received, name="Nguyễn Văn An", email="", field="khac", title=title, text="Xin hỏi thủ tục."
    )


def mark(question, **moments):
    Question.objects.filter(pk=question.pk).update(**moments)


@pytest.fixture
def february(unit):
    ward = unit(DONG_DA)
    a = ask(ward, at(2, 2, 9), "A")
    mark(a, status=Status.ANSWERED, routed_at=at(2, 3, 10), answered_at=at(2, 27, 10))
    b = ask(ward, at(2, 13, 16), "B")
    mark(b, status=Status.ROUTED, routed_at=at(2, 23, 15))
    c = ask(ward, at(2, 12, 10), "C")
    mark(c, status=Status.ROUTED, routed_at=at(2, 24, 9))
    d = ask(ward, at(2, 4, 8, 30), "D")
    mark(d, status=Status.OUT_OF_SCOPE, closed_at=at(2, 5, 11))
    e = ask(ward, at(1, 19, 9), "E")
    mark(e, status=Status.ANSWERED, routed_at=at(1, 20, 9), answered_at=at(2, 11, 9))
    f = ask(ward, at(2, 24, 10), "F")
    # The deadlines the citizen was given, as the status page shows them.
    assert (a.route_due_at, a.answer_due_at) == (at(2, 4, 9), datetime(2026, 3, 2, 9, tzinfo=HANOI))
    assert b.route_due_at == at(2, 24, 16)
    assert c.route_due_at == at(2, 23, 10)
    assert e.answer_due_at == at(2, 9, 9)
    assert f.route_due_at == at(2, 26, 10)
    page = ward.site.root_page
    for day, scores in ((10, (5, 4, 3, 2)), (10, (4, 4, 5, 1)), (24, (3, 3, 3, 3))):
        interface, content, quality, support = scores
        PageRating.objects.create(
            page=page,
            unit=ward,
            rated_on=date(2026, 2, day),
            interface=interface,
            content=content,
            quality=quality,
            support=support,
            browser_token=f"{day}{scores}",
        )
    compute(date(2026, 2, 1), date(2026, 2, 28), units=[ward])
    return ward


QUESTION_FIGURES = (
    "questions_received",
    "questions_routed_on_time",
    "questions_route_missed",
    "questions_answered_on_time",
    "questions_answer_missed",
)


def question_days(ward):
    return {
        row["day"].day: tuple(row[name] for name in QUESTION_FIGURES)
        for row in DailyFigure.objects.filter(unit=ward).values("day", *QUESTION_FIGURES)
        if any(row[name] for name in QUESTION_FIGURES)
    }


def test_each_question_deadline_is_counted_once_on_the_day_its_outcome_was_known(february):
    # (received, routed on time, routing late, answered on time, answer late) per day; every other day is all 0.
    assert question_days(february) == {
        2: (1, 0, 0, 0, 0),  # A arrives
        3: (0, 1, 0, 0, 0),  # A routed in time
        4: (1, 0, 0, 0, 0),  # D arrives
        5: (0, 1, 0, 0, 0),  # D closed as out of scope within the routing deadline
        9: (0, 0, 0, 0, 1),  # E's answer deadline passes unanswered
        12: (1, 0, 0, 0, 0),  # C arrives
        13: (1, 0, 0, 0, 0),  # B arrives on the Friday before Tết
        23: (0, 1, 1, 0, 0),  # B routed in time after Tết; C's routing deadline passes
        24: (1, 0, 0, 0, 0),  # F arrives
        26: (0, 0, 1, 0, 0),  # F's routing deadline passes
        27: (0, 0, 0, 1, 0),  # A answered in time
    }


def test_a_deadline_still_running_today_is_not_counted_late_before_it_passes(unit):
    ward = unit(DONG_DA)
    ask(ward, at(2, 24, 10), "F")
    compute(date(2026, 2, 26), date(2026, 2, 26), units=[ward], now=at(2, 26, 9))
    assert DailyFigure.objects.get(unit=ward, day=date(2026, 2, 26)).questions_route_missed == 0
    compute(date(2026, 2, 26), date(2026, 2, 26), units=[ward], now=at(2, 26, 11))
    assert DailyFigure.objects.get(unit=ward, day=date(2026, 2, 26)).questions_route_missed == 1


def test_ratings_give_the_count_and_the_mean_of_each_aspect(february):
    rows = DailyFigure.objects.filter(unit=february, ratings__gt=0).order_by("day")
    assert [(row.day.day, row.ratings, row.rating_interface, row.rating_support) for row in rows] == [
        (10, 2, 9, 3),
        (24, 1, 3, 3),
    ]


def test_the_ward_board_reads_its_questions_and_ratings_on_its_page(login, member_of, february):
    client = login(member_of(DONG_DA, "board_head"))
    response = client.get(reverse("compliance_site", args=[february.pk]), {"ky": "2026-h1"})
    summary = response.context["summary"]
    # 4 of the 7 deadlines known in the period were kept.
    assert (summary.questions_received, summary.questions_on_time, summary.questions_overdue) == (5, 4, 3)
    assert summary.question_rate == 57
    # (5 + 4 + 3) / 3 = 4.0; (4 + 4 + 3) / 3 = 3.7; (3 + 5 + 3) / 3 = 3.7; (2 + 1 + 3) / 3 = 2.0
    assert response.context["rating_means"] == [
        ("Giao diện", "4,0"),
        ("Nội dung", "3,7"),
        ("Chất lượng", "3,7"),
        ("Hỗ trợ", "2,0"),
    ]
    text = response.content.decode()
    assert "Chuyển xử lý trong 2 ngày làm việc" in text and "4/7 (57%)" in text


def test_the_reports_and_the_json_hold_the_same_question_figures(login, client, member_of, february):
    board = login(member_of(DONG_DA, "board_head"))
    workbook = board.get(reverse("compliance_site", args=[february.pk]), {"ky": "2026-h1", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    headings = [cell.value for cell in sheet[3]]
    row = dict(zip(headings, next(sheet.iter_rows(min_row=4, values_only=True)), strict=True))
    assert row["Câu hỏi nhận được"] == 5
    assert row["Chuyển xử lý đúng hạn (2 ngày làm việc)"] == 3
    assert row["Quá hạn chuyển xử lý"] == 2
    assert row["Trả lời đúng hạn (15 ngày làm việc)"] == 1
    assert row["Quá hạn trả lời"] == 1
    assert row["Tỷ lệ hạn câu hỏi đạt (%)"] == 57
    assert (row["Lượt đánh giá"], row["Điểm nội dung (TB)"]) == (3, 3.7)

    response = client.get("/api/v2/compliance/", {"period": "2026-h1"}, HTTP_HOST="dongda.localhost")
    data = conforms(client, response, "/api/v2/compliance/")
    assert data["timeliness"]["questions"] == {
        "score": 57,
        "received": 5,
        "routed_on_time": 3,
        "route_missed": 2,
        "answered_on_time": 1,
        "answer_missed": 1,
    }
    assert data["usage"]["ratings"] == {"count": 3, "interface": 4.0, "content": 3.7, "quality": 3.7, "support": 2.0}


# ------------------------------------------------------------------------------------------------- page views


def test_a_page_served_from_the_cache_still_counts_a_view_through_its_beacon(client, unit):
    ward = unit(DONG_DA)
    first = client.get("/", HTTP_HOST="dongda.localhost")
    second = client.get("/", HTTP_HOST="dongda.localhost")
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("MISS", "HIT")
    # Both copies of the HTML ask for the beacon; the browser fetches it on each view, nothing may store it.
    assert second.content.count(b'src="/luot-xem.gif"') == 1
    for _ in range(2):
        beacon = client.get("/luot-xem.gif", HTTP_HOST="dongda.localhost")
        assert beacon["Content-Type"] == "image/gif" and beacon["Cache-Control"] == "no-store, private"
    client.get("/luot-xem.gif", HTTP_HOST="caugiay.localhost")
    assert client.post("/luot-xem.gif", HTTP_HOST="dongda.localhost").status_code == 405

    assert pageviews.flush() == 3
    assert pageviews.flush() == 0  # moved once
    client.get("/luot-xem.gif", HTTP_HOST="dongda.localhost")
    pageviews.flush()
    today = timezone.localdate()
    assert PageViewDay.objects.get(unit=ward, day=today).views == 3

    compute(today, today, units=[ward])
    assert DailyFigure.objects.get(unit=ward, day=today).page_views == 3
    period = client.get("/api/v2/compliance/", {"period": "30d"}, HTTP_HOST="dongda.localhost").json()
    assert period["usage"]["page_views"] == 3
