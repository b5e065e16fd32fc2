"""The compliance dashboard: the operator ranks every site; a ward's admin and board see their own site only; the
reports (XLSX with a chart, CSV, printable page) hold the dashboard's numbers."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from compliance.compute import roll_up_months
from compliance.models import DailyFigure, DeadlineItem
from home.models import ArticlePage, SectionPage
from sites.models import Unit
from sites.working_time import HANOI, is_working_day

from .conftest import CAU_GIAY, DONG_DA, SO_TAI_CHINH, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("van-hanh", password="x")


def figures_for(unit, days, published, met, missed=0, completeness=60):
    start = date(2026, 1, 1)
    DailyFigure.objects.bulk_create(
        DailyFigure(
            unit=unit,
            day=start + timedelta(days=index),
            working_day=True,
            published=published,
            quota_met=index < met,
            deadline_items=1 if index < missed else 0,
            deadline_missed=1 if index < missed else 0,
            searches=3,
            empty_searches=1,
            completeness=completeness,
        )
        for index in range(days)
    )
    roll_up_months([unit.pk], start, start + timedelta(days=days - 1))


@pytest.fixture
def history(unit):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    figures_for(dong_da, days=20, published=2, met=15, missed=2, completeness=75)
    figures_for(cau_giay, days=20, published=3, met=20, completeness=100)
    news = SectionPage.objects.child_of(dong_da.site.root_page).get(section_key="news")
    late = news.add_child(instance=ArticlePage(title="Quyết định về chợ Kim Liên", author="A", source_agency="B"))
    DeadlineItem.objects.create(
        unit=dong_da,
        page=late,
        kind="legal_issuer",
        title=late.title,
        own_date=date(2026, 1, 2),
        published_on=date(2026, 1, 9),
        delay=5,
        limit=2,
    )
    return dong_da, cau_giay


def test_the_operator_sees_every_site_ranked_and_filters_by_kind(login, operator, history):
    dong_da, cau_giay = history
    response = login(operator).get(reverse("compliance_dashboard"), {"ky": "2026"})
    assert response.status_code == 200
    summaries = response.context["summaries"]
    assert len(summaries) == Unit.objects.count() == 142
    # Cầu Giấy met every quota day and has everything: first; Đống Đa 15 of 20 days, 0 of 2 deadlines, 75 %.
    assert [s.unit.code for s in summaries[:2]] == [CAU_GIAY, DONG_DA]
    assert (summaries[1].quota_rate, summaries[1].deadline_rate, summaries[1].completeness) == (75, 0, 75)
    assert summaries[1].score == 50
    text = response.content.decode()
    assert "Phường Cầu Giấy" in text and "Năm 2026" in text
    wards = login(operator).get(reverse("compliance_dashboard"), {"ky": "2026", "loai": "ward"})
    assert {s.unit.kind for s in wards.context["summaries"]} == {"ward"}
    assert len(wards.context["summaries"]) == 51


def test_a_ward_admin_sees_only_its_own_site_with_the_items_that_missed_their_deadline(login, member_of, history):
    dong_da, cau_giay = history
    admin = member_of(DONG_DA, "site_admin")
    response = login(admin).get(reverse("compliance_dashboard"), {"ky": "2026"})
    assert response.status_code == 200
    assert response.context["unit"] == dong_da
    text = response.content.decode()
    assert "Quyết định về chợ Kim Liên" in text
    assert reverse("wagtailadmin_pages:edit", args=[DeadlineItem.objects.get().page_id]) in text
    assert "Cầu Giấy" not in text
    assert refused(login(admin).get(reverse("compliance_site", args=[cau_giay.pk])))


def test_a_board_member_sees_the_figures_and_an_editor_does_not(login, member_of, history):
    dong_da, _ = history
    assert login(member_of(DONG_DA, "reviewer")).get(reverse("compliance_site", args=[dong_da.pk])).status_code == 200
    assert refused(login(member_of(DONG_DA, "editor")).get(reverse("compliance_dashboard")))


def test_today_tells_a_ward_what_is_still_missing_before_the_evening(login, member_of, unit):
    dong_da = unit(DONG_DA)
    now = timezone.now().astimezone(HANOI)
    morning = datetime.combine(now.date(), datetime.min.time().replace(hour=8), HANOI)
    news = SectionPage.objects.child_of(dong_da.site.root_page).get(section_key="news")
    news.add_child(
        instance=ArticlePage(title="Tin sáng", author="A", source_agency="B", live=True, first_published_at=morning)
    )
    response = login(member_of(DONG_DA, "site_admin")).get(reverse("compliance_site", args=[dong_da.pk]))
    missing = response.context["missing_today"]
    if is_working_day(now.date()):
        assert missing == (["buổi chiều"], 1)
        assert "buổi chiều" in response.content.decode()
    else:
        assert missing is None


def test_the_xlsx_report_opens_and_holds_the_dashboards_numbers(login, operator, history):
    client = login(operator)
    shown = client.get(reverse("compliance_dashboard"), {"ky": "2026"}).context["summaries"]
    response = client.get(reverse("compliance_dashboard"), {"ky": "2026", "xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Đánh giá hoạt động các trang – Năm 2026"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[1][:11] == ("Phường Đống Đa", "Phường", 50, 40, 15, 20, 75, 2, 2, 0, 75)
    assert [row[0] for row in rows[:-1]] == [s.unit.display_name for s in shown]
    assert rows[-1][0] == "Toàn thành phố"
    assert len(sheet._charts) == 1


def test_the_csv_report_never_hands_a_spreadsheet_a_formula(login, operator, history):
    dong_da, _ = history
    Unit.objects.filter(code=SO_TAI_CHINH).update(name='=HYPERLINK("http://x")')
    Unit.objects.filter(code=CAU_GIAY).update(name="@SUM(1)")
    response = login(operator).get(reverse("compliance_dashboard"), {"ky": "2026", "xuat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows]
    # A department's cell is its bare name: shown as text, with the quote spreadsheets read as "not a formula".
    assert '\'=HYPERLINK("http://x")' in names
    assert "Phường @SUM(1)" in names
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_the_printable_page_is_a_plain_vietnamese_page(login, member_of, history):
    dong_da, _ = history
    response = login(member_of(DONG_DA, "board_head")).get(
        reverse("compliance_site", args=[dong_da.pk]), {"ky": "2026", "in": "1"}
    )
    text = response.content.decode()
    assert '<html lang="vi">' in text
    assert "Quyết định về chợ Kim Liên" in text
    assert "<script" not in text


def test_the_operators_yearly_ranking_of_every_site_costs_a_fixed_number_of_queries(
    login, operator, history, django_assert_num_queries
):
    # The hot path of bench/compliance_dashboard.py: 142 sites, a year read from the monthly roll-up, today counted
    # live; the number does not grow with the sites or the days.
    client = login(operator)
    client.get(reverse("compliance_dashboard"))
    with django_assert_num_queries(18):
        response = client.get(reverse("compliance_dashboard"), {"ky": "2026"})
    assert response.status_code == 200
