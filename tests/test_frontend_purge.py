"""A proxy in front (nginx, Varnish) is told to forget what changed, once the change is committed (caching/purge.py).

The proxy here is a real HTTP server on loopback that records the PURGE requests it receives.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.db import transaction

from home.models import Notice
from syndication import actions as syndication
from syndication.models import Placement

from .api_content import article, fresh_api_cache, section  # noqa: F401
from .conftest import CAU_GIAY, CITY, DONG_DA

pytestmark = pytest.mark.django_db
SITE_PATHS = {"/", "/rss.xml", "/atom.xml", "/sitemap.xml"}


class RecordingProxy(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingProxy)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def paths_of(purged, host):
    return {path for purged_host, path in purged if purged_host == host}


def test_publishing_a_ward_article_purges_it_its_section_and_the_wards_home_feeds_and_sitemap(
    proxy, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section(unit(DONG_DA), "news"), "Đống Đa mở lớp bơi miễn phí")
        assert proxy == []  # nothing before the commit: the proxy would fetch the old page again

    assert paths_of(proxy, "dongda.localhost") == SITE_PATHS | {
        page.url_path.removeprefix(unit(DONG_DA).site.root_page.url_path[:-1]),
        "/tin-tuc-su-kien/",
        "/tin-tuc-su-kien/rss.xml",
        "/tin-tuc-su-kien/atom.xml",
    }
    assert {host for host, _path in proxy} == {"dongda.localhost"}


def test_a_ward_notice_purges_that_wards_fixed_addresses_once_and_no_other_site(
    proxy, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(unit=unit(DONG_DA), title="Cắt nước khu tập thể Kim Liên")

    assert sorted(proxy) == sorted(("dongda.localhost", path) for path in SITE_PATHS)


def test_accepting_a_city_article_purges_the_wards_pages_that_now_show_the_copy(
    proxy, unit, member_of, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tet = article(section(unit(CITY), "news"), "Lịch nghỉ Tết", source_agency="Văn phòng UBND Thành phố")
        syndication.offer(tet, [unit(DONG_DA)], None)
        assert paths_of(proxy, "dongda.localhost") == set()
        placement = Placement.objects.get(source=tet, target_unit__code=DONG_DA)
        syndication.accept(placement, member_of(DONG_DA, "board_head"))

    assert paths_of(proxy, "dongda.localhost") == SITE_PATHS


def test_a_change_rolled_back_purges_nothing(proxy, unit, django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), transaction.atomic():
        Notice.objects.create(unit=unit(DONG_DA), title="Thông báo bị hủy")
        raise RuntimeError("the editor's save fails")
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(unit=unit(CAU_GIAY), title="Lịch tiếp dân")

    # Only Cầu Giấy's notice: the rolled-back one left no batch behind that the next commit would send.
    assert sorted(proxy) == sorted(("caugiay.localhost", path) for path in SITE_PATHS)
