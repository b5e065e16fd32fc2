"""The scheduler runs each job at its time in Hanoi, once, across Tết and several nodes, and publishes what is due."""

import threading
import time
from datetime import datetime, timedelta

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from compliance.models import DailyFigure
from home.models import ArticlePage, SectionPage
from operations import scheduler
from operations.models import JobState
from sites.working_time import HANOI

from .conftest import DONG_DA, refused

pytestmark = pytest.mark.django_db


def schedule(unit, title, go_live_at):
    news = SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")
    page = news.add_child(instance=ArticlePage(title=title, author="A", source_agency="B", live=False))
    page.go_live_at = go_live_at
    page.save_revision(approved_go_live_at=go_live_at).publish()
    return page


def test_one_scheduler_pass_publishes_what_is_due_and_nothing_else(unit):
    due = schedule(unit(DONG_DA), "Đến giờ xuất bản", timezone.now() + timedelta(seconds=1))
    later = schedule(unit(DONG_DA), "Ngày mai mới xuất bản", timezone.now() + timedelta(days=1))
    assert not ArticlePage.objects.get(pk=due.pk).live

    time.sleep(1.5)
    call_command("run_scheduler", "--once")

    assert ArticlePage.objects.get(pk=due.pk).live
    assert not ArticlePage.objects.get(pk=later.pk).live


# ------------------------------------------------------------------------------------------- the clock over Tết
# February 2026: Tết from Monday 16 to Friday 20; Friday 13 is the last working day before it and Monday 23 the
# first after it (Saturday 21 and Sunday 22 are a weekend).


def at(day, hour, minute=0):
    return datetime(2026, 2, day, hour, minute, tzinfo=HANOI)


@pytest.fixture
def recorded(monkeypatch, settings):
    """Every job replaced by one that notes when it ran (Hanoi time); the backup configured for 02:00."""
    settings.PORTAL_BACKUP_AT = "02:00"
    runs = {}
    names = ("publish_scheduled", "flush_page_views", "remind_questions", "compute_compliance_nightly")
    for name in (*names, "compute_compliance_today"):
        monkeypatch.setattr(scheduler, name, lambda now, name=name: runs.setdefault(name, []).append(now) or "xong")
    monkeypatch.setattr(scheduler, "backup", lambda now: runs.setdefault("backup", []).append(now) or "xong")
    return runs


def drive(start, end, step=timedelta(minutes=5)):
    now = start
    while now <= end:
        scheduler.tick(now)
        now += step


def test_over_tet_each_job_runs_at_its_time_and_reminders_wait_for_the_next_working_day(recorded):
    drive(at(13, 6, 55), at(23, 8, 5))

    # Started at 06:55 on Friday 13: Thursday's 07:30 reminder had not been sent, so it goes once at start; then
    # Friday's, and nothing over Tết and the weekend until Monday 23.
    assert recorded["remind_questions"] == [at(13, 6, 55), at(13, 7, 30), at(23, 7, 30)]
    # The nightly figures at 00:30 every day, holidays included (the city's quota runs on holidays too).
    assert recorded["compute_compliance_nightly"] == [at(13, 6, 55)] + [at(day, 0, 30) for day in range(14, 24)]
    assert recorded["backup"] == [at(13, 6, 55)] + [at(day, 2) for day in range(14, 24)]
    # Today's figures at the top of every hour: the 24 hours of the second day of Tết, for one.
    assert [moment.hour for moment in recorded["compute_compliance_today"] if moment.day == 17] == list(range(24))
    assert all(moment.minute == 0 for moment in recorded["compute_compliance_today"][1:])
    # Scheduled publishing on every pass: the clock moved 5 minutes at a time, each a new minute: 10 days of 288
    # passes, 14 more from 06:55 to 08:05, and the first.
    assert len(recorded["publish_scheduled"]) == len(set(recorded["publish_scheduled"])) == 2895


