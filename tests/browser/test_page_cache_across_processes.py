"""A citizen sees a change on the next request, whichever of gunicorn's workers answers and whichever process made it.

The portal here runs as `./portal up` runs it, without Redis: two gunicorn workers, a task worker, and changes made
from another process (`manage.py shell`, as an import or a scheduled publish would). Every one of them must see the
same version stamps (cms/settings/base.py: a cache in files without REDIS_URL), or a worker keeps serving its
cached copy of a page another process has changed.
"""

import urllib.request

import pytest

from .conftest import run_in_portal

pytestmark = pytest.mark.browser

RETITLE = """
from home.models import ArticlePage, SectionPage
from sites.models import Unit
home = Unit.objects.get(code="00235").site.root_page
news = SectionPage.objects.child_of(home).get(section_key="news")
page = ArticlePage.objects.child_of(news).filter(slug="ra-quan-tong-ve-sinh").first()
if page is None:
    page = news.add_child(instance=ArticlePage(slug="ra-quan-tong-ve-sinh", title="-", author="Ban Biên tập",
                                                 source_agency="UBND phường"))
page.title = {title!r}
page.save_revision().publish()
print(page.get_url_parts()[2])
"""


def ward_page(port, path):
    # glibc does not resolve *.localhost as browsers do: connect to loopback and name the site in the Host header.
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "dongda.localhost"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own loopback server
        return response.headers.get("X-Portal-Cache"), response.read().decode()


def test_a_title_changed_in_another_process_shows_on_every_following_request_to_every_worker(portal_server):
    port = portal_server["port"]
    path = run_in_portal(portal_server, RETITLE.format(title="Phường ra quân tổng vệ sinh môi trường"))
    # Enough requests that both workers have the page in their cache.
    answers = [ward_page(port, path) for _ in range(8)]
    assert {cache for cache, _html in answers} >= {"HIT"}

    run_in_portal(portal_server, RETITLE.format(title="Phường ra quân tổng vệ sinh môi trường đợt hai"))

    for _ in range(8):
        _cache, html = ward_page(port, path)
        assert "tổng vệ sinh môi trường đợt hai" in html
