"""Working time in Hanoi: the clock that Quy chế Art. 13.1 deadlines and board waiting times run on.

Working days skip Saturdays, Sundays and Vietnamese public holidays (Tết included, from the `holidays`
package). A working day counts its office hours, 08:00-12:00 and 13:00-17:00, Asia/Ho_Chi_Minh.
"""

from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE_HOURS = ((time(8), time(12)), (time(13), time(17)))
HOURS_PER_DAY = 8


@lru_cache(maxsize=32)
def _holidays(year):
    return holidays.country_holidays("VN", years=year)


def is_working_day(day):
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_seconds(start, end):
    """Office seconds between two aware datetimes, counted on working days only."""
    start, end = start.astimezone(HANOI), end.astimezone(HANOI)
    total = 0.0
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            for opens, closes in OFFICE_HOURS:
                window_start = max(start, datetime.combine(day, opens, HANOI))
                window_end = min(end, datetime.combine(day, closes, HANOI))
                total += max(0.0, (window_end - window_start).total_seconds())
        day += timedelta(days=1)
    return total


def working_days_and_hours(start, end):
    """(days, hours) of working time waited: 8 office hours make one working day."""
    hours = int(working_seconds(start, end) // 3600)
    return divmod(hours, HOURS_PER_DAY)


def describe_wait(start, end):
    days, hours = working_days_and_hours(start, end)
    if days and hours:
        return f"{days} ngày làm việc {hours} giờ"
    if days:
        return f"{days} ngày làm việc"
    return f"{hours} giờ làm việc"


def add_working_days(start, days):
    """The moment `days` working days after `start`: a deadline such as Art. 13.1's "within 2 working days"."""
    remaining = days * HOURS_PER_DAY * 3600
    moment = start.astimezone(HANOI)
    while True:
        day = moment.date()
        if is_working_day(day):
            for opens, closes in OFFICE_HOURS:
                window_start = max(moment, datetime.combine(day, opens, HANOI))
                window_end = datetime.combine(day, closes, HANOI)
                available = (window_end - window_start).total_seconds()
                if available <= 0:
                    continue
                if remaining <= available:
                    return window_start + timedelta(seconds=remaining)
                remaining -= available
        moment = datetime.combine(day + timedelta(days=1), time(0), HANOI)
