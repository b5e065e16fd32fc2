"""The self-assessment of Decree 224/2026 Art. 12: completeness, timeliness, accessibility, performance, usage.

Each criterion has a score from 0 to 100, or None with the reason it cannot be measured yet; docs/compliance.md
gives the method. The numbers are the dashboard's (compliance/figures.py) for the same period.
"""

from django.utils import timezone

from . import completeness, compute, figures
from .models import SiteCheck

NOT_CHECKED = (
    "Chưa đo: trong kỳ này chưa ghi lần kiểm tra tự động (Lighthouse) nào cho trang "
    "(lệnh record_site_checks, docs/compliance.md)."
)


def mean(values):
    values = [value for value in values if value is not None]
    return round(sum(values) / len(values)) if values else None


def lab_checks(unit, period):
    """(accessibility, performance) of the site's pages checked by Lighthouse in the period: the mean score of the
    pages measured, how many, when last, with which tool; None and the reason when no run was recorded."""
    low, high = compute.day_bounds(period.start, period.end)
    checks = list(SiteCheck.objects.filter(unit=unit, measured_at__gte=low, measured_at__lt=high))
    result = []
    for criterion in ("accessibility", "performance"):
        measured = [check for check in checks if getattr(check, criterion) is not None]
        if not measured:
            result.append({"score": None, "reason": NOT_CHECKED})
            continue
        latest = max(measured, key=lambda check: check.measured_at)
        answer = {
            "score": mean([getattr(check, criterion) for check in measured]),
            "pages_measured": len(measured),
            "last_measured_at": timezone.localtime(latest.measured_at),
            "tool": latest.tool,
        }
        if criterion == "accessibility":
            answer["failed_audits"] = sorted({audit for check in measured for audit in check.failed_audits})
        result.append(answer)
    return result


def assess(unit, period):
    summary = figures.summaries([unit], period.start, period.end)[0]
    checks = completeness.measure([unit])[unit.pk]
    found = summary.searches - summary.empty_searches
    timeliness = mean([summary.quota_rate, summary.deadline_rate, summary.question_rate])
    accessibility, performance = lab_checks(unit, period)
    return {
        "site": {"code": unit.code, "name": unit.display_name, "kind": unit.kind, "hostname": unit.hostname},
        "period": {"key": period.key, "label": period.label, "start": period.start, "end": period.end},
        "method": "docs/compliance.md",
        # The criteria measured for every site: completeness and timeliness (usage describes, it does not rank).
        "score": mean([completeness.score(checks), timeliness]),
        "completeness": {
            "score": completeness.score(checks),
            "required": [completeness.CHECKS[check] for check in checks],
            "missing": completeness.gaps(checks),
        },
        "timeliness": {
            "score": timeliness,
            "update_frequency": {
                "days_required": summary.quota_days,
                "days_met": summary.quota_met_days,
                "rate": summary.quota_rate,
                "items_published": summary.published,
            },
            "deadlines": {
                "items": summary.deadline_items,
                "missed": summary.deadline_missed,
                "rate": summary.deadline_rate,
            },
            # Quy chế Art. 13.1.e: routed within 2 working days, answered within 15 (docs/compliance.md).
            "questions": {
                "score": summary.question_rate,
                "received": summary.questions_received,
                "routed_on_time": summary.questions_routed_on_time,
                "route_missed": summary.questions_route_missed,
                "answered_on_time": summary.questions_answered_on_time,
                "answer_missed": summary.questions_answer_missed,
            },
        },
        # Lab measurements of chosen pages, not of every site every day: reported, not part of `score`.
        "accessibility": accessibility,
        "performance": performance,
        "usage": {
            "score": figures.percent(found, summary.searches),
            "searches": summary.searches,
            "searches_without_results": summary.empty_searches,
            # Counted by the portal itself, cached pages included (compliance/pageviews.py).
            "page_views": summary.page_views,
            # Decree 224 Art. 10: citizens' ratings of the site's pages, the mean of each aspect from 1 to 5.
            "ratings": {"count": summary.ratings, **summary.rating_means},
            # Quy chế Art. 4.3: citizens' comments on the site's drafts, received and approved for publication.
            "draft_comments": {"received": summary.comments_received, "approved": summary.comments_approved},
        },
    }
