"""A load balancer knows when a node is up and ready; an operator follows one request through the logs."""

import io
import json
import logging
import re

import pytest

from django.test import override_settings

from operations.logging import JsonFormatter

pytestmark = pytest.mark.django_db

CLOSED_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_healthz_answers_on_every_sites_hostname_without_touching_the_database(client, django_assert_num_queries):
    for host in ("localhost", "dongda.localhost"):
        with django_assert_num_queries(0):
            response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert "no-cache" in response["Cache-Control"]


def test_readyz_times_the_database_cache_media_storage_and_citizen_search(client):
    response = client.get("/readyz", HTTP_HOST="xasocson.localhost")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["failing"]) == ("ready", [])
    assert set(body["checks"]) == {"database", "cache", "storage", "search"}
    for check in body["checks"].values():
        assert check["ok"] is True
        assert check["ms"] >= 0


@override_settings(CACHES=CLOSED_REDIS)
def test_readyz_answers_503_naming_an_unreachable_cache_without_its_address(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["failing"]) == ("not_ready", ["cache"])
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "127.0.0.1" not in response.text and "redis://" not in response.text


@pytest.fixture
def json_log():
    """The lines the portal logs during a test, as JSON objects, through the formatter production uses."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("portal.requests")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_each_request_is_one_json_line_carrying_the_proxys_request_id(client, json_log):
    response = client.get("/", HTTP_HOST="dongda.localhost", HTTP_X_REQUEST_ID="nginx-7f3a9c21e4")
    assert response["X-Request-ID"] == "nginx-7f3a9c21e4"
    (line,) = json_log()
    assert line["request_id"] == "nginx-7f3a9c21e4"
    assert (line["level"], line["logger"], line["site"], line["path"]) == (
        "INFO",
        "portal.requests",
        "dongda.localhost",
        "/",
    )
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def test_a_request_id_that_is_not_a_sane_token_is_replaced_by_a_new_one(client, json_log):
    for unsafe in ("x", "<script>alert(1)</script>", "a" * 200, "id với dấu tiếng Việt"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=unsafe)
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert len({line["request_id"] for line in json_log()}) == 4


def test_the_log_names_a_staff_member_by_id_only(login, member_of, json_log):
    editor = member_of("00235", "editor")
    editor.first_name, editor.last_name, editor.email = "Lan", "Nguyễn Thị", "lan@dongda.hanoi.gov.vn"
    editor.save()
    login(editor).get("/admin/", REMOTE_ADDR="203.0.113.9", QUERY_STRING="q=bí+mật")
    (line,) = json_log()
    assert line["user_id"] == editor.pk
    text = json.dumps(line, ensure_ascii=False)
    for personal in ("Lan", "Nguyễn", "lan@", editor.username, "203.0.113.9", "bí"):
        assert personal not in text
