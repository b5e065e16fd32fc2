"""A page scheduled for a time goes live by itself at that time: the portal's scheduler fires it."""

import time
import urllib.error
import urllib.request

import pytest

from .conftest import run_in_portal

pytestmark = pytest.mark.browser

SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from home.models import ArticlePage, SectionPage
from sites.models import Unit
home = Unit.objects.get(code="00235").site.root_page
news = SectionPage.objects.child_of(home).get(section_key="news")
page = ArticlePage(title="Thông báo hẹn giờ", slug="thong-bao-hen-gio", author="Ban Biên tập",
                   source_agency="UBND phường", live=False, go_live_at=timezone.now() + timedelta(seconds=4))
news.add_child(instance=page)
page.save_revision(approved_go_live_at=page.go_live_at).publish()
print(ArticlePage.objects.get(pk=page.pk).live)
"""


def status_of(url):
    # glibc does not resolve *.localhost as browsers do: connect to loopback and name the site in the Host header.
    loopback = url.replace("dongda.localhost", "127.0.0.1")
    request = urllib.request.Request(loopback, headers={"Host": "dongda.localhost"})  # noqa: S310 - our own server
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our own loopback server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_scheduled_article_goes_live_at_its_time_with_nobody_touching_it(portal_server):
    url = f"http://dongda.localhost:{portal_server['port']}/tin-tuc-su-kien/thong-bao-hen-gio/"
    assert run_in_portal(portal_server, SCHEDULE) == "False"
    assert status_of(url) == 404

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and status_of(url) != 200:
        time.sleep(0.5)
    assert status_of(url) == 200
