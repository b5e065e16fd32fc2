"""The self-assessment (Decree 224/2026 Art. 12) as JSON for the national measurement platform, per site."""

from datetime import date, timedelta

import pytest

from compliance.compute import roll_up_months
from compliance.models import DailyFigure

from .conftest import CAU_GIAY, DONG_DA
from .test_api_contract import conforms

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"


@pytest.fixture
def year_2026(unit):
    dong_da = unit(DONG_DA)
    DailyFigure.objects.bulk_create(
        DailyFigure(
            unit=dong_da,
            day=date(2026, 3, 2) + timedelta(days=index),
            working_day=True,
            published=2,
            quota_met=index < 8,
            deadline_items=1 if index < 4 else 0,
            deadline_missed=1 if index == 0 else 0,
            searches=10,
            empty_searches=1,
        )
        for index in range(10)
    )
    DailyFigure.objects.create(unit=unit(CAU_GIAY), day=date(2026, 3, 2), working_day=True, quota_met=False)
    roll_up_months([dong_da.pk, unit(CAU_GIAY).pk], date(2026, 3, 1), date(2026, 3, 31))
    return dong_da


def test_a_site_publishes_its_scores_with_the_reasons_for_what_is_not_measured(client, year_2026):
    response = client.get("/api/v2/compliance/", {"period": "2026-h1"}, HTTP_HOST=DONGDA)
    assert response.status_code == 200
    data = response.json()
    assert data["site"] == {"code": DONG_DA, "name": "Phường Đống Đa", "kind": "ward", "hostname": DONGDA}
    assert data["period"] == {
        "key": "2026-h1",
        "label": "6 tháng đầu năm 2026",
        "start": "2026-01-01",
        "end": "2026-06-30",
    }
    timeliness = data["timeliness"]
    # 8 of 10 quota days, 3 of 4 deadlines met: (80 + 75) / 2.
    assert timeliness["update_frequency"] == {"days_required": 10, "days_met": 8, "rate": 80, "items_published": 20}
    assert timeliness["deadlines"] == {"items": 4, "missed": 1, "rate": 75}
    assert timeliness["score"] == 78
    # No citizen asked Đống Đa anything: no question deadline to count.
    assert timeliness["questions"] == {
        "score": None,
        "received": 0,
        "routed_on_time": 0,
        "route_missed": 0,
        "answered_on_time": 0,
        "answer_missed": 0,
    }
    # A provisioned ward has only its standard sections: every Decree 224 Art. 9 item is missing.
    assert data["completeness"]["score"] == 0
    assert "Người phát ngôn" in data["completeness"]["missing"]
    assert data["score"] == 39
    assert data["accessibility"]["score"] is None and "Lighthouse" in data["accessibility"]["reason"]
    assert data["performance"]["score"] is None and data["performance"]["reason"]
    assert data["usage"]["searches"] == 100 and data["usage"]["searches_without_results"] == 10
    assert data["usage"]["score"] == 90
    no_ratings = {"count": 0, "interface": None, "content": None, "quality": None, "support": None}
    assert data["usage"]["ratings"] == no_ratings


def test_a_site_sees_only_its_own_figures(client, year_2026):
    data = client.get("/api/v2/compliance/", {"period": "2026", "site": "caugiay.localhost"}).json()
    assert data["site"]["code"] == CAU_GIAY
    assert data["timeliness"]["update_frequency"]["days_required"] == 1
    assert data["timeliness"]["update_frequency"]["days_met"] == 0


def test_a_period_the_portal_does_not_know_is_refused_in_vietnamese(client):
    response = client.get("/api/v2/compliance/", {"period": "2026-q3"}, HTTP_HOST=DONGDA)
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["message"]
    assert client.get("/api/v2/compliance/", HTTP_HOST="khongco.localhost").status_code == 404


def test_the_answer_matches_its_openapi_schema(client, year_2026):
    response = client.get("/api/v2/compliance/", {"period": "2026"}, HTTP_HOST=DONGDA)
    body = conforms(client, response, "/api/v2/compliance/")
    assert list(body) == [
        "site", "period", "method", "score", "completeness", "timeliness", "accessibility", "performance", "usage",
    ]  # fmt: skip


def test_the_endpoint_is_described_in_the_openapi_document(client):
    document = client.get("/api/v2/openapi.json", HTTP_HOST=DONGDA).json()
    parameters = {p["name"] for p in document["paths"]["/api/v2/compliance/"]["get"]["parameters"]}
    assert parameters == {"site", "period"}
