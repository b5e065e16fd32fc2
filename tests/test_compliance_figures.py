"""The portal measures itself: a month of publications across weekends and Tết, with each answer written by hand.

February 2026: Sundays 1, 8, 15, 22; Saturdays 7, 14, 21, 28; Tết from Monday 16 to Friday 20 (public holidays).
The city must publish 3 items every day, morning, afternoon and evening; Sở Tài chính and Phường Đống Đa 2 per
working day, morning and afternoon (Quy chế Art. 13.2).
"""

from datetime import date, datetime, timedelta

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance import completeness
from compliance.compute import compute
from compliance.models import DailyFigure, DeadlineItem
from home.models import (
    ArticlePage,
    ContactPage,
    LeaderProfilePage,
    LegalDocumentPage,
    PlanPage,
    SectionPage,
    StatisticsReportPage,
    WardIntroductionPage,
)
from search.models import SearchQueryDay
from sites.models import Unit
from sites.working_time import HANOI

from .conftest import CITY, DONG_DA, SO_TAI_CHINH

pytestmark = pytest.mark.django_db

FEBRUARY = [date(2026, 2, day) for day in range(1, 29)]
WEEKENDS = {1, 7, 8, 14, 15, 21, 22, 28}
TET = {16, 17, 18, 19, 20}
WORKING = [day for day in range(1, 29) if day not in WEEKENDS | TET]


def at(day, hour, minute=0):
    return datetime(2026, 2, day, hour, minute, tzinfo=HANOI)


