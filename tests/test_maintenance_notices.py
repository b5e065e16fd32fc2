"""Planned downtime (Decree 224/2026 Art. 13): announced on every site and in the API at least 7 working days ahead;
while it lasts, the admin and public forms pause and the public keeps reading."""

from datetime import datetime

import pytest
import time_machine

from django.urls import reverse

from wagtail.models import ModelLogEntry

from operations.models import MaintenanceWindow
from sites.working_time import HANOI

from .api_content import fresh_api_cache  # noqa: F401
from .conftest import CITY, DONG_DA, refused

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, 09:00 in Hanoi: 7 working days later is Friday 11 December, 09:00.
MONDAY_MORNING = datetime(2026, 12, 2, 9, 0, tzinfo=HANOI)
START, END = datetime(2026, 12, 14, 22, 0, tzinfo=HANOI), datetime(2026, 12, 15, 2, 0, tzinfo=HANOI)
PERIOD = "từ 22:00 ngày 14/12/2026 đến 02:00 ngày 15/12/2026"
ADD_URL = reverse("maintenance_windows:add")


@pytest.fixture
def operator(member_of):
    return member_of(CITY, "operator")


@pytest.fixture
def window(db):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        return MaintenanceWindow.objects.create(starts_at=START, ends_at=END, message="Nâng cấp máy chủ cơ sở dữ liệu.")


def form(starts_at, ends_at="15/12/2026 02:00", **extra):
    return {"starts_at": starts_at, "ends_at": ends_at, "message": "Nâng cấp máy chủ cơ sở dữ liệu.", **extra}


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_an_operator_is_refused_a_window_announced_less_than_7_working_days_ahead(login, operator):
    client = login(operator)
    response = client.post(ADD_URL, form("10/12/2026 22:00", "11/12/2026 02:00"))
    assert response.status_code == 200
    assert "Phải thông báo trước ít nhất 7 ngày làm việc" in response.text
    assert "sớm nhất là 09:00 ngày 11/12/2026" in response.text
    assert not MaintenanceWindow.objects.exists()

    assert client.post(ADD_URL, form("14/12/2026 22:00")).status_code == 302
    window = MaintenanceWindow.objects.get()
    assert (window.starts_at, window.ends_at, window.created_by) == (START, END, operator)


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_an_emergency_window_needs_a_reason_and_goes_into_the_audit_log(login, operator):
    client = login(operator)
    response = client.post(ADD_URL, form("02/12/2026 22:00", "02/12/2026 23:00", is_emergency="on"))
    assert "Lịch bảo trì khẩn cấp phải ghi rõ lý do." in response.text
    assert not MaintenanceWindow.objects.exists()

    reason = "Vá lỗ hổng bảo mật nghiêm trọng của máy chủ web."
    client.post(ADD_URL, form("02/12/2026 22:00", "02/12/2026 23:00", is_emergency="on", emergency_reason=reason))
    window = MaintenanceWindow.objects.get()
    entry = ModelLogEntry.objects.get(action="portal_operations.emergency_maintenance", object_id=str(window.pk))
    assert entry.user == operator
    assert entry.data["reason"] == reason


def test_only_operators_reach_the_maintenance_screen(login, member_of, window):
    for role in ("editor", "site_admin", "board_head"):
        client = login(member_of(DONG_DA, role))
        assert refused(client.get(reverse("maintenance_windows:index")))
        assert refused(client.post(ADD_URL, form("14/12/2026 22:00")))
    assert MaintenanceWindow.objects.count() == 1


def test_every_site_shows_the_notice_from_the_day_it_is_scheduled_until_the_window_ends(client, window):
    banner = f"Bảo trì hệ thống {PERIOD}."
    for moment, shown in ((MONDAY_MORNING, True), (START, True), (END, False)):
        with time_machine.travel(moment, tick=False):
            for host in ("localhost", "dongda.localhost", "xasocson.localhost"):
                response = client.get("/", HTTP_HOST=host)
                assert response.status_code == 200
                assert (banner in response.text) is shown, (moment, host)
                assert ("Nâng cấp máy chủ cơ sở dữ liệu." in response.text) is shown


def test_the_api_announces_a_new_window_at_once_although_its_responses_are_cached(client, fresh_api_cache):  # noqa: F811
    with time_machine.travel(MONDAY_MORNING):  # the clock runs: the API's cache stamps are times
        before = client.get("/api/v2/sites/", HTTP_HOST="dongda.localhost")
        assert before.json()["meta"]["maintenance"] is None
        assert "X-Portal-Maintenance" not in before

        MaintenanceWindow.objects.create(starts_at=START, ends_at=END, message="Nâng cấp máy chủ cơ sở dữ liệu.")
        after = client.get("/api/v2/sites/", HTTP_HOST="dongda.localhost")
        assert after.json()["meta"]["maintenance"] == {
            "starts_at": "2026-12-14T22:00:00+07:00",
            "ends_at": "2026-12-15T02:00:00+07:00",
            "in_progress": False,
            "period": PERIOD,
            "message": "Nâng cấp máy chủ cơ sở dữ liệu.",
            "emergency": False,
        }
        pages = client.get("/api/v2/pages/", HTTP_HOST="dongda.localhost")
        assert pages["X-Portal-Maintenance"] == "2026-12-14T22:00:00+07:00/2026-12-15T02:00:00+07:00"


def test_during_the_window_staff_get_a_vietnamese_503_while_operators_work_and_citizens_read(
    login, member_of, operator, window
):
    editor = member_of(DONG_DA, "editor")
    with time_machine.travel(datetime(2026, 12, 15, 1, 0, tzinfo=HANOI), tick=False):
        client = login(editor)
        for response in (client.get("/admin/"), client.post(reverse("wagtailadmin_pages:add_subpage", args=[3]))):
            assert response.status_code == 503
            assert response["Retry-After"] == "3600"
            assert "Hệ thống đang bảo trì" in response.text
            assert PERIOD in response.text
        assert client.get(reverse("wagtailadmin_login")).status_code in (200, 302)

        assert client.get("/", HTTP_HOST="dongda.localhost").status_code == 200
        assert client.get("/api/v2/pages/", HTTP_HOST="dongda.localhost").status_code == 200
        assert client.get("/tim-kiem/", {"q": "lễ hội"}, HTTP_HOST="dongda.localhost").status_code == 200
        form_post = client.post("/", {"ten": "Nguyễn Văn A"}, HTTP_HOST="dongda.localhost")
        assert form_post.status_code == 503
        assert "Việc gửi thông tin và trang quản trị tạm ngừng" in form_post.text

        assert login(operator).get("/admin/").status_code == 200
