"""Several nodes for real: two gunicorn processes on one database and one Redis serve as one portal.

A citizen whose requests the load balancer spreads over the nodes sees a publication at once, whichever node
published it; a member of staff logged in on one node is logged in on all, and logged out of all at once.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookies import SimpleCookie

import pytest
import redis

from tests.servers import ROOT, free_port, manage_shell, provision, provisioned_database_url, start_gunicorn, stop

# A Redis database of this test's own (the development server uses database 0), and in it keys of this run's own:
# CI runs the SQLite and the PostgreSQL suites side by side, each with its own two nodes.
REDIS_URL = "redis://127.0.0.1:6379/11"
PASSWORD = "mat-khau-nhieu-may-chu"
DONGDA = "dongda.localhost"

RENAME_INTRODUCTION = """
from sites.models import Unit
from home.models import SectionPage
home = Unit.objects.get(code="00235").site.root_page
page = SectionPage.objects.child_of(home).get(section_key="introduction")
page.title = "Giới thiệu phường Đống Đa (bản mới)"
page.save_revision().publish()
print(page.pk)
"""


def reachable_redis():
    """The Redis of this machine, started if it is not running; CI fails rather than skips without one."""
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--port", "6379", "--save", "", "--appendonly", "no"], check=False
        )
        try:
            server.ping()
        except redis.ConnectionError:
            message = "Redis does not answer on 127.0.0.1:6379 and redis-server could not start it"
            if os.environ.get("PORTAL_REQUIRE_BROWSER"):
                pytest.fail(message)
            pytest.skip(message)
    return server


class Node:
    """One gunicorn node seen from the load balancer: requests with a cookie jar, redirects not followed."""

    class _NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(_NoRedirects)

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def request(self, path, host="localhost", cookies=None, data=None):
        headers = {"Host": host}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - loopback
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            if cookies is not None:
                for header in response.headers.get_all("Set-Cookie") or []:
                    cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
            return response.status, response.headers, response.read().decode()

    def pages(self, host, **query):
        status, _, body = self.request("/api/v2/pages/?" + urllib.parse.urlencode(query), host=host)
        assert status == 200, body
        return {item["id"]: item["title"] for item in json.loads(body)["items"]}

    def log_in(self, username, password):
        cookies = {}
        self.request("/admin/login/", cookies=cookies)
        form = {"username": username, "password": password, "csrfmiddlewaretoken": cookies["csrftoken"]}
        status, headers, _ = self.request("/admin/login/", cookies=cookies, data=form)
        assert status == 302 and "sessionid" in cookies, f"login refused on {self.base}"
        return cookies

    def log_out(self, cookies):
        self.request("/admin/logout/", cookies=cookies, data={"csrfmiddlewaretoken": cookies["csrftoken"]})

    def admin_lets_in(self, cookies):
        """True when the admin serves this session; False when it sends it to the login form."""
        status, headers, _ = self.request("/admin/", cookies=dict(cookies))
        return not (status == 302 and headers["Location"].startswith("/admin/login/"))


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    shared_cache = reachable_redis()
    prefix = f"nodes-test-{uuid.uuid4().hex}"
    directory = tmp_path_factory.mktemp("several-nodes")
    ports = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": provisioned_database_url(directory, "nodes"),
        "REDIS_URL": REDIS_URL,
        "PORTAL_CACHE_PREFIX": prefix,
        "PORTAL_SITE_PORT": str(ports[0]),
        "MEDIA_ROOT": str(directory / "media"),
    }
    provision(env)
    manage_shell(
        env,
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser('vanhanh.nhieumay', password='{PASSWORD}'); print('ok')",
    )
    node_a = start_gunicorn(env, ports[0], workers=1)
    try:
        node_b = start_gunicorn(env, ports[1], workers=1)
    except RuntimeError:
        stop(node_a)
        raise
    try:
        yield {"a": Node(ports[0]), "b": Node(ports[1]), "env": env, "keys": lambda: shared_cache.keys(f"{prefix}:*")}
    finally:
        stop(node_a, node_b)
        for key in shared_cache.scan_iter(f"{prefix}:*"):
            shared_cache.delete(key)


def test_a_page_published_through_one_node_is_served_fresh_by_the_other(nodes):
    node_b = nodes["b"]
    before = node_b.pages(DONGDA, type="home.SectionPage")
    assert node_b.pages(DONGDA, type="home.SectionPage") == before  # the second answer came from the cache
    assert any(b"portal-api:response:" in key for key in nodes["keys"]()), "node B cached its answer in Redis"

    page_id = int(manage_shell(nodes["env"], RENAME_INTRODUCTION))  # an editor publishes on node A's database

    after = node_b.pages(DONGDA, type="home.SectionPage")
    assert before[page_id] == "Giới thiệu"
    assert after[page_id] == "Giới thiệu phường Đống Đa (bản mới)"


def test_staff_logged_in_on_one_node_are_logged_in_on_the_other_and_logged_out_of_both(nodes):
    node_a, node_b = nodes["a"], nodes["b"]
    session = node_a.log_in("vanhanh.nhieumay", PASSWORD)
    assert not node_b.admin_lets_in({}), "without a session node B asks for the login form"
    assert node_b.admin_lets_in(session)

    node_a.log_out(session)

    assert not node_b.admin_lets_in(session)
    assert not node_a.admin_lets_in(session)


def test_media_go_to_the_s3_bucket_when_one_is_configured():
    """No S3 server here: the settings alone must pick the storage and build public, unsigned image URLs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "PORTAL_S3_BUCKET": "cong-hanoi-media",
        "PORTAL_S3_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens there: no request may be made
        "PORTAL_S3_REGION": "ap-southeast-1",
        "PORTAL_S3_ACCESS_KEY_ID": "khoa-thu",
        "PORTAL_S3_SECRET_ACCESS_KEY": "bi-mat-thu",
    }
    code = (
        "import django, json; django.setup(); "
        "from django.conf import settings; from django.core.files.storage import storages; s = storages['default']; "
        "print(json.dumps([type(s).__name__, s.url('images/le-ra-quan.jpg'), s.default_acl, "
        "s.file_overwrite, settings.WAGTAILDOCS_SERVE_METHOD]))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    storage, url, acl, overwrite, documents = json.loads(done.stdout)
    assert storage == "S3Storage"
    assert url == "http://127.0.0.1:9/cong-hanoi-media/images/le-ra-quan.jpg"  # unsigned: it never expires
    assert acl is None and overwrite is False
    assert documents == "serve_view"  # private documents pass Wagtail's privacy check, never a bucket URL
