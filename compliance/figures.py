"""What the dashboard, the reports and the self-assessment show: the daily rows summed over a period.

Every number comes from the materialised rows (compliance/models.py), so the screen, the XLSX and CSV files, the
printable page and the JSON endpoint agree; only "today" is counted live, for one query.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from citizens.ratings import ASPECTS
from sites.models import Unit

from . import compute, rules
from .models import SUMMED, DailyFigure, DeadlineItem, MonthlyFigure

PERIOD = re.compile(r"^(?:30d|(\d{4})(?:-(h1|h2))?)$")


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date
    end: date


def periods(today=None):
    """The periods offered: the last 30 days, then the half-years and years (Art. 28.9, 33.8) of this and last year."""
    today = today or timezone.localdate()
    choices = [period("30d", today)]
    for year in (today.year, today.year - 1):
        choices += [period(f"{year}-h1", today), period(f"{year}-h2", today), period(str(year), today)]
    return [choice for choice in choices if choice.start <= today]


def period(key, today=None):
    """The period a key names ("30d", "2026-h1", "2026-h2", "2026"); None when it names none."""
    today = today or timezone.localdate()
    match = PERIOD.match(key or "")
    if not match:
        return None
    if key == "30d":
        return Period(key, "30 ngày qua", today - timedelta(days=29), today)
    year, half = int(match.group(1)), match.group(2)
    if not 2000 <= year <= today.year:
        return None
    if half == "h1":
        return Period(key, f"6 tháng đầu năm {year}", date(year, 1, 1), date(year, 6, 30))
    if half == "h2":
        return Period(key, f"6 tháng cuối năm {year}", date(year, 7, 1), date(year, 12, 31))
    return Period(key, f"Năm {year}", date(year, 1, 1), date(year, 12, 31))


RATING_ASPECTS = [name for name, _label in ASPECTS]


def percent(part, whole):
    return round(100 * part / whole) if whole else None


def decimal(number):
    """4.2 as Vietnamese writes it: "4,2"."""
    return "—" if number is None else f"{number:.1f}".replace(".", ",")


@dataclass
class SiteSummary:
    unit: Unit
    published: int = 0
    quota_days: int = 0
    quota_met_days: int = 0
    deadline_items: int = 0
    deadline_missed: int = 0
    page_views: int = 0
    searches: int = 0
    empty_searches: int = 0
    questions_received: int = 0
    questions_routed_on_time: int = 0
    questions_route_missed: int = 0
    questions_answered_on_time: int = 0
    questions_answer_missed: int = 0
    ratings: int = 0
    rating_interface: int = 0
    rating_content: int = 0
    rating_quality: int = 0
    rating_support: int = 0
    comments_received: int = 0
    comments_approved: int = 0
    completeness: int | None = None

    @property
    def quota_rate(self):
        return percent(self.quota_met_days, self.quota_days)

    @property
    def deadline_on_time(self):
        return self.deadline_items - self.deadline_missed

    @property
    def deadline_rate(self):
        return percent(self.deadline_on_time, self.deadline_items)

    @property
    def questions_on_time(self):
        return self.questions_routed_on_time + self.questions_answered_on_time

    @property
    def questions_overdue(self):
        return self.questions_route_missed + self.questions_answer_missed

    @property
    def question_deadlines(self):
        """The routing and answering deadlines whose outcome is known in the period (met or missed)."""
        return self.questions_on_time + self.questions_overdue

    @property
    def question_rate(self):
        return percent(self.questions_on_time, self.question_deadlines)

    @property
    def rating_means(self):
        """{aspect: mean score with one decimal}, or None for every aspect when nobody rated."""
        return {
            aspect: round(getattr(self, f"rating_{aspect}") / self.ratings, 1) if self.ratings else None
            for aspect in RATING_ASPECTS
        }

    @property
    def rating_mean(self):
        """The mean of the four aspects, for the dashboard's one cell."""
        if not self.ratings:
            return None
        return round(sum(getattr(self, f"rating_{aspect}") for aspect in RATING_ASPECTS) / (4 * self.ratings), 1)

    def cells(self):
        """The dashboard's cells after the site's name, as text (formatted once here, not per cell by templates)."""
        dash = "—"
        quota = f"{self.quota_met_days}/{self.quota_days}" + (
            f" ({self.quota_rate}%)" if self.quota_rate is not None else ""
        )
        deadlines = (
            f"{self.deadline_on_time}/{self.deadline_items} ({self.deadline_rate}%)" if self.deadline_items else dash
        )
        questions = (
            f"{self.questions_on_time}/{self.question_deadlines} ({self.question_rate}%)"
            if self.question_deadlines
            else dash
        )
        rated = f"{self.ratings} ({decimal(self.rating_mean)})" if self.ratings else "0"
        return [
            dash if self.score is None else str(self.score),
            str(self.published),
            quota,
            deadlines,
            str(self.questions_received),
            questions,
            str(self.questions_overdue),
            dash if self.completeness is None else str(self.completeness),
            str(self.page_views),
            f"{self.searches} ({self.empty_searches})",
            rated,
            f"{self.comments_received} ({self.comments_approved})",
        ]

    @property
    def score(self):
        """The mean of the measured rates: quota days met, deadlines met, questions' deadlines met, completeness
        (those that apply)."""
        rates = (self.quota_rate, self.deadline_rate, self.question_rate, self.completeness)
        rates = [rate for rate in rates if rate is not None]
        return round(sum(rates) / len(rates)) if rates else None


