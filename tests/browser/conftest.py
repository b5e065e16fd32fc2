"""A real portal for browser tests: its own database, provisioned, served by gunicorn on a free port."""

import json
import os
import re
import subprocess
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.servers import (
    MANAGE,
    ROOT,
    free_port,
    manage_shell,
    provision,
    provisioned_database_url,
    start_gunicorn,
    stop,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "mat-khau-trinh-duyet"

# Made inside the browser portal once it is provisioned; prints the ids the tests need.
SETUP_USERS = f"""
import json
from django.contrib.auth import get_user_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from sites.models import Unit
User = get_user_model()
ids = {{}}
for code, username, role in (
    ("00235", "bientap.dongda", "editor"),
    ("00166", "bientap.caugiay", "editor"),
    ("00235", "truongban.dongda", "board_head"),
    ("00235", "thanhvien.dongda", "reviewer"),
    ("00166", "thanhvien.caugiay", "reviewer"),
    ("01", "truongban.thanhpho", "board_head"),
):
    unit = Unit.objects.get(code=code)
    user = User.objects.create_user(username, password="{PASSWORD}")
    user.groups.add(unit.roles.get(role=role).group)
    ids[code] = unit.site.root_page_id
Image.objects.create(
    title="Lễ ra quân vệ sinh môi trường", file=get_test_image_file(size=(640, 400)),
    collection=Unit.objects.get(code="00235").collection,
)
print(json.dumps(ids))
"""


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("browser-portal")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": provisioned_database_url(directory, "browser"),
        "PORTAL_SITE_PORT": str(port),
        "MEDIA_ROOT": str(directory / "media"),
        # This run's own: the database's name repeats from run to run on PostgreSQL, its pages would not.
        "PORTAL_CACHE_DIR": str(directory / "cache"),
    }
    provision({**env, "PORTAL_TASKS": "immediate"})
    home_ids = json.loads(manage_shell(env, SETUP_USERS))
    # As in `./portal up`: the scheduler, and a worker for the tasks the tests' requests queue (dev settings queue
    # them in the database), so that the admin shows what it would show in production.
    helpers = [
        subprocess.Popen([*MANAGE, "run_scheduler", "--interval", "1"], cwd=ROOT, env=env),
        subprocess.Popen([*MANAGE, "db_worker", "--no-reload", "--interval", "0.5", "-v0"], cwd=ROOT, env=env),
    ]
    try:
        server = start_gunicorn(env, port)
    except RuntimeError:
        stop(*helpers)
        raise
    try:
        yield {"port": port, "home_ids": home_ids, "password": PASSWORD, "env": env}
    finally:
        stop(server, *helpers)


def run_in_portal(portal_server, code):
    """Run Python in the browser portal's Django (manage.py shell) and return the last line it prints."""
    return manage_shell(portal_server["env"], code)


# The authenticator app of every user who enrolled in the browser portal (it lives for the session): username ->
# (base32 secret, the last 30-second step whose code was used, which the portal refuses to take twice).
AUTHENTICATOR = {}
ENROL_PATH, VERIFY_PATH = "/admin/xac-thuc-hai-lop/dang-ky/", "/admin/xac-thuc-hai-lop/"


def authenticator_code(username):
    """The user's app's code, of a step not used yet: the current one or the next (accepted), waiting if needed."""
    secret, last = AUTHENTICATOR[username]
    step = max(int(time.time()) // 30, last + 1)
    while step > int(time.time()) // 30 + 1:
        time.sleep(1)
    AUTHENTICATOR[username] = (secret, step)
    totp = TOTP(b32decode(secret))
    totp.time = step * 30
    return f"{totp.token():06d}"


def pass_second_factor(page, username):
    """After the password: as a user with an authenticator app, enrols (typing the secret shown beside the QR code)
    or enters the app's code. Staff who need no second factor are already in the admin."""
    page.wait_for_url(re.compile(r"/admin/(?!login/)"))
    if ENROL_PATH in page.url:
        AUTHENTICATOR[username] = (page.locator("#totp-secret").inner_text().replace(" ", ""), -1)
        page.fill("#id_code", authenticator_code(username))
        page.click("form.login-form button[type=submit]")
        page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    elif VERIFY_PATH in page.url:
        page.fill("#id_code", authenticator_code(username))
        page.click("form.login-form button[type=submit]")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return lambda name: page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
