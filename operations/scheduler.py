"""The portal's clock (`manage.py run_scheduler`): each periodic job at its time in Asia/Ho_Chi_Minh, once.

A job has a schedule (`latest_slot`: the most recent moment at or before now when it was due) and a run. It is due
when that slot is later than the last slot it completed, so a slot that passed while no scheduler ran (a restart,
a deploy) runs once when one starts again, never once per missed slot. A failed run keeps its slot open and is
tried again after RETRY_AFTER; one job's failure never stops the others in the same tick.

Several nodes may run the scheduler: each job runs under a PostgreSQL advisory lock and checks again, inside the
lock, that its slot is still open, so two nodes never run the same job at once nor the same slot twice. SQLite has
no such lock: run one scheduler only (docs/operator-guide.md).
"""

import io
import time as monotonic_clock
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from compliance import pageviews
from sites.working_time import HANOI, is_working_day
from syndication import actions as syndication

from .models import JobState

RETRY_AFTER = timedelta(minutes=5)
# The first key of our advisory locks: another application's locks on the same database never collide with ours.
LOCK_NAMESPACE = 17017


def every_pass(now):
    """Each pass of the scheduler (every --interval seconds): a page scheduled for 08:00 is live seconds after it,
    as with the loop this scheduler replaced, not up to a minute later."""
    return now


def every_minute(now):
    return now.astimezone(HANOI).replace(second=0, microsecond=0)


def every_hour(now):
    return now.astimezone(HANOI).replace(minute=0, second=0, microsecond=0)


def daily_at(at, working_days_only=False):
    """The latest `at` (Hanoi time) at or before now, on a working day if asked (weekends, holidays, Tết skipped)."""

    def latest_slot(now):
        day = now.astimezone(HANOI).date()
        # Tết and the weekends around it close at most about ten days in a row; a month back is always enough.
        for _ in range(31):
            slot = datetime.combine(day, at, HANOI)
            if slot <= now and (is_working_day(day) or not working_days_only):
                return slot
            day -= timedelta(days=1)
        return None

    return latest_slot


def command_output(name, *args):
    """Run a management command; its last line of output is the run's result for the operator."""
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out, verbosity=1)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def publish_scheduled(now):
    # Wagtail's own command publishes what is due (go-live) and unpublishes what has expired.
    call_command("publish_scheduled", verbosity=0)
    # Syndicated copies accepted for a later time: found by search and fresh in the API from now on.
    announced = syndication.announce_due()
    return f"Đã xử lý các trang hẹn giờ; {announced} bài chia sẻ đến giờ hiển thị."


def flush_page_views(now):
    return f"Đã ghi {pageviews.flush(now)} lượt xem trang."


def remind_questions(now):
    return command_output("remind_questions")


def compute_compliance_nightly(now):
    # Yesterday becomes final (its evening items, its missed deadlines), and today starts.
    return command_output("compute_compliance")


def compute_compliance_today(now):
    return command_output("compute_compliance", "--since", now.astimezone(HANOI).date().isoformat())


def backup(now):
    return command_output("backup")


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    schedule: str
    latest_slot: object
    run: object


def jobs():
    """The jobs this installation runs; the backup only when the operator set PORTAL_BACKUP_AT."""
    result = [
        Job(
            "publish_scheduled",
            "Xuất bản, gỡ xuống theo giờ hẹn",
            "mỗi lần xem giờ (30 giây)",
            every_pass,
            publish_scheduled,
        ),
        Job("page_views", "Ghi lượt xem trang vào cơ sở dữ liệu", "mỗi phút", every_minute, flush_page_views),
        Job(
            "remind_questions",
            "Nhắc Ban Biên tập câu hỏi sắp đến hạn",
            "07:30 các ngày làm việc",
            daily_at(time(7, 30), working_days_only=True),
            remind_questions,
        ),
        Job(
            "compute_compliance",
            "Tính số liệu đánh giá hôm qua và hôm nay",
            "00:30 hằng ngày",
            daily_at(time(0, 30)),
            compute_compliance_nightly,
        ),
        Job(
            "compute_compliance_today",
            "Cập nhật số liệu đánh giá hôm nay",
            "đầu mỗi giờ",
            every_hour,
            compute_compliance_today,
        ),
    ]
    if settings.PORTAL_BACKUP_AT:
        at = time.fromisoformat(settings.PORTAL_BACKUP_AT)
        result.append(Job("backup", "Sao lưu toàn bộ Cổng", f"{at:%H:%M} hằng ngày", daily_at(at), backup))
    return result


@contextmanager
def job_lock(name):
    """True when this process holds the job's lock (PostgreSQL: a session advisory lock, released at the end or
    when the connection drops); always True elsewhere (one scheduler only)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(name.encode()) - 2**31  # PostgreSQL's int4
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, key])


def is_due(state, slot, now):
    if slot is None or (state.done_slot is not None and state.done_slot >= slot):
        return False
    failed_lately = state.last_ok is False and state.last_slot == slot and now < state.last_started_at + RETRY_AFTER
    return not failed_lately


def run_if_due(job, now, state=None):
    """Run the job if its latest slot is still open; returns the JobState after, or None when it did not run."""
    slot = job.latest_slot(now)
    state = state or JobState.objects.filter(name=job.name).first() or JobState(name=job.name)
    if not is_due(state, slot, now):
        return None
    with job_lock(job.name) as held:
        if not held:
            return None  # another node runs it now
        # Read again under the lock: another node may have just finished this slot.
        state = JobState.objects.filter(name=job.name).first() or JobState(name=job.name)
        if not is_due(state, slot, now):
            return None
        started = monotonic_clock.monotonic()
        try:
            message, ok = job.run(now), True
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried, the other jobs still run
            message, ok = f"{type(error).__name__}: {error}", False
        state.last_slot, state.last_started_at, state.last_ok = slot, now, ok
        state.last_duration = timedelta(seconds=monotonic_clock.monotonic() - started)
        state.last_message = str(message)[:2000]
        if ok:
            state.done_slot, state.last_success_at = slot, now
        state.save()
        return state


def tick(now=None):
    """One pass: every job whose slot is open runs, in order; returns the JobState of each that ran."""
    now = now or timezone.now()
    states = {state.name: state for state in JobState.objects.all()}
    ran = (run_if_due(job, now, states.get(job.name)) for job in jobs())
    return [state for state in ran if state is not None]
