"""Syndication stories (Quy chế Art. 12.1): the city offers, wards accept or decline, copies follow their source."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from defusedxml import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from caching.versions import GLOBAL, bump
from home import windows
from home.models import Category
from search.models import SearchCopy
from sites.models import Unit
from syndication import actions as syndication
from syndication.actions import SyndicationError
from syndication.models import Placement

from .api_content import CAUGIAY, CITY_HOST, DONGDA, article, fresh_api_cache, section  # noqa: F401
from .conftest import CAU_GIAY, CITY, DONG_DA, HOAN_KIEM
from .test_api_contract import conforms

BA_DINH = "00004"
HOANKIEM, BADINH = "hoankiem.localhost", "badinh.localhost"
State = Placement.State


def api_titles(client, host, **params):
    response = client.get("/api/v2/pages/", {"type": "home.ArticlePage", **params}, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return {item["title"]: item for item in response.json()["items"]}


def rss_titles(client, host):
    response = client.get("/rss.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return [item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")]


def placement_for(page, code):
    return Placement.objects.select_related("target_unit").get(source=page, target_unit__code=code)


def next_local(hour):
    """The next time the clock in Hanoi shows `hour`:00."""
    now = timezone.localtime()
    at = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


@pytest.fixture
def tet_article(db, unit):
    return article(
        section(unit(CITY), "news"),
        "Lịch nghỉ Tết Nguyên đán",
        author="Trần Thị Bình",
        source_agency="Văn phòng UBND Thành phố",
    )


@pytest.fixture
def boards(member_of):
    return {code: member_of(code, "board_head") for code in (HOAN_KIEM, DONG_DA, BA_DINH, CAU_GIAY, CITY)}


def test_the_tet_holiday_article_reaches_the_wards_that_accept_it_and_follows_its_source(
    client, unit, member_of, boards, tet_article
):
    city_editor = member_of(CITY, "editor")
    wards = syndication.target_units("wards")
    offered = syndication.offer(tet_article, wards, city_editor)
    assert len(offered) == 126
    assert Placement.objects.filter(source=tet_article, state=State.OFFERED).count() == 126

    at_two = next_local(14)
    syndication.accept(placement_for(tet_article, HOAN_KIEM), boards[HOAN_KIEM], live_at=at_two)
    syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    syndication.decline(placement_for(tet_article, BA_DINH), boards[BA_DINH], "Phường đã đăng thông báo riêng.")

    # Before 14:00 only Đống Đa shows it.
    assert "Lịch nghỉ Tết Nguyên đán" in api_titles(client, DONGDA)
    assert "Lịch nghỉ Tết Nguyên đán" not in api_titles(client, HOANKIEM)

    with time_machine.travel(at_two + datetime.timedelta(minutes=1)):
        syndication.announce_due()  # the scheduler's pass: search entries and API caches of copies now live
        for host in (HOANKIEM, DONGDA):
            copy = api_titles(client, host)["Lịch nghỉ Tết Nguyên đán"]
            assert copy["meta"]["syndication"]["source_site"]["name"] == "Thành phố Hà Nội"
            assert copy["meta"]["syndication"]["canonical_url"] == tet_article.full_url
            assert copy["meta"]["syndication"]["author"] == "Trần Thị Bình"
            assert copy["meta"]["html_url"].startswith(f"http://{host}")
            assert "Lịch nghỉ Tết Nguyên đán" in rss_titles(client, host)
            page = client.get(urlsplit(copy["meta"]["html_url"]).path, HTTP_HOST=host)
            assert page.status_code == 200
            html = page.content.decode()
            assert f'<link rel="canonical" href="{tet_article.full_url}">' in html
            assert "Đăng lại từ Thành phố Hà Nội" in html
        assert "Lịch nghỉ Tết Nguyên đán" not in api_titles(client, BADINH)
        assert "Lịch nghỉ Tết Nguyên đán" not in rss_titles(client, BADINH)

        # The city edits the title and republishes: both copies show it, with no work on the wards.
        tet_article.title = "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026"
        tet_article.save_revision().publish()
        for host in (HOANKIEM, DONGDA):
            assert "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026" in api_titles(client, host)
            assert "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026" in rss_titles(client, host)

        # The city unpublishes: both copies leave the public feeds, and the wards' boards see why.
        tet_article.unpublish()
        for host in (HOANKIEM, DONGDA):
            assert "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026" not in api_titles(client, host)
            assert "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026" not in rss_titles(client, host)
        withdrawn = placement_for(tet_article, DONG_DA)
        assert withdrawn.state == State.WITHDRAWN
        assert "gỡ bài gốc" in withdrawn.reason


def test_a_copy_is_found_by_search_on_its_site_once_not_as_a_second_result(client, unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA), unit(CAU_GIAY)], None)
    syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    on_dong_da = client.get("/api/search/", {"q": "lich nghi tet", "site": DONGDA}).json()
    on_cau_giay = client.get("/api/search/", {"q": "lich nghi tet", "site": CAUGIAY}).json()
    everywhere = client.get("/api/search/", {"q": "lich nghi tet", "site": "all"}).json()
    assert [r["title"] for r in on_dong_da["results"]] == ["Lịch nghỉ Tết Nguyên đán"]
    assert on_cau_giay["total"] == 0
    assert everywhere["total"] == 1
    assert SearchCopy.objects.filter(entry_id=tet_article.pk).count() == 1


def test_a_copy_in_a_wards_listing_and_detail_matches_the_published_api_description(client, unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    listing = client.get("/api/v2/pages/", {"type": "home.ArticlePage"}, HTTP_HOST=DONGDA)
    assert conforms(client, listing, "/api/v2/pages/")["meta"]["total_count"] == 1
    detail = client.get(f"/api/v2/pages/{tet_article.pk}/", HTTP_HOST=DONGDA)
    body = conforms(client, detail, "/api/v2/pages/{id}/")
    assert body["meta"]["syndication"]["source_agency"] == "Văn phòng UBND Thành phố"
    # Cầu Giấy did not accept it: the same id is not found there.
    assert client.get(f"/api/v2/pages/{tet_article.pk}/", HTTP_HOST=CAUGIAY).status_code == 404


def test_cau_giay_proposes_an_article_and_the_city_news_shows_it_attributed_to_cau_giay(
    client, unit, member_of, boards
):
    ward_editor = member_of(CAU_GIAY, "editor")
    story = article(section(unit(CAU_GIAY), "news"), "Cầu Giấy khánh thành vườn hoa Dịch Vọng")
    proposal = syndication.propose_to_city(story, ward_editor)
    assert proposal.target_unit.kind == Unit.Kind.CITY and proposal.state == State.OFFERED
    with pytest.raises(SyndicationError):
        syndication.accept(proposal, boards[CAU_GIAY])  # the ward cannot approve on the city's behalf
    syndication.accept(proposal, boards[CITY])
    copy = api_titles(client, CITY_HOST, section="news")["Cầu Giấy khánh thành vườn hoa Dịch Vọng"]
    assert copy["meta"]["syndication"]["source_site"] == {
        "code": CAU_GIAY,
        "name": "Phường Cầu Giấy",
        "hostname": CAUGIAY,
    }
    news = client.get(urlsplit(section(unit(CITY), "news").full_url).path, HTTP_HOST=CITY_HOST)
    assert "Cầu Giấy khánh thành vườn hoa Dịch Vọng" in news.content.decode()


def test_a_ward_cannot_accept_revoke_unlink_or_approve_for_another_site(unit, member_of, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA), unit(CAU_GIAY)], None)
    dong_da_offer, cau_giay_offer = placement_for(tet_article, DONG_DA), placement_for(tet_article, CAU_GIAY)
    cau_giay_board, cau_giay_editor = boards[CAU_GIAY], member_of(CAU_GIAY, "editor")
    for attempt in (
        lambda: syndication.accept(dong_da_offer, cau_giay_board),
        lambda: syndication.decline(dong_da_offer, cau_giay_board, "Không phù hợp"),
        lambda: syndication.accept(cau_giay_offer, cau_giay_editor),  # an editor is not the board
        lambda: syndication.revoke(cau_giay_offer, cau_giay_board),  # only the source site revokes
    ):
        with pytest.raises(SyndicationError):
            attempt()
    syndication.accept(dong_da_offer, boards[DONG_DA])
    with pytest.raises(SyndicationError):
        syndication.unlink(placement_for(tet_article, DONG_DA), cau_giay_board)
    with pytest.raises(SyndicationError):
        syndication.offer(tet_article, [unit(HOAN_KIEM)], cau_giay_editor)  # offering is the source site's call
    assert placement_for(tet_article, DONG_DA).state == State.ACCEPTED
    assert placement_for(tet_article, CAU_GIAY).state == State.OFFERED
    assert not Placement.objects.filter(source=tet_article, target_unit__code=HOAN_KIEM).exists()


def test_the_city_revokes_a_copy_and_it_leaves_that_ward_only(client, unit, member_of, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA), unit(HOAN_KIEM)], None)
    for code in (DONG_DA, HOAN_KIEM):
        syndication.accept(placement_for(tet_article, code), boards[code])
    syndication.revoke(placement_for(tet_article, DONG_DA), member_of(CITY, "editor"), "Thông tin đã thay đổi.")
    assert "Lịch nghỉ Tết Nguyên đán" not in api_titles(client, DONGDA)
    assert "Lịch nghỉ Tết Nguyên đán" in api_titles(client, HOANKIEM)
    assert placement_for(tet_article, DONG_DA).reason == "Thông tin đã thay đổi."


def test_an_unlinked_copy_becomes_the_wards_own_page_and_stops_following_the_source(client, unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    placement = syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    fork = syndication.unlink(placement, boards[DONG_DA])
    assert fork.live and fork.path.startswith(unit(DONG_DA).site.root_page.path)
    assert fork.specific.author == "Trần Thị Bình"  # the citation travels with the fork
    tet_article.title = "Lịch nghỉ Tết (đã sửa)"
    tet_article.save_revision().publish()
    titles = api_titles(client, DONGDA)
    assert "Lịch nghỉ Tết Nguyên đán" in titles and titles["Lịch nghỉ Tết Nguyên đán"]["meta"]["syndication"] is None
    assert "Lịch nghỉ Tết (đã sửa)" not in titles


def test_a_deleted_source_takes_its_copies_offline_and_the_ward_board_reads_why(client, unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    tet_article.delete()
    placement = Placement.objects.get(target_unit__code=DONG_DA, source_title="Lịch nghỉ Tết Nguyên đán")
    assert placement.state == State.SOURCE_DELETED and placement.source is None
    assert "xóa bài gốc" in placement.reason
    assert "Lịch nghỉ Tết Nguyên đán" not in api_titles(client, DONGDA)


def test_a_ward_following_a_city_category_receives_new_articles_as_offers(unit, boards):
    propaganda, _ = Category.objects.get_or_create(name="Tuyên truyền")
    syndication.subscribe(unit(DONG_DA), propaganda, boards[DONG_DA])
    followed = article(section(unit(CITY), "news"), "Hưởng ứng ngày Pháp luật", category=propaganda)
    other = article(section(unit(CITY), "news"), "Tin khác của Thành phố")
    assert placement_for(followed, DONG_DA).origin == Placement.Origin.SUBSCRIPTION
    assert not Placement.objects.filter(source=other).exists()


def test_a_ward_board_reposts_from_the_feed_in_one_step_and_an_editors_pick_waits_for_the_board(
    client, unit, member_of, boards, tet_article
):
    picked = syndication.pull(tet_article, unit(DONG_DA), boards[DONG_DA])
    assert picked.state == State.ACCEPTED
    assert "Lịch nghỉ Tết Nguyên đán" in api_titles(client, DONGDA)
    waiting = syndication.pull(tet_article, unit(CAU_GIAY), member_of(CAU_GIAY, "editor"))
    assert waiting.state == State.OFFERED
    with pytest.raises(SyndicationError):
        syndication.pull(tet_article, unit(HOAN_KIEM), member_of(CAU_GIAY, "editor"))


def test_a_copy_cannot_be_accepted_into_another_sites_section(unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    with pytest.raises(SyndicationError, match="chuyên mục của chính trang"):
        syndication.accept(
            placement_for(tet_article, DONG_DA), boards[DONG_DA], section=section(unit(CAU_GIAY), "news")
        )
    assert placement_for(tet_article, DONG_DA).state == State.OFFERED


def test_a_wards_listing_costs_the_same_queries_with_one_copy_as_with_three(client, unit, boards):
    city_news = section(unit(CITY), "news")
    sources = [article(city_news, f"Tin Thành phố số {number}") for number in range(3)]
    syndication.offer(sources[0], [unit(DONG_DA)], None)
    syndication.accept(placement_for(sources[0], DONG_DA), boards[DONG_DA])

    def listing_queries():
        bump([GLOBAL])  # measure a rendered response, not the response cache
        with CaptureQueriesContext(connection) as queries:
            api_titles(client, DONGDA)
        return len(queries)

    api_titles(client, DONGDA)  # warm per-process caches (site root paths, content types)
    one = listing_queries()
    for source in sources[1:]:
        syndication.offer(source, [unit(DONG_DA)], None)
        syndication.accept(placement_for(source, DONG_DA), boards[DONG_DA])
    assert len(api_titles(client, DONGDA)) == 3
    assert listing_queries() == one


@pytest.mark.parametrize("deep", [windows.DEEP, 0], ids=["shallow windows", "every window read keys first"])
def test_a_wards_api_listing_section_and_feed_page_through_its_own_news_and_the_city_copies_in_date_order(
    client, unit, boards, monkeypatch, deep
):
    """A deep window reads keys first and, on PostgreSQL, a site's own pages and its copies apart, merged
    (home/windows.py: window; `deep=0` takes that way at this size); either way a reader paging by offset or by
    cursor meets each item once, in order, and the section's page and feed list them in that order."""
    monkeypatch.setattr(windows, "DEEP", deep)
    day = datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC)
    own_news, city_news = section(unit(DONG_DA), "news"), section(unit(CITY), "news")
    for number, (parent, title) in enumerate(
        [
            (own_news, "Phường họp dân"),
            (city_news, "Thành phố khai mạc hội hoa"),
            (own_news, "Phường ra quân vệ sinh"),
            (city_news, "Thành phố phân luồng giao thông"),
            (city_news, "Thành phố tuyển dụng giáo viên"),
            (own_news, "Phường trao quà Tết"),
        ]
    ):
        page = article(parent, title, first_published_at=day + datetime.timedelta(days=number))
        if parent is city_news:
            syndication.offer(page, [unit(DONG_DA)], None)
            syndication.accept(placement_for(page, DONG_DA), boards[DONG_DA])
    newest_first = [
        "Phường trao quà Tết",
        "Thành phố tuyển dụng giáo viên",
        "Thành phố phân luồng giao thông",
        "Phường ra quân vệ sinh",
        "Thành phố khai mạc hội hoa",
        "Phường họp dân",
    ]
    listing = {"type": "home.ArticlePage", "order": "-first_published_at", "limit": 2}

    def titles(**params):
        body = client.get("/api/v2/pages/", {**listing, **params}, HTTP_HOST=DONGDA).json()
        return [item["title"] for item in body["items"]], body["meta"]

    by_offset = [title for offset in (0, 2, 4) for title in titles(offset=offset)[0]]
    assert by_offset == newest_first
    by_cursor, cursor = [], None
    while True:
        found, meta = titles(**({"after": cursor} if cursor else {}))
        by_cursor += found
        assert meta["total_count"] == 6
        if not (cursor := meta["next"]):
            break
    assert by_cursor == newest_first
    assert titles(offset=5)[0] == ["Phường họp dân"] and titles(offset=6)[0] == []
    for url in (own_news.url, own_news.url + "atom.xml"):
        shown = client.get(url, HTTP_HOST=DONGDA).content.decode()
        assert sorted(newest_first, key=shown.index) == newest_first, url


