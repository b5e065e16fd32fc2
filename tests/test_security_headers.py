"""Security headers: a strict CSP on the public sites and the API, report-only strict on the admin, the CSP report
endpoint, the admin only on its hostnames, Swagger UI from our own static files, and production's `check --deploy`."""

import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from .api_content import DONGDA, content  # noqa: F401
from .conftest import DONG_DA
from .test_public_fuzz import hostile_values

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CSP, CSP_REPORT_ONLY = "Content-Security-Policy", "Content-Security-Policy-Report-Only"
REPORT = reverse("csp_report")


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_a_public_page_forbids_inline_scripts_and_styles_and_foreign_frames_of_the_page_itself(content):  # noqa: F811
    response = Client().get(content["library"].url, HTTP_HOST=DONGDA)
    assert response.status_code == 200
    policy = directives(response[CSP])
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["report-uri"] == [REPORT]
    assert CSP_REPORT_ONLY not in response, "the public policy is enforced, not only reported"


INLINE_CODE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I),
    re.compile(r"\sstyle=\"", re.I),
    re.compile(r"\son[a-z]+=\"", re.I),
]


def test_no_public_page_carries_code_the_strict_policy_would_block(content, unit):  # noqa: F811
    home = unit(DONG_DA).site.root_page
    urls = [home.url, content["library"].url, content["decision"].url, content["library"].get_parent().url]
    urls += ["/tim-kiem/?q=thu+vien", "/khong-co-trang-nay/"]
    for url in urls:
        response = Client().get(url, HTTP_HOST=DONGDA)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        blocked = [match.group(0) for pattern in INLINE_CODE for match in pattern.finditer(html)]
        assert blocked == [], f"{url}: {blocked}"
        assert CSP in response


def test_the_api_answers_with_the_strict_policy_too(content):  # noqa: F811
    for url in ("/api/v2/pages/", "/api/search/?q=thu+vien"):
        response = Client().get(url, HTTP_HOST=DONGDA)
        assert response.status_code == 200
        assert "'unsafe-inline'" not in response[CSP]


def test_the_admin_enforces_a_relaxed_policy_and_reports_against_the_strict_one(member_of, login):
    response = login(member_of(DONG_DA, "editor")).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    enforced, reported = directives(response[CSP]), directives(response[CSP_REPORT_ONLY])
    assert "'unsafe-inline'" in enforced["script-src"], "Wagtail's inline scripts still run"
    assert "'unsafe-inline'" not in reported["script-src"] and "'unsafe-inline'" not in reported["style-src"]
    assert reported["report-uri"] == [REPORT]


# ---------------------------------------------------------------------------------------------- the admin's hostnames


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/pages/", "/admin/password_reset/"])
def test_a_wards_public_hostname_has_no_admin_not_even_a_login_form(path):
    response = Client().get(path, HTTP_HOST=DONGDA)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert 'name="password"' not in page and "wagtail" not in page.lower()
    assert "'unsafe-inline'" not in response[CSP]


def test_the_admin_answers_on_the_operators_hostnames_only():
    assert 'name="password"' in Client().get("/admin/login/", HTTP_HOST="localhost").content.decode()
    with override_settings(PORTAL_ADMIN_HOSTNAMES=["testserver"]):
        assert Client().get("/admin/login/", HTTP_HOST="localhost").status_code == 404
        assert Client().get("/admin/login/", HTTP_HOST="testserver").status_code == 200
        # The city's public pages stay on its hostname.
        assert Client().get("/", HTTP_HOST="localhost").status_code == 200


def test_a_login_post_to_a_wards_hostname_is_neither_answered_nor_counted(member_of):
    editor = member_of(DONG_DA, "editor")
    response = Client().post("/admin/login/", {"username": editor.username, "password": "sai"}, HTTP_HOST=DONGDA)
    assert response.status_code == 404
    assert not AccessAttempt.objects.exists()


# -------------------------------------------------------------------------------------------- the CSP report endpoint


def report(body, content_type="application/csp-report", **headers):
    return Client().post(REPORT, body, content_type=content_type, **headers)


VIOLATION = {
    "csp-report": {
        "document-uri": "https://dongda.hanoi.gov.vn/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
    }
}


def test_a_browsers_violation_report_is_logged_for_the_operator(caplog):
    cache.clear()
    with caplog.at_level(logging.WARNING, logger="security.csp"):
        assert report(json.dumps(VIOLATION)).status_code == 204
        reporting_api = [{"type": "csp-violation", "body": {"documentURL": "https://x/", "blockedURL": "eval"}}]
        assert report(json.dumps(reporting_api), "application/reports+json").status_code == 204
    logged = [record.getMessage() for record in caplog.records if record.name == "security.csp"]
    assert len(logged) == 2
    assert "script-src-elem" in logged[0] and "dongda.hanoi.gov.vn" in logged[0]
    assert "eval" in logged[1]


def test_junk_oversized_and_floods_are_refused_in_vietnamese_with_4xx():
    cache.clear()
    assert Client().get(REPORT).status_code == 405
    assert "chỉ nhận" in Client().get(REPORT).content.decode()
    for junk in [b"", "không phải JSON".encode(), b"[]", b"{}", b'{"csp-report": 1}', b"[1, 2]", b"\xff\xfe", b"null"]:
        response = report(junk)
        assert response.status_code == 400, junk
        assert "Không đọc được" in response.content.decode()
    big = {"csp-report": {"blocked-uri": "x" * 10_000}}
    assert report(json.dumps(big)).status_code == 413
    cache.clear()
    statuses = [report(json.dumps(VIOLATION), REMOTE_ADDR="203.0.113.77").status_code for _ in range(61)]
    assert statuses[:60] == [204] * 60 and statuses[60] == 429
    assert report(json.dumps(VIOLATION), REMOTE_ADDR="203.0.113.78").status_code == 204, "another address is not held"


def test_no_hostile_report_body_gets_a_server_error():
    cache.clear()
    http = Client(raise_request_exception=True)
    for value in hostile_values():
        for body in (value, json.dumps({"csp-report": {"blocked-uri": value}}), json.dumps([{"body": value}])):
            cache.clear()
            assert http.post(REPORT, body, content_type="application/csp-report").status_code < 500, body[:40]


# ------------------------------------------------------------------------------------------------- Swagger UI, deploy


def test_the_search_apis_swagger_ui_comes_from_our_own_static_files():
    page = Client().get("/api/search/docs", HTTP_HOST=DONGDA)
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn." not in html
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    with override_settings(WHITENOISE_USE_FINDERS=True):
        for asset in assets:
            assert Client().get(asset, HTTP_HOST=DONGDA).status_code == 200, asset


def test_production_passes_djangos_deployment_checks():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
