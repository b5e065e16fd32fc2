"""Every public page of a site shows its name, its menu and its home page's languages around the content
(caching/chrome.py): read once per version of the site, and changed on the next request when an editor changes them."""

import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from home.models import Notice, SectionPage

from .api_content import DONGDA, article, section  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_page_rendered(settings):
    settings.PORTAL_PAGE_CACHE = False  # the chrome's own cache is what these tests are about


def menu(client, path="/", host=DONGDA):
    html = client.get(path, HTTP_HOST=host).content.decode()
    return html.split('<ul id="menu-chinh">', 1)[1].split("</ul>", 1)[0]


def test_a_section_published_into_the_menu_is_on_every_page_at_once_and_leaves_when_unpublished(client, unit):
    home = unit(DONG_DA).site.root_page
    assert "Chuyển đổi số" not in menu(client)
    new = home.add_child(instance=SectionPage(title="Chuyển đổi số", slug="chuyen-doi-so", show_in_menus=True))
    new.save_revision().publish()

    assert '<a href="/chuyen-doi-so/">Chuyển đổi số</a>' in menu(client)
    assert '<a href="/chuyen-doi-so/" aria-current="page">Chuyển đổi số</a>' in menu(client, "/chuyen-doi-so/")
    new.unpublish()
    assert "Chuyển đổi số" not in menu(client, "/tim-kiem/")


def test_a_site_renamed_is_named_anew_in_its_header_and_footer(client, unit):
    client.get("/", HTTP_HOST=DONGDA)
    site = Site.objects.get(hostname=DONGDA)
    site.site_name = "Phường Đống Đa (mới)"
    site.save()

    html = client.get("/tim-kiem/", HTTP_HOST=DONGDA).content.decode()
    assert '<p class="site-name"><a href="/">Phường Đống Đa (mới)</a></p>' in html
    assert '<h2 id="chan-trang-don-vi">Phường Đống Đa (mới)</h2>' in html


def test_once_a_sites_chrome_is_read_its_other_pages_render_without_reading_it_again(client, unit):
    news = section(unit(DONG_DA), "news")
    first = article(news, "Đống Đa trồng thêm cây xanh")
    client.get(first.url, HTTP_HOST=DONGDA)

    with CaptureQueriesContext(connection) as statements:
        html = client.get("/tim-kiem/", HTTP_HOST=DONGDA).content.decode()

    assert '<a href="/tin-tuc-su-kien/">Tin tức - Sự kiện</a>' in html  # the menu, from the cache
    assert "Cổng thông tin điện tử thành phố Hà Nội</a>" in html  # the city's address
    read = [query["sql"] for query in statements.captured_queries]
    assert not [sql for sql in read if 'FROM "wagtailcore_page"' in sql]  # neither the home page nor its menu
    assert not [sql for sql in read if 'WHERE "wagtailcore_site"."is_default_site"' in sql]  # nor the city


def notices(client):
    html = client.get("/tim-kiem/", HTTP_HOST=DONGDA).content.decode()
    return html.split('<section class="notices"', 1)[1].split("</section>", 1)[0] if 'class="notices"' in html else ""


def test_a_notice_set_for_later_appears_when_its_hour_comes_and_leaves_when_it_ends_without_anyone_saving(client, unit):
    now = timezone.now().replace(microsecond=0)
    Notice.objects.create(
        unit=unit(DONG_DA),
        title="Tạm ngừng cấp nước",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
    )
    Notice.objects.create(unit=unit(DONG_DA), title="Lịch tiếp công dân", message="Thứ Năm hằng tuần")
    with time_machine.travel(now, tick=False):
        assert "Lịch tiếp công dân" in notices(client) and "Tạm ngừng cấp nước" not in notices(client)
    with time_machine.travel(now + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert "Tạm ngừng cấp nước" in notices(client)
    with time_machine.travel(now + datetime.timedelta(hours=3, seconds=1), tick=False):
        assert "Tạm ngừng cấp nước" not in notices(client) and "Lịch tiếp công dân" in notices(client)


def test_another_page_of_the_site_shows_its_notices_without_reading_them_again(client, unit):
    Notice.objects.create(unit=unit(DONG_DA), title="Lịch tiếp công dân")
    assert "Lịch tiếp công dân" in notices(client)
    with CaptureQueriesContext(connection) as queries:
        assert "Lịch tiếp công dân" in notices(client)
    assert not [query for query in queries.captured_queries if "home_notice" in query["sql"]]
