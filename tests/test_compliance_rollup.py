"""Reports read a monthly roll-up of the daily rows (compliance.MonthlyFigure) for the whole months of a period and
the daily rows for the days at its edges: whatever the period, the figures are the sum of its days."""

from datetime import date, datetime, time, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance import figures
from compliance.compute import compute, roll_up_months
from compliance.models import SUMMED, DailyFigure, MonthlyFigure
from home.models import ArticlePage, SectionPage
from sites.working_time import HANOI

from .conftest import CITY, DONG_DA

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2025, 11, 20), date(2026, 3, 10)


@pytest.fixture
def history(unit):
    """Every day from 20 November 2025 to 10 March 2026 for the city and Đống Đa, each figure varying by day."""
    units = [unit(CITY), unit(DONG_DA)]
    days = [FIRST + timedelta(days=index) for index in range((LAST - FIRST).days + 1)]
    rows = []
    for unit_index, site in enumerate(units):
        for index, day in enumerate(days):
            values = {name: (index * (position + 3) + unit_index) % 7 for position, name in enumerate(SUMMED[2:])}
            met = None if index % 5 == 0 else index % 3 != 0
            rows.append(DailyFigure(unit=site, day=day, working_day=True, quota_met=met, **values))
    DailyFigure.objects.bulk_create(rows)
    roll_up_months([site.pk for site in units], FIRST, LAST)
    return units


def day_by_day(site, start, end):
    """The figures of a period added up from its daily rows, one by one."""
    sums = dict.fromkeys(SUMMED, 0)
    for row in DailyFigure.objects.filter(unit=site, day__gte=start, day__lte=end):
        sums["quota_days"] += row.quota_met is not None
        sums["quota_met_days"] += row.quota_met is True
        for name in SUMMED[2:]:
            sums[name] += getattr(row, name)
    return sums


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2026, 1, 1), date(2026, 12, 31)),  # a year: whole months only
        (date(2025, 12, 1), date(2025, 12, 31)),  # exactly one month
        (date(2025, 11, 25), date(2026, 2, 14)),  # partial months at both edges around two whole ones
        (date(2026, 2, 3), date(2026, 3, 4)),  # thirty days over two partial months, no whole month
        (date(2025, 12, 1), date(2026, 1, 9)),  # a whole month, then some days
    ],
)
def test_a_report_over_any_period_adds_up_to_the_days_in_it(history, start, end):
    summaries = {summary.unit.pk: summary for summary in figures.summaries(history, start, end)}
    for site in history:
        assert {name: getattr(summaries[site.pk], name) for name in SUMMED} == day_by_day(site, start, end)


def test_a_years_report_of_every_site_reads_months_not_days(history):
    with CaptureQueriesContext(connection) as captured:
        figures.summaries(history, date(2026, 1, 1), date(2026, 12, 31))
    aggregates = [query["sql"] for query in captured if "GROUP BY" in query["sql"]]
    assert len(aggregates) == 1 and "monthlyfigure" in aggregates[0]
    assert len(captured) == 2  # the months' sums, and each site's latest completeness


def test_recomputing_one_day_keeps_its_months_totals_whole(unit):
    ward = unit(DONG_DA)
    news = SectionPage.objects.child_of(ward.site.root_page).get(section_key="news")

    def publish_on(day):
        page = ArticlePage(title=f"Tin ngày {day:%d/%m}", author="A", source_agency="B", live=True)
        page.first_published_at = datetime.combine(day, time(9), HANOI)
        news.add_child(instance=page)

    publish_on(date(2026, 2, 3))
    compute(date(2026, 2, 1), date(2026, 2, 28))
    publish_on(date(2026, 2, 24))
    publish_on(date(2026, 2, 24))
    compute(date(2026, 2, 24), date(2026, 2, 24))
    february = MonthlyFigure.objects.get(unit=ward, month=date(2026, 2, 1))
    assert february.published == 3
    # 15 working days in February 2026 (weekends, Tết 16-20), none with a morning and an afternoon item: 0 met.
    assert (february.quota_days, february.quota_met_days) == (15, 0)
