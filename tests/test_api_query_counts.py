# ruff: noqa: F811
"""The API costs the same number of queries on a portal of 3 sites as on the real one of 142."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from caching.versions import GLOBAL, bump
from sites.models import Unit

from .api_content import CITY_HOST, DONGDA, content, fresh_api_cache  # noqa: F401
from .conftest import CAU_GIAY, CITY, DONG_DA

pytestmark = pytest.mark.django_db

KEPT = (CITY, DONG_DA, CAU_GIAY)


def requests(content):
    return [
        ("/api/v2/pages/", {"type": "home.ArticlePage", "fields": "category,tags,author"}),
        (f"/api/v2/pages/{content['library'].pk}/", {}),
        ("/api/v2/navigation/", {}),
        ("/api/v2/navigation/", {"site": CITY_HOST, "locale": "en"}),
        ("/api/v2/sites/", {"limit": 100}),
    ]


def query_counts(client, content):
    counts = []
    for path, params in requests(content):
        client.get(path, params, HTTP_HOST=DONGDA)  # warm Wagtail's site-root table (one query per site, once)
        bump([GLOBAL])  # a new response, not the cached one
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params, HTTP_HOST=DONGDA)
        assert response.status_code == 200, response.content
        counts.append(len(captured))
    return counts


def keep_only_three_sites():
    others = Unit.objects.exclude(code__in=KEPT)
    homes = list(Page.objects.filter(depth=2).exclude(translation_key__in=Page.objects.filter(
        sites_rooted_here__unit__code__in=KEPT).values("translation_key")))  # fmt: skip
    Site.objects.filter(unit__in=others).delete()
    others.delete()
    for home in homes:
        home.delete()
    assert Site.objects.count() == Unit.objects.count() == 3


def test_listing_detail_navigation_and_directory_cost_the_same_with_3_sites_as_with_142(client, content):
    with_142 = query_counts(client, content)
    assert client.get("/api/v2/sites/", {"limit": 100}).json()["meta"]["total_count"] == 142
    keep_only_three_sites()  # inside the test's transaction: rolled back afterwards
    assert client.get("/api/v2/sites/", {"limit": 100}).json()["meta"]["total_count"] == 3
    assert query_counts(client, content) == with_142
