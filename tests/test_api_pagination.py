# ruff: noqa: F811
"""Deep pages of the pages listing: `meta.next` and `?after=` walk it as `offset` does, at the cost of a first page."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .api_content import DONGDA, article, content, fresh_api_cache, legal_document, section  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/api/v2/pages/", params, HTTP_HOST=DONGDA)
    assert response.status_code == 200, response.content
    return response.json()


def walk_by_cursor(client, **params):
    titles, body = [], get(client, **params)
    while True:
        titles += [item["title"] for item in body["items"]]
        if body["meta"]["next"] is None:
            return titles
        body = get(client, **params, after=body["meta"]["next"])


def walk_by_offset(client, limit, **params):
    titles, offset = [], 0
    while batch := get(client, **params, limit=limit, offset=offset)["items"]:
        titles += [item["title"] for item in batch]
        offset += limit
    return titles


@pytest.fixture
def news(content, unit):
    """Đống Đa's news: the fixture's library article and the private one, plus 7 more."""
    news = section(unit(DONG_DA), "news")
    for number in range(1, 8):
        article(news, f"Tin số {number} của phường Đống Đa")
    return news


@pytest.mark.parametrize("order", [None, "title", "-title", "-first_published_at", "id"])
def test_following_meta_next_reads_the_same_articles_in_the_same_order_as_offset(client, news, order):
    params = {"type": "home.ArticlePage", **({"order": order} if order else {})}
    by_offset = walk_by_offset(client, 3, **params)
    assert len(by_offset) == 9  # 7 new, the library and the cleanup article; the private one is not shown
    assert walk_by_cursor(client, limit=3, **params) == by_offset


def test_decisions_issued_the_same_day_are_neither_skipped_nor_repeated(client, content, unit):
    legal = section(unit(DONG_DA), "legal_documents")
    for number in range(2, 7):
        legal_document(legal, f"Quyết định {number}", f"{number}/QĐ-UBND", issue_date=datetime.date(2026, 1, 5))
    titles = walk_by_cursor(client, type="home.LegalDocumentPage", order="issue_date", limit=2)
    assert sorted(titles) == sorted(["Quyết định về quy chế", *(f"Quyết định {n}" for n in range(2, 7))])


def test_the_last_page_has_no_next_cursor(client, news):
    assert get(client, type="home.ArticlePage", limit=9)["meta"]["next"] is None
    assert get(client, type="home.ArticlePage", limit=8)["meta"]["next"] is not None


def queries_of(client, **params):
    cache.clear()  # a rendered response, not the response cache's copy
    with CaptureQueriesContext(connection) as captured:
        get(client, **params)
    return len(captured)


def test_a_deep_page_by_cursor_costs_the_queries_of_the_first_page(client, news):
    params = {"type": "home.ArticlePage", "order": "-first_published_at", "limit": 2, "fields": "tags,author"}
    get(client, **params)  # warm Wagtail's site-root table
    cursor = get(client, **params, offset=6)["meta"]["next"]
    assert queries_of(client, **params, after=cursor) == queries_of(client, **params)
    assert get(client, **params, after=cursor)["meta"]["total_count"] == 9  # the whole listing, as with offset


def test_a_listing_costs_the_same_queries_for_2_and_for_9_articles_with_their_tags(client, content, unit):
    params = {"type": "home.ArticlePage", "fields": "tags,category,author"}
    get(client, **params)
    with_2 = queries_of(client, **params)
    news = section(unit(DONG_DA), "news")
    for number in range(7):
        article(news, f"Tin có thẻ số {number}", tags=["thư viện", f"thẻ {number}"])
    assert get(client, **params)["meta"]["total_count"] == 9
    assert queries_of(client, **params) == with_2


@pytest.mark.parametrize(
    "params, code",
    [
        ({"after": "không-phải-con-trỏ"}, "invalid_cursor"),
        ({"after": "WyItaWQiLDE1MzMsMTUzM10", "order": "title"}, "invalid_cursor"),  # a cursor made for -id
        ({"after": "WyItaWQiLDE1MzMsMTUzM10", "order": "-id", "offset": 2}, "conflicting_pagination"),
        ({"after": "WyItaWQiLDE1MzMsMTUzM10", "search": "thư viện"}, "cursor_needs_order"),
    ],
)
def test_a_cursor_that_does_not_fit_gets_a_vietnamese_400(client, content, params, code):
    response = client.get("/api/v2/pages/", params, HTTP_HOST=DONGDA)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"].startswith(("Tham số after", "Con trỏ after", "Không dùng after"))


@pytest.mark.parametrize("order", ["effective_date", "-effective_date"])
def test_documents_without_an_effective_date_are_walked_where_the_database_sorts_them(client, content, unit, order):
    legal = section(unit(DONG_DA), "legal_documents")
    for number, day in enumerate([None, 3, None, 3, 9, None], start=2):
        effective = datetime.date(2026, 2, day) if day else None
        legal_document(legal, f"Quyết định {number}", f"{number}/QĐ-UBND", effective_date=effective)
    params = {"type": "home.LegalDocumentPage", "order": order}
    by_offset = walk_by_offset(client, 2, **params)
    assert len(by_offset) == 7
    assert walk_by_cursor(client, limit=2, **params) == by_offset