def whole_months(start, end):
    """(first day, last day) of the calendar months lying wholly inside start..end, or None when there is none."""
    first = start if start.day == 1 else compute.month_after(start)
    ends_a_month = compute.month_after(end) - timedelta(days=1) == end
    last = end if ends_a_month else end.replace(day=1) - timedelta(days=1)
    return (first, last) if first <= last else None


def period_totals(unit_ids, start, end):
    """{unit id: {figure: sum}} over start..end: the monthly roll-up for the whole months, the daily rows for the days
    at either edge. A year of 142 sites reads 1,704 monthly rows, not 51,830 daily ones; at most two queries."""
    months = whole_months(start, end)
    parts = []
    if months:
        first, last = months
        monthly = MonthlyFigure.objects.filter(unit__in=unit_ids, month__gte=first, month__lte=last)
        parts.append(monthly.values("unit").annotate(**MonthlyFigure.totals()))
        days = Q(day__gte=start, day__lt=first) | Q(day__gt=last, day__lte=end)
    else:
        days = Q(day__gte=start, day__lte=end)
    if not months or start < months[0] or months[1] < end:
        daily = DailyFigure.objects.filter(days, unit__in=unit_ids)
        parts.append(daily.values("unit").annotate(**DailyFigure.totals()))
    result = {}
    for part in parts:
        for row in part:
            unit_id = row.pop("unit")
            sums = result.setdefault(unit_id, dict.fromkeys(SUMMED, 0))
            for name, value in row.items():
                sums[name] += value or 0
    return result


def summaries(units, start, end):
    """[SiteSummary] of each unit over start..end, best score first: at most three queries whatever the number of
    sites (period_totals, and each site's latest completeness)."""
    units = list(units)
    unit_ids = [unit.pk for unit in units]
    by_unit = period_totals(unit_ids, start, end)
    latest = DailyFigure.objects.filter(unit=OuterRef("pk"), day__lte=end, completeness__isnull=False).order_by("-day")
    scores = dict(
        Unit.objects.filter(pk__in=unit_ids)
        .annotate(score=Subquery(latest.values("completeness")[:1], output_field=IntegerField()))
        .values_list("pk", "score")
    )
    result = [SiteSummary(unit, **by_unit.get(unit.pk, {}), completeness=scores.get(unit.pk)) for unit in units]
    result.sort(key=lambda s: (s.score is None, -(s.score or 0), s.unit.sort_order))
    return result


def total(items):
    """One summary of several sites (the city-wide line of a report)."""
    whole = SiteSummary(unit=None)
    for item in items:
        for name in SUMMED:
            setattr(whole, name, getattr(whole, name) + getattr(item, name))
    scores = [item.completeness for item in items if item.completeness is not None]
    whole.completeness = round(sum(scores) / len(scores)) if scores else None
    return whole


def monthly_trend(unit, start, end):
    """[(month's first day, items published, quota days met, quota days)] of one site, month by month."""
    months = {}
    for row in DailyFigure.objects.filter(unit=unit, day__gte=start, day__lte=end).values_list(
        "day", "published", "quota_met"
    ):
        day, published, met = row
        month = months.setdefault(day.replace(day=1), [0, 0, 0])
        month[0] += published
        month[1] += met is True
        month[2] += met is not None
    return [(month, *values) for month, values in sorted(months.items())]


def missed_deadlines(unit, start, end):
    return [
        item
        for item in DeadlineItem.objects.filter(unit=unit, published_on__gte=start, published_on__lte=end)
        .select_related("page")
        .order_by("-published_on", "pk")
        if not item.met
    ]


def today(units, now=None):
    """{unit id: (parts still missing today, items still short)} of the units whose quota today is not yet met."""
    day = timezone.localdate(now)
    units = list(units)
    counts = compute.publications(units, day, day)
    result = {}
    for unit in units:
        parts, short = rules.missing_today(unit.kind, day, counts.get((unit.pk, day), {}))
        if parts or short:
            result[unit.pk] = ([rules.PART_LABELS[part] for part in parts], short)
    return result
