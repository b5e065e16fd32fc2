"""Fills the daily rows and the deadline items for a period: one pass over what was published in it.

The queries do not depend on the number of sites: one for the pages first published in the period, one for the
accepted copies going live, one per page kind with a deadline, one for the search log, one for citizens' questions,
one for their ratings, one for their comments on drafts, one for the page views, and the completeness checks
(compliance/completeness.py).
Re-running a period rewrites the same rows (idempotent).
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wagtail.models import Page

from citizens.models import CommentStatus, DraftComment, PageRating, Question, Status
from citizens.ratings import ASPECTS
from home.models import LegalDocumentPage, PlanPage, StatisticsReportPage
from home.models.listing import listed_types
from search.models import SearchQueryDay
from sites.models import Unit
from sites.working_time import HANOI, is_working_day
from syndication.models import Placement

from . import completeness, rules
from .models import DailyFigure, DeadlineItem, MonthlyFigure, PageViewDay

HOME_PATH_LENGTH = completeness.HOME_PATH_LENGTH


def day_bounds(start, end):
    """Aware datetimes of the start of `start` and of the day after `end`, in Hanoi."""
    return datetime.combine(start, time(0), HANOI), datetime.combine(end + timedelta(days=1), time(0), HANOI)


def month_after(day):
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def local_day(moment):
    return moment.astimezone(HANOI).date()


def site_units(units=None):
    queryset = Unit.objects.filter(site__isnull=False).select_related("site__root_page")
    if units is not None:
        queryset = queryset.filter(pk__in=[unit.pk for unit in units])
    return list(queryset)


def publications(units, start, end):
    """{(unit id, day): {part: items}}: listed pages first published, and accepted copies going live, in the period."""
    by_home = {unit.site.root_page.path: unit.pk for unit in units}
    low, high = day_bounds(start, end)
    counts = defaultdict(lambda: defaultdict(int))
    pages = Page.objects.filter(listed_types(), first_published_at__gte=low, first_published_at__lt=high)
    for path, moment in pages.values_list("path", "first_published_at"):
        unit_id = by_home.get(path[:HOME_PATH_LENGTH])
        if unit_id is not None:
            counts[unit_id, local_day(moment)][rules.part_of_day(moment)] += 1
    copies = Placement.objects.filter(
        state=Placement.State.ACCEPTED, live_at__gte=low, live_at__lt=high, target_unit__in=list(by_home.values())
    )
    for unit_id, moment in copies.values_list("target_unit_id", "live_at"):
        counts[unit_id, local_day(moment)][rules.part_of_day(moment)] += 1
    return counts


def deadline_items(units, start, end):
    """DeadlineItem rows (unsaved) for the items with an Art. 13.1 deadline first published in the period."""
    by_home = {unit.site.root_page.path: unit for unit in units}
    low, high = day_bounds(start, end)
    window = {"first_published_at__gte": low, "first_published_at__lt": high}
    items = []

    def add(page, unit, kind, own_date):
        if own_date is None:
            return
        published_on = local_day(page.first_published_at)
        items.append(
            DeadlineItem(
                unit=unit,
                page_id=page.pk,
                kind=kind,
                title=page.title[:255],
                own_date=own_date,
                published_on=published_on,
                delay=rules.working_days_between(own_date, published_on),
                limit=rules.LIMITS[kind],
            )
        )

    fields = ["pk", "path", "title", "first_published_at"]
    for page in LegalDocumentPage.objects.filter(**window).only(*fields, "issue_date", "document_type", "issuing_body"):
        unit = by_home.get(page.path[:HOME_PATH_LENGTH])
        if unit:
            add(page, unit, rules.legal_kind(unit, page.document_type, page.issuing_body), page.issue_date)
    for model, date_field, kind in (
        (PlanPage, "approval_date", DeadlineItem.Kind.PLAN),
        (StatisticsReportPage, "release_date", DeadlineItem.Kind.STATISTICS),
    ):
        for page in model.objects.filter(**window).only(*fields, date_field):
            unit = by_home.get(page.path[:HOME_PATH_LENGTH])
            if unit:
                add(page, unit, kind, getattr(page, date_field))
    return items


def search_usage(units, start, end):
    by_site = {unit.site_id: unit.pk for unit in units}
    rows = (
        SearchQueryDay.objects.filter(site_id__in=list(by_site), day__gte=start, day__lte=end)
        .values("site_id", "day")
        .annotate(searches=Sum("searches"), empty=Sum("empty_searches"))
    )
    return {(by_site[row["site_id"]], row["day"]): (row["searches"], row["empty"]) for row in rows}


def page_views(units, start, end):
    rows = PageViewDay.objects.filter(unit__in=[unit.pk for unit in units], day__gte=start, day__lte=end)
    return {(unit_id, day): views for unit_id, day, views in rows.values_list("unit_id", "day", "views")}


def citizen_questions(units, start, end, now):
    """{(unit id, day): {figure: number}}: questions received, and each deadline counted once, on the day its outcome
    became known: met on the day the board acted before it (routed, or closed as out of scope, within 2 working days;
    answered within 15), missed on the day it passed with nothing done. A question counts for the site handling it
    now (forwarded, it is the new site's). Out-of-scope questions have no answer deadline."""
    low, high = day_bounds(start, end)
    windows = [
        Q(**{f"{field}__gte": low, f"{field}__lt": high})
        for field in ("received_at", "routed_at", "closed_at", "answered_at", "route_due_at", "answer_due_at")
    ]
    rows = Question.objects.filter(Q(*windows, _connector=Q.OR), unit__in=[unit.pk for unit in units]).values_list(
        "unit_id", "status", "received_at", "route_due_at", "routed_at", "closed_at", "answer_due_at", "answered_at"
    )
    counts = defaultdict(lambda: defaultdict(int))

    def outcome(unit_id, due, done, on_time, missed):
        if done is not None and done <= due:
            if low <= done < high:
                counts[unit_id, local_day(done)][on_time] += 1
        elif low <= due < high and due <= now:
            counts[unit_id, local_day(due)][missed] += 1

    for unit_id, status, received, route_due, routed, closed, answer_due, answered in rows:
        if low <= received < high:
            counts[unit_id, local_day(received)]["questions_received"] += 1
        out_of_scope = status == Status.OUT_OF_SCOPE
        routed_or_closed = closed if out_of_scope else routed
        outcome(unit_id, route_due, routed_or_closed, "questions_routed_on_time", "questions_route_missed")
        if not out_of_scope:
            outcome(unit_id, answer_due, answered, "questions_answered_on_time", "questions_answer_missed")
    return counts


def ratings(units, start, end):
    """{(unit id, day): {figure: number}}: how many ratings the site's pages had, and the sum of each aspect."""
    rows = (
        PageRating.objects.filter(unit__in=[unit.pk for unit in units], rated_on__gte=start, rated_on__lte=end)
        .values("unit_id", "rated_on")
        .annotate(
            ratings=Count("pk"),
            **{f"rating_{aspect}": Sum(aspect) for aspect, _label in ASPECTS},
        )
    )
    return {(row.pop("unit_id"), row.pop("rated_on")): row for row in rows}


def draft_comments(units, start, end):
    """{(unit id, day): {figure: number}}: comments on the site's drafts received that day, and those its board
    approved for publication that day (a comment approved later counts on the day of approval)."""
    low, high = day_bounds(start, end)
    rows = DraftComment.objects.filter(
        Q(received_at__gte=low, received_at__lt=high) | Q(moderated_at__gte=low, moderated_at__lt=high),
        unit__in=[unit.pk for unit in units],
    ).values_list("unit_id", "received_at", "status", "moderated_at")
    counts = defaultdict(lambda: defaultdict(int))
    for unit_id, received, status, moderated in rows:
        if low <= received < high:
            counts[unit_id, local_day(received)]["comments_received"] += 1
        if status == CommentStatus.APPROVED and moderated is not None and low <= moderated < high:
            counts[unit_id, local_day(moderated)]["comments_approved"] += 1
    return counts


def build(start, end, units, today, now):
    """The DailyFigure and DeadlineItem rows (unsaved) of the units for the days start..end, from the page tree."""
    counts = publications(units, start, end)
    items = deadline_items(units, start, end)
    usage = search_usage(units, start, end)
    questions = citizen_questions(units, start, end, now)
    rated = ratings(units, start, end)
    comments = draft_comments(units, start, end)
    views = page_views(units, start, end)
    # Completeness is what the site holds now: written on the days being measured now, never on backfilled ones.
    scores = {pk: completeness.score(checks) for pk, checks in completeness.measure(units).items()}
    measured_now = today - timedelta(days=1)

    deadline_counts = defaultdict(lambda: [0, 0])
    for item in items:
        deadline_counts[item.unit.pk, item.published_on][0] += 1
        deadline_counts[item.unit.pk, item.published_on][1] += not item.met

    rows = []
    day = start
    while day <= end:
        working = is_working_day(day)
        for unit in units:
            parts = counts.get((unit.pk, day), {})
            searches, empty = usage.get((unit.pk, day), (0, 0))
            rows.append(
                DailyFigure(
                    unit=unit,
                    day=day,
                    working_day=working,
                    published=sum(parts.values()),
                    morning=parts.get(rules.MORNING, 0),
                    afternoon=parts.get(rules.AFTERNOON, 0),
                    evening=parts.get(rules.EVENING, 0),
                    quota_met=rules.quota_met(unit.kind, day, parts),
                    deadline_items=deadline_counts[unit.pk, day][0],
                    deadline_missed=deadline_counts[unit.pk, day][1],
                    page_views=views.get((unit.pk, day), 0),
                    searches=searches,
                    empty_searches=empty,
                    completeness=scores.get(unit.pk) if day >= measured_now else None,
                    **questions.get((unit.pk, day), {}),
                    **rated.get((unit.pk, day), {}),
                    **comments.get((unit.pk, day), {}),
                )
            )
        day += timedelta(days=1)
    return rows, items


def compute(start, end, units=None, now=None):
    """Rewrite the rows of every site (or of `units`) for the days start..end; returns how many rows were written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    end = min(end, today)
    units = site_units(units)
    if start > end or not units:
        return 0
    rows, items = build(start, end, units, today, now)
    measured_now = today - timedelta(days=1)
    unit_ids = [unit.pk for unit in units]
    with transaction.atomic():
        # Completeness measured on an earlier night stays when the period is recomputed.
        previous = {
            (unit_id, day): score
            for unit_id, day, score in DailyFigure.objects.filter(
                unit__in=unit_ids, day__gte=start, day__lt=measured_now, completeness__isnull=False
            ).values_list("unit_id", "day", "completeness")
        }
        for row in rows:
            if row.completeness is None:
                row.completeness = previous.get((row.unit.pk, row.day))
        DailyFigure.objects.filter(unit__in=unit_ids, day__gte=start, day__lte=end).delete()
        DailyFigure.objects.bulk_create(rows, batch_size=2000)
        DeadlineItem.objects.filter(unit__in=unit_ids, published_on__gte=start, published_on__lte=end).delete()
        # A page whose first publication moved out of the period (re-imported) loses its old row too.
        DeadlineItem.objects.filter(page_id__in=[item.page_id for item in items]).delete()
        DeadlineItem.objects.bulk_create(items, batch_size=2000)
        roll_up_months(unit_ids, start, end)
    return len(rows)


def roll_up_months(unit_ids, start, end):
    """Rewrite the monthly rows of these units for every month start..end touches, from their daily rows: one
    aggregate, one delete, one insert. Whoever writes daily rows calls this after (compute does)."""
    first = start.replace(day=1)
    daily = DailyFigure.objects.filter(unit__in=unit_ids, day__gte=first, day__lt=month_after(end))
    months = daily.annotate(month=TruncMonth("day")).values("unit", "month").annotate(**DailyFigure.totals())
    rows = [MonthlyFigure(unit_id=row.pop("unit"), **row) for row in months]
    MonthlyFigure.objects.filter(unit__in=unit_ids, month__gte=first, month__lte=end).delete()
    MonthlyFigure.objects.bulk_create(rows, batch_size=2000)
