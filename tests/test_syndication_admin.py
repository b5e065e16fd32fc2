"""The syndication admin, as editors and boards use it: sharing page, inbox, pull feed; refusals on the server."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from syndication import actions as syndication
from syndication.models import Placement

from .api_content import DONGDA, article, fresh_api_cache, section  # noqa: F401
from .conftest import CAU_GIAY, CITY, DONG_DA, HOAN_KIEM, refused

State = Placement.State


@pytest.fixture
def city_article(db, unit):
    return article(section(unit(CITY), "news"), "Hà Nội ra quân làm sạch môi trường đón Tết")


def status_url(page):
    return reverse("syndication_status", args=[page.pk])


def test_a_city_editor_offers_an_article_to_every_ward_and_sees_each_wards_state(client, member_of, city_article):
    client.force_login(member_of(CITY, "editor"))
    response = client.post(status_url(city_article), {"action": "offer", "group": "wards"}, follow=True)
    assert "Đã gửi bài tới 126 trang." in response.content.decode()
    assert Placement.objects.filter(source=city_article, state=State.OFFERED).count() == 126
    page = client.get(status_url(city_article), {"trang_thai": "offered"}).content.decode()
    assert page.count('data-state="offered"') == 126
    assert "Chờ nhận (126)" in page


def test_offering_with_no_target_chosen_says_what_is_missing(client, member_of, city_article):
    client.force_login(member_of(CITY, "editor"))
    response = client.post(status_url(city_article), {"action": "offer", "group": ""})
    assert response.status_code == 200
    assert "Hãy chọn một nhóm trang hoặc ít nhất một trang nhận bài." in response.content.decode()
    assert not Placement.objects.filter(source=city_article).exists()


def test_the_status_view_costs_the_same_queries_for_three_targets_as_for_141(client, unit, member_of, city_article):
    client.force_login(member_of(CITY, "editor"))
    syndication.offer(city_article, [unit(DONG_DA), unit(CAU_GIAY), unit(HOAN_KIEM)], None)
    client.get(status_url(city_article))  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as three:
        assert client.get(status_url(city_article)).status_code == 200
    syndication.offer(city_article, syndication.target_units("wards"), None)
    syndication.offer(city_article, syndication.target_units("departments"), None)
    assert Placement.objects.filter(source=city_article).count() == 141
    with CaptureQueriesContext(connection) as all_targets:
        assert client.get(status_url(city_article)).status_code == 200
    assert len(all_targets) == len(three)


def test_another_sites_editor_can_neither_see_nor_share_the_citys_article(client, member_of, city_article):
    client.force_login(member_of(CAU_GIAY, "editor"))
    assert refused(client.get(status_url(city_article)))
    assert refused(client.post(status_url(city_article), {"action": "offer", "group": "wards"}))
    assert not Placement.objects.filter(source=city_article).exists()


def test_dong_da_board_accepts_an_offer_from_its_inbox_into_its_news_section(client, unit, member_of, city_article):
    syndication.offer(city_article, [unit(DONG_DA)], None)
    placement = Placement.objects.get(source=city_article)
    client.force_login(member_of(DONG_DA, "board_head"))
    inbox = client.get(reverse("syndication_inbox")).content.decode()
    assert "Hà Nội ra quân làm sạch môi trường đón Tết" in inbox
    news = section(unit(DONG_DA), "news")
    response = client.post(
        reverse("syndication_inbox"),
        {"action": "accept", "placement": placement.pk, f"p{placement.pk}-section": news.pk},
        follow=True,
    )
    assert "Đã nhận bài" in response.content.decode()
    placement.refresh_from_db()
    assert placement.state == State.ACCEPTED and placement.section_id == news.pk
    assert client.get(f"/{news.slug}/{placement.slug}/", HTTP_HOST=DONGDA).status_code == 200


def test_a_malformed_go_live_time_is_refused_in_vietnamese_and_the_offer_stays(client, unit, member_of, city_article):
    syndication.offer(city_article, [unit(DONG_DA)], None)
    placement = Placement.objects.get(source=city_article)
    client.force_login(member_of(DONG_DA, "board_head"))
    response = client.post(
        reverse("syndication_inbox"),
        {
            "action": "accept",
            "placement": placement.pk,
            f"p{placement.pk}-section": section(unit(DONG_DA), "news").pk,
            f"p{placement.pk}-live_at": "31/02/2027 25:00",
        },
        follow=True,
    )
    assert "Hãy chọn chuyên mục và thời gian hợp lệ" in response.content.decode()
    placement.refresh_from_db()
    assert placement.state == State.OFFERED


def test_cau_giay_board_cannot_act_on_dong_das_offer_through_its_own_inbox(client, unit, member_of, city_article):
    syndication.offer(city_article, [unit(DONG_DA)], None)
    placement = Placement.objects.get(source=city_article)
    client.force_login(member_of(CAU_GIAY, "board_head"))
    for action in ("accept", "decline", "unlink"):
        response = client.post(reverse("syndication_inbox"), {"action": action, "placement": placement.pk})
        assert response.status_code == 404
    placement.refresh_from_db()
    assert placement.state == State.OFFERED


def test_an_editor_without_a_board_seat_has_no_inbox(client, member_of):
    client.force_login(member_of(DONG_DA, "editor"))
    assert refused(client.get(reverse("syndication_inbox")))


def test_a_ward_board_finds_a_city_article_in_the_feed_and_reposts_it_in_one_click(
    client, unit, member_of, city_article
):
    client.force_login(member_of(DONG_DA, "board_head"))
    feed = client.get(reverse("syndication_feed"), {"q": "làm sạch"}).content.decode()
    assert "Hà Nội ra quân làm sạch môi trường đón Tết" in feed
    response = client.post(reverse("syndication_feed"), {"page": city_article.pk}, follow=True)
    assert "Đã đăng lại" in response.content.decode()
    assert Placement.objects.get(source=city_article, target_unit=unit(DONG_DA)).state == State.ACCEPTED


def test_offering_to_communes_only_reaches_the_communes(client, member_of, city_article):
    client.force_login(member_of(CITY, "editor"))
    client.post(status_url(city_article), {"action": "offer", "group": "commune"})
    kinds = set(Placement.objects.filter(source=city_article).values_list("target_unit__kind", flat=True))
    assert kinds == {"commune"}
    assert Placement.objects.filter(source=city_article).count() == 75


def test_a_forked_copy_is_dong_das_page_and_cau_giay_cannot_edit_it(client, unit, member_of, city_article):
    syndication.offer(city_article, [unit(DONG_DA)], None)
    head = member_of(DONG_DA, "board_head")
    placement = syndication.accept(Placement.objects.get(source=city_article), head)
    client.force_login(head)
    response = client.post(reverse("syndication_inbox"), {"action": "unlink", "placement": placement.pk})
    fork = Placement.objects.get(pk=placement.pk).forked_page
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[fork.pk])
    assert client.get(response.url).status_code == 200
    client.force_login(member_of(CAU_GIAY, "editor"))
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[fork.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[fork.pk]), {"title": "Sửa trộm"}))
    fork.refresh_from_db()
    assert fork.title == "Hà Nội ra quân làm sạch môi trường đón Tết"


def test_the_inbox_costs_the_same_queries_for_one_offer_as_for_five(client, unit, member_of):
    city_news = section(unit(CITY), "news")
    sources = [article(city_news, f"Thông báo của Thành phố số {number}") for number in range(5)]
    syndication.offer(sources[0], [unit(DONG_DA)], None)
    client.force_login(member_of(DONG_DA, "board_head"))
    client.get(reverse("syndication_inbox"))  # warm per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("syndication_inbox"))
    for source in sources[1:]:
        syndication.offer(source, [unit(DONG_DA)], None)
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("syndication_inbox")).content.decode()
    assert page.count("Nhận bài") >= 5
    assert len(five) == len(one)


def test_crafted_or_malformed_posts_get_a_404_or_a_vietnamese_message_never_a_server_error(
    client, unit, member_of, city_article
):
    client.force_login(member_of(DONG_DA, "board_head"))
    malformed = ({"action": "accept", "placement": "abc"}, {"action": "decline"}, {"action": "unlink", "placement": ""})
    for data in malformed:
        assert client.post(reverse("syndication_inbox"), data).status_code == 404
    assert client.post(reverse("syndication_feed"), {"page": "1 OR 1=1"}).status_code == 404
    assert client.post(reverse("syndication_inbox"), {"action": "follow", "categories": ["x"]}).status_code == 302
    own = article(section(unit(DONG_DA), "news"), "Tin riêng của Đống Đa")
    response = client.post(reverse("syndication_feed"), {"page": own.pk}, follow=True)
    assert "Bài này đã là bài của chính trang mình." in response.content.decode()
    assert not Placement.objects.filter(source=own).exists()
