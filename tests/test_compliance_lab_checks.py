"""Accessibility and performance in the self-assessment (Decree 224/2026 Art. 12): the operator records a Lighthouse
run's JSON reports with `manage.py record_site_checks`, and each site's /api/v2/compliance/ gives the mean score of
its pages checked in the period, with the accessibility audits they failed."""

import json

import pytest

from django.core.management import CommandError, call_command

from compliance.models import SiteCheck

from .test_api_contract import conforms

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"


def report(tmp_path, url, fetched, performance, accessibility, failed=(), name=None):
    """A Lighthouse JSON report as `lighthouse --output=json` writes it (the fields the command reads)."""
    audits = {"color-contrast": {"score": 0 if "color-contrast" in failed else 1}, "image-alt": {"score": 1}}
    audits.update({audit: {"score": 0} for audit in failed})
    data = {
        "lighthouseVersion": "12.8.2",
        "requestedUrl": url,
        "finalDisplayedUrl": url,
        "fetchTime": fetched,
        "categories": {
            "performance": {"score": performance},
            "accessibility": {"score": accessibility, "auditRefs": [{"id": audit} for audit in audits]},
        },
        "audits": audits,
    }
    path = tmp_path / (name or f"{len(list(tmp_path.iterdir()))}.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def assessment(client, period="2026-h2"):
    response = client.get("/api/v2/compliance/", {"period": period}, HTTP_HOST=DONGDA)
    assert response.status_code == 200
    conforms(client, response, "/api/v2/compliance/")
    return response.json()


def test_a_recorded_lighthouse_run_gives_the_ward_its_accessibility_and_performance(client, tmp_path):
    reports = [
        report(tmp_path, "http://dongda.localhost:8352/", "2026-12-06T03:00:00.000Z", 0.92, 1.0),
        report(
            tmp_path,
            "http://dongda.localhost:8352/tin-tuc-su-kien/",
            "2026-12-06T03:02:00.000Z",
            0.81,
            0.9,
            failed=["color-contrast"],
        ),
        report(tmp_path, "http://sotaichinh.localhost:8352/", "2026-12-06T03:05:00.000Z", 0.5, 0.8),
    ]
    call_command("record_site_checks", *reports, verbosity=0)
    call_command("record_site_checks", *reports, verbosity=0)  # recording a run twice changes nothing
    assert SiteCheck.objects.count() == 3

    data = assessment(client)
    assert data["accessibility"] == {
        "score": 95,
        "pages_measured": 2,
        "last_measured_at": "2026-12-06T10:02:00+07:00",
        "tool": "Lighthouse 12.8.2",
        "failed_audits": ["color-contrast"],
    }
    assert data["performance"]["score"] == 86 and data["performance"]["pages_measured"] == 2
    # A half-year in which nothing was checked says so, rather than showing an old figure as its own.
    earlier = assessment(client, period="2026-h1")
    assert earlier["accessibility"]["score"] is None and "Lighthouse" in earlier["accessibility"]["reason"]
    assert earlier["performance"]["score"] is None


def test_a_run_with_one_unusable_report_is_refused_whole_with_each_problem_named(tmp_path):
    good = report(tmp_path, "http://dongda.localhost:8352/", "2026-12-06T03:00:00Z", 0.9, 1.0)
    foreign = report(tmp_path, "https://example.com/", "2026-12-06T03:00:00Z", 0.9, 1.0, name="ngoai.json")
    broken = tmp_path / "hong.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("record_site_checks", good, foreign, str(broken), verbosity=0)
    message = str(refused.value)
    assert "ngoai.json: địa chỉ https://example.com/ không thuộc trang nào của Cổng" in message
    assert "hong.json: không đọc được tệp JSON" in message
    assert not SiteCheck.objects.exists()
