"""The rules measured, each with its source: Quy chế Art. 13.1 (deadlines) and 13.2 (update frequency).

Working days come from sites/working_time.py only (weekends, Vietnamese public holidays, Tết).
"""

import re
from datetime import time, timedelta

from anyascii import anyascii

from sites.models import Unit
from sites.working_time import HANOI, is_working_day

from .models import DeadlineItem

MORNING, AFTERNOON, EVENING = "morning", "afternoon", "evening"
PART_LABELS = {MORNING: "buổi sáng", AFTERNOON: "buổi chiều", EVENING: "buổi tối"}
# Art. 13.2: "đầu giờ làm việc buổi sáng", "đầu giờ làm việc buổi chiều", "buổi tối ngoài giờ làm việc".
# Before noon is the morning, from noon to the end of office hours (17:00) the afternoon, after it the evening.
NOON, OFFICE_CLOSES = time(12), time(17)

# Art. 13.1: working days from the item's own date to its publication.
LIMITS = {
    DeadlineItem.Kind.GUIDANCE: 2,  # b) tuyên truyền, hướng dẫn thực hiện pháp luật
    DeadlineItem.Kind.LEGAL_ISSUER: 2,  # c) văn bản, đối với cơ quan ban hành
    DeadlineItem.Kind.LEGAL_SCOPE: 5,  # c) văn bản, đối với các cơ quan thuộc phạm vi điều chỉnh
    DeadlineItem.Kind.PLAN: 10,  # d) chiến lược, quy hoạch, kế hoạch, dự án, đầu tư, đấu thầu
    DeadlineItem.Kind.STATISTICS: 10,  # g) thông tin, báo cáo thống kê
}


def part_of_day(moment):
    """Which part of its Hanoi day a publication falls in."""
    local = moment.astimezone(HANOI).time()
    if local < NOON:
        return MORNING
    return AFTERNOON if local < OFFICE_CLOSES else EVENING


def quota(kind, day):
    """(items required, parts of the day each needing one) on `day`, or None when no quota applies (Art. 13.2).

    The city portal: at least 3 a day, morning, afternoon and evening, holidays included. A component site: at
    least 2 per working day, morning and afternoon (weekends and holidays are encouraged, not required).
    """
    if kind == Unit.Kind.CITY:
        return 3, (MORNING, AFTERNOON, EVENING)
    if is_working_day(day):
        return 2, (MORNING, AFTERNOON)
    return None


def quota_met(kind, day, parts):
    """True, False, or None (no quota that day), from {part: items} of one site's day."""
    rule = quota(kind, day)
    if rule is None:
        return None
    required, needed_parts = rule
    return sum(parts.values()) >= required and all(parts.get(part, 0) for part in needed_parts)


def missing_today(kind, day, parts):
    """What the site still needs on `day`: [(part, label)] of the parts with nothing yet, and items short overall."""
    rule = quota(kind, day)
    if rule is None:
        return [], 0
    required, needed_parts = rule
    return [part for part in needed_parts if not parts.get(part, 0)], max(0, required - sum(parts.values()))


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (dates): issued Monday, published Wednesday -> 2."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def _words(text):
    return " " + re.sub(r"[^a-z0-9]+", " ", anyascii(text or "").lower()).strip() + " "


def issued_by(unit, issuing_body):
    """Whether a document's issuing body is this unit ("UBND phường Cầu Giấy" on Cầu Giấy's site)."""
    names = [unit.name] + ([unit.short_name] if unit.kind == Unit.Kind.CITY and unit.short_name else [])
    body = _words(issuing_body)
    return any(_words(name).strip() and _words(name) in body for name in names)


def legal_kind(unit, document_type, issuing_body):
    if document_type == "huong_dan":
        return DeadlineItem.Kind.GUIDANCE
    return DeadlineItem.Kind.LEGAL_ISSUER if issued_by(unit, issuing_body) else DeadlineItem.Kind.LEGAL_SCOPE
