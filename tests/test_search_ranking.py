"""A common word matches a large part of the portal: search ranks and counts only the newest matches (and the newest
title matches), says the total is a lower bound, and still puts the page about the query first."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine
from search.backends import base, sql
from search.models import SearchEntry

from .conftest import CAU_GIAY, CITY
from .test_search import article, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def common_word(unit, monkeypatch):
    monkeypatch.setattr(base, "RANKED", 3)
    news = section(unit(CAU_GIAY), "news")
    guide = article(news, "Thủ tục cấp hộ chiếu phổ thông", "Công dân nộp tờ khai tại cơ quan xuất nhập cảnh.")
    for number in range(5):
        article(news, f"Thông báo số {number}", "Người dân được hướng dẫn thủ tục hành chính tại bộ phận một cửa.")
    return guide


def test_a_query_matching_more_pages_than_are_ranked_reports_a_lower_bound(common_word):
    found = engine.search("thu tuc")

    assert not found.total_exact
    assert found.total == 3
    assert sum(found.facets["site"].values()) == 3


def test_an_older_page_holding_the_query_in_its_title_still_comes_first(common_word):
    found = engine.search("thủ tục")

    assert found.hits[0][0] == common_word.pk


def test_a_query_with_few_matches_is_counted_exactly(common_word):
    found = engine.search("hộ chiếu")

    assert found.total_exact
    assert found.total == 1
    assert [page_id for page_id, _ in found.hits] == [common_word.pk]


def test_results_can_be_paged_through_the_ranked_matches(common_word):
    first = engine.search("thu tuc", limit=2)
    second = engine.search("thu tuc", offset=2, limit=2)

    pages = [page_id for page_id, _ in first.hits + second.hits]
    assert len(pages) == len(set(pages)) == 4


def test_citizens_are_told_when_there_are_more_results_than_counted(client, common_word):
    body = client.get("/api/search/", {"q": "thu tuc", "site": "all"}).json()
    assert body["total"] == 3 and body["total_exact"] is False
    page = client.get("/tim-kiem/", {"q": "thu tuc", "site": "all"}).content.decode()
    assert "Hơn 3 kết quả cho “thu tuc”" in page
    assert client.get("/api/search/", {"q": "ho chieu", "site": "all"}).json()["total_exact"] is True


def test_a_title_prefix_in_many_pages_is_completed_from_the_newest_titles_only(common_word):
    suggested = engine.suggest("thong bao s", limit=5)

    assert set(suggested) == {"Thông báo số 2", "Thông báo số 3", "Thông báo số 4"}


def test_an_older_title_is_still_completed_and_reworded_when_few_titles_match(common_word):
    assert engine.suggest("thu tuc cap h") == ["Thủ tục cấp hộ chiếu phổ thông"]
    assert engine.closest("thu tuc cap xqzw") == ["Thủ tục cấp hộ chiếu phổ thông"]


def test_the_closest_titles_of_a_syllable_in_every_title_are_read_from_the_newest_only(common_word):
    assert set(engine.closest("thong bao xqzw")) == {"Thông báo số 2", "Thông báo số 3", "Thông báo số 4"}


def test_on_a_busy_site_the_newest_matches_are_its_own_pages_and_the_copies_it_shows_never_another_sites(
    common_word, unit
):
    # Over RANKED matches on one site, its own pages and its copies are walked apart (search.backends.base.arms).
    city_news = section(unit(CITY), "news")
    shown = article(city_news, "Thủ tục mới của Thành phố", "Hướng dẫn thủ tục trực tuyến.")
    not_shown = article(city_news, "Thủ tục khác của Thành phố", "Không được trang phường đăng lại.")
    shown.create_alias(parent=section(unit(CAU_GIAY), "news"), update_slug="thu-tuc-moi-cua-thanh-pho")
    caugiay = common_word.get_site()
    own = set(SearchEntry.objects.filter(site=caugiay).values_list("page_id", flat=True))

    found = engine.search("thu tuc", engine.Filters(site_id=caugiay.pk), limit=10)

    assert not found.total_exact and found.total == 3
    pages = [page_id for page_id, _ in found.hits]
    assert shown.pk in pages and not_shown.pk not in pages
    assert len(pages) == len(set(pages)) and set(pages) <= own | {shown.pk}


def test_matches_older_than_the_walked_entries_are_still_ranked_as_when_the_walk_reaches_them(common_word, monkeypatch):
    # PostgreSQL walks at most WALKED newest entries, then asks the words' index (search/backends/sql.py).
    expected = engine.search("thu tuc", limit=10)
    monkeypatch.setattr(sql, "WALKED", 2)

    found = engine.search("thu tuc", limit=10)

    assert found.hits == expected.hits and found.total == expected.total == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
@pytest.mark.parametrize("query", ["thu tuc", "hộ chiếu", "thông báo số"])
def test_a_query_taken_for_common_without_counting_finds_what_a_counted_one_finds(common_word, monkeypatch, query):
    counted = engine.search(query)
    monkeypatch.setattr(sql, "COMMON", 0)  # every estimate is taken for common: the count is skipped
    uncounted = engine.search(query)

    assert (uncounted.total, uncounted.total_exact, uncounted.hits) == (
        counted.total,
        counted.total_exact,
        counted.hits,
    )
    assert uncounted.facets == counted.facets


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the count by facets is PostgreSQL's")
def test_a_rare_words_results_and_facets_come_from_counting_its_matches_in_one_statement(common_word, unit):
    article(common_word.get_parent(), "Hướng dẫn làm hộ chiếu cho trẻ em", "Cha mẹ khai thay cho con.")
    with CaptureQueriesContext(connection) as statements:
        found = engine.search("hộ chiếu")

    assert (found.total, found.total_exact) == (2, True)
    assert [page_id for page_id, _score in found.hits][0] == common_word.pk  # the title's phrase, exact, first
    assert found.facets["site"] == {unit(CAU_GIAY).site.pk: 2}
    assert found.facets["type"] == {common_word.content_type_id: 2}
    # After the private pages (the filters) and the planner's estimate: one statement reads the matches.
    read = [query["sql"] for query in statements.captured_queries if "search_searchentry" in query["sql"]]
    assert len(read) == 2 and read[0].startswith("EXPLAIN") and "GROUP BY site_id" in read[1]
