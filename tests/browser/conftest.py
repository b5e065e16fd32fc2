"""A real portal for browser tests: its own database, provisioned, served by gunicorn on a free port."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import TOTP

ROOT = Path(__file__).resolve().parents[2]
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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_database_url(directory):
    """A database of its own: a SQLite file, or a new PostgreSQL database beside the one in DATABASE_URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{directory}/portal.sqlite3"
    import psycopg

    name = "portal_browser_test"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{url.rsplit('/', 1)[0]}/{name}"


def _wait_until_serving(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before serving")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url} within {seconds}s")


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("browser-portal")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _fresh_database_url(directory),
        "PORTAL_SITE_PORT": str(port),
        "MEDIA_ROOT": str(directory / "media"),
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["provision_sites", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP_USERS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    home_ids = json.loads(setup.stdout.strip().splitlines()[-1])
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    scheduler = subprocess.Popen([*manage, "run_scheduler", "--interval", "1"], cwd=ROOT, env=env)
    try:
        _wait_until_serving(f"http://localhost:{port}/", server)
        yield {"port": port, "home_ids": home_ids, "password": PASSWORD, "env": env}
    finally:
        for process in (server, scheduler):
            process.terminate()
            process.wait(timeout=20)


def run_in_portal(portal_server, code):
    """Run Python in the browser portal's Django (manage.py shell) and return the last line it prints."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=portal_server["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


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
