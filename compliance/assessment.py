"""The self-assessment of Decree 224/2026 Art. 12: completeness, timeliness, accessibility, performance, usage.

Each criterion has a score from 0 to 100, or None with the reason it cannot be measured yet; docs/compliance.md
gives the method. The numbers are the dashboard's (compliance/figures.py) for the same period.
"""

from . import completeness, figures

ACCESSIBILITY_REASON = (
    "Chưa đo: nền tảng chưa có kiểm tra tự động khả năng tiếp cận (WCAG 2.1 AA) của giao diện tham chiếu; "
    "điểm sẽ lấy từ các kiểm tra đó khi có."
)
PERFORMANCE_REASON = (
    "Chưa đo: nền tảng chỉ ghi thời gian xử lý từng yêu cầu vào nhật ký (JSON), chưa lưu theo từng trang để tổng "
    "hợp; điểm sẽ lấy từ thời gian phản hồi của máy chủ khi số liệu này được lưu."
)


def mean(values):
    values = [value for value in values if value is not None]
    return round(sum(values) / len(values)) if values else None


def assess(unit, period):
    summary = figures.summaries([unit], period.start, period.end)[0]
    checks = completeness.measure([unit])[unit.pk]
    found = summary.searches - summary.empty_searches
    timeliness = mean([summary.quota_rate, summary.deadline_rate, summary.question_rate])
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
        "accessibility": {"score": None, "reason": ACCESSIBILITY_REASON},
        "performance": {"score": None, "reason": PERFORMANCE_REASON},
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