def test_a_failing_job_is_recorded_retried_after_five_minutes_and_never_stops_the_others(recorded, monkeypatch):
    attempts = []

    def unreachable_mail_server(now):
        attempts.append(now)
        if len(attempts) == 1:
            raise ConnectionRefusedError("máy chủ thư không trả lời")
        return "Đã gửi nhắc cho 3 trang (7 câu hỏi)."

    scheduler.tick(at(23, 7, 25))  # the first start: every job catches up, Friday 13's reminder included
    monkeypatch.setattr(scheduler, "remind_questions", unreachable_mail_server)
    ran = {state.name: state for state in scheduler.tick(at(23, 7, 30))}

    assert set(ran) == {"publish_scheduled", "page_views", "remind_questions"}
    failed = JobState.objects.get(name="remind_questions")
    assert (failed.last_ok, failed.last_message) == (False, "ConnectionRefusedError: máy chủ thư không trả lời")
    assert recorded["publish_scheduled"][-1] == at(23, 7, 30)

    scheduler.tick(at(23, 7, 33))  # too soon to try again
    scheduler.tick(at(23, 7, 36))
    scheduler.tick(at(23, 7, 40))  # done: not sent twice
    assert attempts == [at(23, 7, 30), at(23, 7, 36)]
    done = JobState.objects.get(name="remind_questions")
    assert (done.last_ok, done.last_success_at, done.last_message) == (
        True,
        at(23, 7, 36),
        "Đã gửi nhắc cho 3 trang (7 câu hỏi).",
    )


def test_the_operator_reads_each_jobs_last_run_in_vietnamese_and_an_editor_cannot(recorded, login, member_of):
    scheduler.tick(at(23, 7, 30))
    operator = get_user_model().objects.create_superuser("van-hanh", password="x")
    page = login(operator).get(reverse("portal_scheduler"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nhắc Ban Biên tập câu hỏi sắp đến hạn" in text and "07:30 các ngày làm việc" in text
    assert "07:30 23/02/2026" in text and "Thành công" in text
    assert "Sao lưu toàn bộ Cổng" in text and "02:00 hằng ngày" in text
    assert refused(login(member_of(DONG_DA, "site_admin")).get(reverse("portal_scheduler")))


def test_the_real_jobs_run_once_and_leave_their_figures(unit):
    call_command("run_scheduler", "--once")
    states = {state.name: state for state in JobState.objects.all()}
    assert set(states) == {
        "publish_scheduled",
        "page_views",
        "remind_questions",
        "compute_compliance",
        "compute_compliance_today",
    }
    assert all(state.last_ok for state in states.values()), [state.last_message for state in states.values()]
    assert states["compute_compliance"].last_message.startswith("Đã tính 284 dòng số liệu")
    assert DailyFigure.objects.filter(unit=unit(DONG_DA), day=timezone.localdate()).exists()


# ------------------------------------------------------------------------------------------ two nodes, one run


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite: one scheduler only (no advisory locks)")
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_on_postgresql_never_run_the_same_job_twice():
    runs = []

    def slow_publication(now):
        runs.append(now)
        time.sleep(1)
        return "xong"

    job = scheduler.Job("publish_scheduled", "Xuất bản", "mỗi phút", scheduler.every_minute, slow_publication)
    start = threading.Barrier(2)
    nine_o_ten = datetime(2026, 2, 23, 9, 0, 10, tzinfo=HANOI)  # ten seconds into the minute
    results = []

    def node():
        try:
            start.wait()
            results.append(scheduler.run_if_due(job, nine_o_ten))
        finally:
            connection.close()

    nodes = [threading.Thread(target=node) for _ in range(2)]
    for thread in nodes:
        thread.start()
    for thread in nodes:
        thread.join()

    assert runs == [nine_o_ten]
    assert sum(result is not None for result in results) == 1
    # Later in the same minute a third pass finds the slot done; the next minute runs again.
    assert scheduler.run_if_due(job, nine_o_ten + timedelta(seconds=30)) is None
    assert scheduler.run_if_due(job, at(23, 9, 1)) is not None
    assert len(runs) == 2