def section(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def publish(parent, page, moment):
    page.first_published_at = moment
    page.live = True
    parent.add_child(instance=page)
    return page


def article(unit, moment, title="Tin"):
    return publish(
        section(unit, "news"), ArticlePage(title=f"{title} {moment:%d %H:%M}", author="A", source_agency="B"), moment
    )


def legal(unit, moment, issued, issuing_body, document_type="quyet_dinh", number="1/QĐ-UBND"):
    page = LegalDocumentPage(
        title=f"Văn bản {number}",
        document_type=document_type,
        number=number,
        issuing_body=issuing_body,
        issue_date=issued,
        abstract="Trích yếu",
    )
    return publish(section(unit, "legal_documents"), page, moment)


def city_month(city):
    """Morning, afternoon and evening every day, except: Saturday 7 nothing in the evening; the second day of Tết
    (17) only morning and afternoon; Sunday 22 three items, all in the morning."""
    for day in range(1, 29):
        hours = {7: (8, 14), 17: (9, 15), 22: (7, 8, 9)}.get(day, (8, 14, 19))
        for hour in hours:
            article(city, at(day, hour, 30))


def department_month(department):
    """09:00 and 15:00 on working days, except: Wednesday 4 only the morning; Wednesday 11 both in the morning;
    Thursday 26 nothing. On Saturday 7 and on Tết (18) one item each: no quota on those days."""
    for day in WORKING:
        hours = {4: (9,), 11: (9, 10), 26: ()}.get(day, (9, 15))
        for hour in hours:
            article(department, at(day, hour))
    article(department, at(7, 10))
    article(department, at(18, 10))


def ward_month(ward):
    """08:00 and 13:30 on working days, except: Tuesday 3 only the afternoon; Tuesday 10 at 11:59 and 12:00 (noon
    starts the afternoon: met); Tuesday 24 at 07:00, 07:30 and 17:05 (after 17:00 is the evening: no afternoon)."""
    for day in WORKING:
        moments = {
            3: [at(3, 13, 30)],
            10: [at(10, 11, 59), at(10, 12, 0)],
            24: [at(24, 7), at(24, 7, 30), at(24, 17, 5)],
        }.get(day, [at(day, 8), at(day, 13, 30)])
        for moment in moments:
            article(ward, moment)


@pytest.fixture
def month(unit):
    city, department, ward = unit(CITY), unit(SO_TAI_CHINH), unit(DONG_DA)
    city_month(city)
    department_month(department)
    ward_month(ward)
    # Deadlines (Art. 13.1), each on a day whose quota is already decided, so the quotas above stay as written.
    legal(city, at(23, 9), date(2026, 2, 13), "UBND thành phố Hà Nội", number="10/QĐ-UBND")
    legal(city, at(10, 9), date(2026, 2, 2), "Bộ Tài chính", document_type="thong_tu", number="5/2026/TT-BTC")
    publish(
        section(department, "plans"),
        PlanPage(title="Kế hoạch chuyển đổi số", approval_date=date(2026, 2, 4)),
        at(27, 10),
    )
    publish(
        section(department, "statistics"),
        StatisticsReportPage(title="Số liệu thu ngân sách tháng 1", release_date=date(2026, 2, 10)),
        at(25, 10),
    )
    legal(department, at(16, 10), date(2026, 2, 12), "Sở Tài chính thành phố Hà Nội", number="12/QĐ-STC")
    legal(department, at(24, 10), date(2026, 2, 9), "UBND thành phố Hà Nội", number="20/QĐ-UBND")
    legal(ward, at(9, 9), date(2026, 2, 5), "Sở Tư pháp", document_type="huong_dan", number="3/HD-STP")
    legal(ward, at(11, 9), date(2026, 2, 6), "UBND phường Đống Đa", number="7/QĐ-UBND")
    SearchQueryDay.objects.create(
        site=ward.site, day=date(2026, 2, 10), query_folded="khai sinh", searches=5, empty_searches=0
    )
    SearchQueryDay.objects.create(
        site=ward.site, day=date(2026, 2, 10), query_folded="xyz", searches=2, empty_searches=2
    )
    compute(date(2026, 2, 1), date(2026, 2, 28))
    return city, department, ward


def quota_results(unit):
    return {
        row.day.day: row.quota_met
        for row in DailyFigure.objects.filter(unit=unit, day__year=2026, day__month=2).order_by("day")
    }


def test_the_city_must_publish_morning_afternoon_and_evening_every_day_tet_included(month):
    city, _, _ = month
    expected = dict.fromkeys(range(1, 29), True)
    expected.update({7: False, 17: False, 22: False})
    assert quota_results(city) == expected


def test_a_department_must_publish_morning_and_afternoon_on_working_days_only(month):
    _, department, _ = month
    expected = dict.fromkeys(range(1, 29), None)  # weekends and Tết: no quota
    expected.update(dict.fromkeys([2, 3, 5, 6, 9, 10, 12, 13, 23, 24, 25, 27], True))
    expected.update({4: False, 11: False, 26: False})
    assert quota_results(department) == expected


def test_a_ward_publishing_at_noon_has_an_afternoon_item_and_after_five_an_evening_one(month):
    _, _, ward = month
    expected = dict.fromkeys(range(1, 29), None)
    expected.update(dict.fromkeys([2, 4, 5, 6, 9, 10, 11, 12, 13, 23, 25, 26, 27], True))
    expected.update({3: False, 24: False})
    assert quota_results(ward) == expected
    tuesday_24 = DailyFigure.objects.get(unit=ward, day=date(2026, 2, 24))
    assert (tuesday_24.published, tuesday_24.morning, tuesday_24.afternoon, tuesday_24.evening) == (3, 2, 0, 1)
    # 9 February: two articles and the guidance document.
    assert DailyFigure.objects.get(unit=ward, day=date(2026, 2, 9)).published == 3


def test_each_deadline_is_counted_in_working_days_skipping_weekends_and_tet(month):
    rows = {
        item.title: (item.kind, item.delay, item.limit, item.met)
        for item in DeadlineItem.objects.filter(published_on__year=2026)
    }
    assert rows == {
        # Issued Friday 13, published Monday 23 after Tết: one working day, the issuer's 2.
        "Văn bản 10/QĐ-UBND": ("legal_issuer", 1, 2, True),
        # A ministry's circular: 3, 4, 5, 6, 9, 10 February are 6 working days, over the 5 of bodies in scope.
        "Văn bản 5/2026/TT-BTC": ("legal_scope", 6, 5, False),
        # Approved on 4 February, published on the 27th: 12 working days (Tết not counted), over 10.
        "Kế hoạch chuyển đổi số": ("plan", 12, 10, False),
        # Released Tuesday 10, published Wednesday 25: 6 working days thanks to Tết, within 10.
        "Số liệu thu ngân sách tháng 1": ("statistics", 6, 10, True),
        # The department's own decision, published on Tết's eve (a holiday): Friday 13 is its one working day.
        "Văn bản 12/QĐ-STC": ("legal_issuer", 1, 2, True),
        # The city's decision on the department's site: in scope, 5; 10-13 and 23-24 February are 6.
        "Văn bản 20/QĐ-UBND": ("legal_scope", 6, 5, False),
        # Guidance on the law: 2 working days, Friday 6 and Monday 9.
        "Văn bản 3/HD-STP": ("guidance", 2, 2, True),
        # The ward's own decision: 9, 10, 11 February are 3 working days, over its 2.
        "Văn bản 7/QĐ-UBND": ("legal_issuer", 3, 2, False),
    }
    city, department, ward = month
    missed = {
        unit.code: sum(DailyFigure.objects.filter(unit=unit).values_list("deadline_missed", flat=True))
        for unit in month
    }
    assert missed == {CITY: 1, SO_TAI_CHINH: 2, DONG_DA: 1}


def test_the_search_log_gives_searches_and_searches_that_found_nothing(month):
    _, _, ward = month
    row = DailyFigure.objects.get(unit=ward, day=date(2026, 2, 10))
    assert (row.searches, row.empty_searches) == (7, 2)


def test_recomputing_a_period_gives_the_same_rows(month):
    city, _, _ = month
    before = list(DailyFigure.objects.filter(unit=city).order_by("day").values_list("day", "published", "quota_met"))
    compute(date(2026, 2, 1), date(2026, 2, 28))
    after = list(DailyFigure.objects.filter(unit=city).order_by("day").values_list("day", "published", "quota_met"))
    assert after == before
    assert DailyFigure.objects.filter(day__year=2026, day__month=2).count() == 28 * Unit.objects.count()
    assert DeadlineItem.objects.count() == 8


# ------------------------------------------------------------------------------------------------- completeness


def test_each_site_is_told_which_required_information_it_lacks(unit):
    city, department, ward = unit(CITY), unit(SO_TAI_CHINH), unit(DONG_DA)
    introduction = section(ward, "introduction")
    introduction.add_child(
        instance=WardIntroductionPage(
            title="Giới thiệu phường Đống Đa",
            boundaries="<p>Phía bắc giáp phường Văn Miếu - Quốc Tử Giám.</p>",
            culture="<p>Gò Đống Đa, lễ hội.</p>",
            natural_conditions="<p> </p>",
        )
    )
    section(ward, "contact").add_child(
        instance=ContactPage(title="Liên hệ", address="Số 1 Tôn Đức Thắng", phone="024 3851 0000")
    )
    section(department, "introduction").add_child(
        instance=LeaderProfilePage(title="Nguyễn Văn A", position="Giám đốc", biography="<p>Sinh năm 1975.</p>")
    )
    section(department, "introduction").add_child(
        instance=LeaderProfilePage(title="Trần Thị B", position="Phó Giám đốc")
    )
    measured = completeness.measure([city, department, ward])
    assert completeness.gaps(measured[ward.pk]) == [
        "Sơ đồ tổ chức",
        "Lãnh đạo kèm tóm tắt tiểu sử",
        "Người phát ngôn",
        "Điều kiện tự nhiên",
    ]
    # A leader without a biography is a gap, even beside one with it.
    assert completeness.gaps(measured[department.pk]) == [
        "Sơ đồ tổ chức",
        "Lãnh đạo kèm tóm tắt tiểu sử",
        "Thông tin liên hệ",
        "Người phát ngôn",
    ]
    # Provisioning gave the city its organisation and contact pages, in Vietnamese and English, without a chart,
    # leaders, a telephone or a spokesperson.
    assert completeness.gaps(measured[city.pk]) == [
        "Sơ đồ tổ chức",
        "Lãnh đạo kèm tóm tắt tiểu sử",
        "Thông tin liên hệ",
        "Người phát ngôn",
    ]
    assert completeness.score(measured[ward.pk]) == 50  # 4 of 8
    assert completeness.score(measured[department.pk]) == 20  # 1 of 5


# ----------------------------------------------------------------------------------------------------- command


def test_the_nightly_command_computes_yesterday_and_today_for_every_site_and_can_run_twice(unit):
    ward = unit(DONG_DA)
    yesterday = timezone.localdate() - timedelta(days=1)
    article(ward, datetime.combine(yesterday, datetime.min.time().replace(hour=9), HANOI))
    call_command("compute_compliance", verbosity=0)
    call_command("compute_compliance", verbosity=0)
    assert DailyFigure.objects.count() == 2 * Unit.objects.count()
    row = DailyFigure.objects.get(unit=ward, day=yesterday)
    assert row.published == 1
    assert row.completeness is not None


def test_the_command_refuses_a_date_it_cannot_read_in_vietnamese():
    with pytest.raises(CommandError, match="không đúng dạng"):
        call_command("compute_compliance", "--since", "06/12/2026")
    with pytest.raises(CommandError, match="tương lai"):
        call_command("compute_compliance", "--since", "2999-01-01")
