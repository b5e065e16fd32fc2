"""Production settings are safe by default; they read everything secret from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.PORTAL_ALLOW_DEMO_CONTENT, s.PORTAL_BASE_DOMAIN, sorted(s.ALLOWED_HOSTS))"
)


def run_with(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_serves_the_official_domain_without_debug_or_demo_content():
    result = run_with({"DJANGO_SECRET_KEY": "a-secret-from-the-environment"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False False hanoi.gov.vn ['.hanoi.gov.vn', 'hanoi.gov.vn']"


def test_an_operator_can_point_production_at_another_base_domain():
    result = run_with({"DJANGO_SECRET_KEY": "x", "PORTAL_BASE_DOMAIN": "staging.hanoi.gov.vn"})
    assert "['.staging.hanoi.gov.vn', 'staging.hanoi.gov.vn']" in result.stdout


def test_a_web_worker_sets_what_it_loaded_at_start_up_aside_from_the_garbage_collector():
    # Its full collections then walk only what requests leave, not the whole of Django and Wagtail with them
    # (cms/wsgi.py: 130-160 ms pauses every few renders of a large page at a million pages).
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import gc, cms.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.production", "DJANGO_SECRET_KEY": "x"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 100_000  # the modules, classes and URL patterns of the portal, not a handful
