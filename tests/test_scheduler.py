"""The scheduler publishes what is due and leaves the rest waiting."""

import time
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from home.models import ArticlePage, SectionPage

from .conftest import DONG_DA

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