def test_a_ward_board_that_forks_an_embargoed_city_article_gets_only_the_approved_text(unit, boards, tet_article):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    placement = syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    embargoed = tet_article.get_latest_revision_as_object()
    embargoed.title = "Lịch nghỉ Tết: bản nháp chưa duyệt"
    embargoed.summary = "Nội dung đang chờ Ban Biên tập Thành phố duyệt, chưa được công bố."
    embargoed.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=3))

    fork = syndication.unlink(placement, boards[DONG_DA]).specific

    assert (fork.title, fork.summary) == ("Lịch nghỉ Tết Nguyên đán", "Tóm tắt: Lịch nghỉ Tết Nguyên đán")
    seen_by_the_ward = [fork.get_latest_revision_as_object(), *(r.as_object() for r in fork.revisions.all())]
    assert all("chưa duyệt" not in page.title and "chờ Ban" not in page.summary for page in seen_by_the_ward)
    assert fork.revisions.count() == 1, "the city's revision history stays with the city"


def test_a_copy_of_a_source_made_private_leaves_the_wards_pages_feeds_api_and_search_at_once(
    client, unit, boards, tet_article
):
    syndication.offer(tet_article, [unit(DONG_DA)], None)
    placement = syndication.accept(placement_for(tet_article, DONG_DA), boards[DONG_DA])
    copy_path = urlsplit(placement.url).path
    # Seen once by citizens, so that the API's response cache holds it.
    assert "Lịch nghỉ Tết Nguyên đán" in api_titles(client, DONGDA)
    assert client.get(copy_path, HTTP_HOST=DONGDA).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=tet_article, restriction_type=PageViewRestriction.PASSWORD, password="chi-noi-bo"
    )

    assert "Lịch nghỉ Tết Nguyên đán" not in api_titles(client, DONGDA)
    assert "Lịch nghỉ Tết Nguyên đán" not in rss_titles(client, DONGDA)
    assert client.get(copy_path, HTTP_HOST=DONGDA).status_code == 404
    assert client.get("/api/search/", {"q": "lich nghi tet", "site": DONGDA}).json()["total"] == 0

    restriction.delete()
    assert "Lịch nghỉ Tết Nguyên đán" in api_titles(client, DONGDA)
