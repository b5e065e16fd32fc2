"""The compliance dashboard in Chromium: the operator's ranking of 142 sites, Đống Đa's board head's and site
admin's own site with its citizens' questions and ratings, and the operator's scheduled jobs."""

import pytest

from .conftest import PASSWORD, run_in_portal
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

# Half a year of figures for every site (Đống Đa misses a few quota days, one deadline and some questions'
# deadlines; citizens rate its pages), an operator and Đống Đa's site admin.
HISTORY = f"""
from datetime import date, timedelta
from django.contrib.auth import get_user_model
from compliance.compute import roll_up_months
from compliance.models import DailyFigure, DeadlineItem
from home.models import ArticlePage, SectionPage
from sites.models import Unit
from sites.working_time import is_working_day
User = get_user_model()
if not User.objects.filter(username="vanhanh.compliance").exists():
    operator = User.objects.create_user("vanhanh.compliance", password="{PASSWORD}")
    operator.groups.add(Unit.objects.get(code="01").roles.get(role="operator").group)
    admin = User.objects.create_user("quantri.dongda.sodanhgia", password="{PASSWORD}")
    admin.groups.add(Unit.objects.get(code="00235").roles.get(role="site_admin").group)
rows = []
for unit in Unit.objects.all():
    for index in range(150):
        day = date(2026, 6, 1) + timedelta(days=index)
        working = is_working_day(day)
        met = None if unit.kind != "city" and not working else (index + unit.pk) % (3 + unit.pk % 7) != 0
        rated = index % 3
        rows.append(DailyFigure(unit=unit, day=day, working_day=working, published=2 + (index % 3), quota_met=met,
                                searches=index % 11, empty_searches=index % 3, completeness=40 + unit.pk % 61,
                                questions_received=index % 2, questions_routed_on_time=index % 4 == 0,
                                questions_route_missed=index % 17 == 0, questions_answered_on_time=index % 5 == 0,
                                questions_answer_missed=index % 23 == 0, ratings=rated, rating_interface=4 * rated,
                                rating_content=5 * rated, rating_quality=3 * rated, rating_support=4 * rated,
                                comments_received=index % 4, comments_approved=index % 4 // 2))
DailyFigure.objects.filter(day__gte=date(2026, 6, 1)).delete()
DailyFigure.objects.bulk_create(rows, batch_size=5000)
dong_da = Unit.objects.select_related("site").get(code="00235")
news = SectionPage.objects.child_of(dong_da.site.root_page).get(section_key="news")
page = news.add_child(instance=ArticlePage(title="Quyết định phê duyệt kế hoạch chỉnh trang hồ Văn Chương",
                                           author="Văn phòng", source_agency="UBND phường Đống Đa"))
DeadlineItem.objects.create(unit=dong_da, page=page, kind="legal_issuer", title=page.title,
                            own_date=date(2026, 10, 5), published_on=date(2026, 10, 12), delay=5, limit=2)
DailyFigure.objects.filter(unit=dong_da, day=date(2026, 10, 12)).update(deadline_items=1, deadline_missed=1)
roll_up_months(list(Unit.objects.values_list("pk", flat=True)), date(2026, 6, 1), date(2026, 12, 31))
print("ok")
"""


def test_the_operator_ranks_every_site_and_a_ward_board_head_sees_its_own(portal_server, browser):
    assert run_in_portal(portal_server, HISTORY) == "ok"
    base = f"http://localhost:{portal_server['port']}"

    def session(username):
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base, username, portal_server["password"])
        return page

    operator = session("vanhanh.compliance")
    operator.goto(f"{base}/admin/danh-gia/?ky=2026-h2")
    assert operator.get_by_role("heading", name="Đánh giá hoạt động các trang", level=1).is_visible()
    assert "Phường Cầu Giấy" in operator.content() and "Sở Tài chính" in operator.content()
    operator.screenshot(path="var/screenshots/compliance-1-operator-ranking.png")
    operator.select_option("#loai", "ward")
    operator.get_by_role("button", name="Xem").click()
    operator.wait_for_url("**loai=ward**")
    assert "Sở Tài chính" not in operator.locator("table.listing").inner_text()
    operator.screenshot(path="var/screenshots/compliance-2-operator-wards.png")

    head = session("truongban.dongda")
    head.goto(f"{base}/admin/danh-gia/?ky=2026-h2")
    assert head.get_by_role("heading", name="Đánh giá hoạt động – Phường Đống Đa", level=1).is_visible()
    text = head.content()
    assert "Phường Đống Đa" in text and "Phường Cầu Giấy" not in text
    assert head.get_by_role("link", name="Quyết định phê duyệt kế hoạch chỉnh trang hồ Văn Chương").is_visible()
    assert head.get_by_role("img", name="Tỷ lệ ngày đạt tần suất cập nhật theo tháng").is_visible()
    head.screenshot(path="var/screenshots/compliance-3-ward-board-head.png", full_page=True)
    head.goto(f"{base}/admin/danh-gia/?ky=2026-h2&in=1")
    head.screenshot(path="var/screenshots/compliance-4-printable.png", full_page=True)

    admin = session("quantri.dongda.sodanhgia")
    admin.goto(f"{base}/admin/danh-gia/?ky=2026-h2")
    assert admin.get_by_role("heading", name="Câu hỏi của người dân (Quy chế Điều 13.1.e)").is_visible()
    assert admin.get_by_role("heading", name="Đánh giá của người dân về các trang").is_visible()
    comments = admin.get_by_role("heading", name="Góp ý dự thảo văn bản của người dân")
    assert comments.is_visible()
    assert "Phường Cầu Giấy" not in admin.content()
    admin.screenshot(path="var/screenshots/compliance-5-ward-admin-questions.png", full_page=True)
    comments.scroll_into_view_if_needed()
    admin.screenshot(path="var/screenshots/compliance-7-ward-admin-draft-comments.png")

    # The scheduler beside the portal (tests/browser/conftest.py) has run each job once by now.
    operator.goto(f"{base}/admin/tac-vu-dinh-ky/")
    assert operator.get_by_role("heading", name="Tác vụ định kỳ", level=1).is_visible()
    assert operator.get_by_role("cell", name="07:30 các ngày làm việc").is_visible()
    operator.screenshot(path="var/screenshots/compliance-6-scheduled-jobs.png", full_page=True)
