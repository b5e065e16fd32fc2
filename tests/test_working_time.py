"""Waiting times and deadlines count working hours only: no weekends, no public holidays, no Tết."""

from datetime import datetime

from sites.working_time import HANOI, add_working_days, describe_wait, is_working_day, working_days_and_hours


def at(y, m, d, h=0, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=HANOI)


def test_a_full_office_day_counts_as_one_working_day():
    assert working_days_and_hours(at(2026, 11, 23, 8), at(2026, 11, 23, 17)) == (1, 0)


def test_the_lunch_break_and_the_night_do_not_count():
    assert working_days_and_hours(at(2026, 11, 23, 11), at(2026, 11, 23, 14)) == (0, 2)
    assert working_days_and_hours(at(2026, 11, 25, 16), at(2026, 11, 26, 9)) == (0, 2)


def test_a_weekend_is_not_waiting_time():
    friday_afternoon, monday_morning = at(2026, 11, 20, 15), at(2026, 11, 23, 10)
    assert working_days_and_hours(friday_afternoon, monday_morning) == (0, 4)


def test_tet_is_not_waiting_time():
    # Tết Đinh Mùi: 4 to 10 February 2027 are public holidays; 11 February is the first working day back.
    assert not is_working_day(at(2027, 2, 8).date())
    before_tet, after_tet = at(2027, 2, 3, 17), at(2027, 2, 11, 17)
    assert working_days_and_hours(before_tet, after_tet) == (1, 0)


def test_vietnam_cultural_day_is_a_holiday():
    assert not is_working_day(at(2026, 11, 24).date())


def test_a_two_working_day_deadline_skips_the_weekend():
    assert add_working_days(at(2026, 11, 19, 10), 2) == at(2026, 11, 23, 10)


def test_a_wait_reads_in_vietnamese_and_skips_the_holiday_in_between():
    assert describe_wait(at(2026, 11, 23, 8), at(2026, 11, 25, 11)) == "1 ngày làm việc 3 giờ"
