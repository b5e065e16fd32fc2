"""The audit log of one site and period as a spreadsheet: for the operating unit's reports, and for a site admin
about their own site only."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest
import time_machine

from django.urls import reverse

from wagtail.log_actions import log

from home.models import Notice
from sites.working_time import HANOI

from .conftest import CAU_GIAY, CITY, DONG_DA, refused

pytestmark = pytest.mark.django_db

EXPORT_URL = reverse("portal_audit_export")
HEADINGS = ["Thời điểm", "Thao tác", "Người thực hiện", "Loại đối tượng", "Đối tượng", "Mã đối tượng"]


@pytest.fixture
def history(unit, member_of):
    """Notices of Đống Đa and Cầu Giấy created in November and December 2026, each logged by its own editor."""
    made = {}
    for code in (DONG_DA, CAU_GIAY):
        editor = member_of(code, "editor")
        for month in (11, 12):
            title = f"Thông báo {unit(code).name} tháng {month}"
            with time_machine.travel(datetime(2026, month, 10, 14, 30, tzinfo=HANOI), tick=False):
                notice = Notice.objects.create(unit=unit(code), title=title)
                log(instance=notice, action="wagtail.create", user=editor)
            made[(code, month)] = title
    return made


def notices(labels):
    """The test's notices among the labels (provisioning logged the creation of every site's pages too)."""
    return sorted(label for label in labels if label.startswith("Thông báo "))


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_an_operator_exports_one_sites_november_as_csv_in_vietnamese_and_hanoi_time(login, member_of, unit, history):
    client = login(member_of(CITY, "operator"))
    november = {"timestamp_from": "01/11/2026", "timestamp_to": "30/11/2026"}
    rows = csv_rows(client.get(EXPORT_URL, {"unit": unit(DONG_DA).pk, "export": "csv", **november}))
    assert rows[0] == HEADINGS
    assert rows[1:] == [["10/11/2026 14:30", "Tạo", rows[1][2], "Thông báo chung", history[(DONG_DA, 11)], rows[1][5]]]

    every_site = csv_rows(client.get(EXPORT_URL, {"export": "csv", **november}))
    assert notices(row[4] for row in every_site) == sorted([history[(DONG_DA, 11)], history[(CAU_GIAY, 11)]])


def test_the_xlsx_export_has_vietnamese_headings_and_real_dates_in_hanoi_time(login, member_of, unit, history):
    client = login(member_of(CITY, "operator"))
    response = client.get(EXPORT_URL, {"unit": unit(CAU_GIAY).pk, "export": "xlsx"})
    assert response.status_code == 200
    assert f"nhat-ky-{CAU_GIAY}-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == HEADINGS
    by_title = {row[4].value: row[0] for row in rows[1:]}
    assert notices(by_title) == sorted([history[(CAU_GIAY, 11)], history[(CAU_GIAY, 12)]])
    assert not [title for title in by_title if "Đống Đa" in title]
    november = by_title[history[(CAU_GIAY, 11)]]
    assert november.value == datetime(2026, 11, 10, 14, 30)
    assert november.number_format == "dd/mm/yyyy hh:mm"


def test_a_site_admin_exports_their_own_site_and_never_another(login, member_of, unit, history):
    client = login(member_of(DONG_DA, "site_admin"))
    own = [row[4] for row in csv_rows(client.get(EXPORT_URL, {"export": "csv"}))[1:]]
    assert notices(own) == sorted([history[(DONG_DA, 11)], history[(DONG_DA, 12)]])
    assert "Phường Đống Đa" in own

    asked_for_cau_giay = [
        row[4] for row in csv_rows(client.get(EXPORT_URL, {"unit": unit(CAU_GIAY).pk, "export": "csv"}))
    ]
    assert not [label for label in asked_for_cau_giay if "Cầu Giấy" in label]


def test_editors_and_board_members_have_no_audit_export(login, member_of, history):
    for role in ("editor", "reviewer", "board_head"):
        assert refused(login(member_of(DONG_DA, role)).get(EXPORT_URL, {"export": "csv"}))
