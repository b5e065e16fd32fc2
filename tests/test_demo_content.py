"""The demo content a newcomer sees, and the guard that keeps it out of production."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from home.models import ArticlePage, LeaderProfilePage, LegalDocumentPage
from provisioning.demo import seeding

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def credentials_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(seeding, "CREDENTIALS_FILE", tmp_path / "demo-accounts.txt")


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_articles_appear_on_their_own_sites_and_are_marked_as_demo(client):
    seed()
    city = client.get("/", HTTP_HOST="localhost").content.decode()
    ward = client.get("/", HTTP_HOST="dongda.localhost").content.decode()
    other_ward = client.get("/", HTTP_HOST="caugiay.localhost").content.decode()
    assert "Hà Nội chính thức có Trung tâm Thông tin điện tử thành phố" in city
    assert "Phường Đống Đa ra quân tổng vệ sinh môi trường" in ward
    assert "Phường Đống Đa ra quân" not in other_ward
    assert ArticlePage.objects.filter(is_demo=False).count() == 0
    assert ArticlePage.objects.live().count() >= 8


def test_a_fresh_portals_legal_search_finds_the_citys_decisions_typed_without_marks(client):
    seed()
    search = {"co_quan": "ubnd thanh pho", "q": "han muc giao dat"}
    html = client.get("/tra-cuu-van-ban/", search, HTTP_HOST="localhost").content.decode()
    assert "12/2026/QĐ-UBND" in html and "30/2024/QĐ-UBND" in html
    assert "15/QĐ-UBND" not in html  # Đống Đa's own decision is on Đống Đa's site
    ward = client.get("/tra-cuu-van-ban/", {"q": "quy che lam viec"}, HTTP_HOST="dongda.localhost").content.decode()
    assert "15/QĐ-UBND" in ward


def test_a_fresh_portal_shows_the_leaders_and_units_of_the_city_and_of_dong_da(client):
    seed()
    city = client.get("/gioi-thieu/co-cau-to-chuc/", HTTP_HOST="localhost").content.decode()
    assert "Chủ tịch UBND thành phố" in city and "Văn phòng UBND thành phố" in city
    assert 'href="http://sotaichinh.localhost' in city  # a department's unit card leads to its site
    ward = client.get("/gioi-thieu/co-cau-to-chuc/", HTTP_HOST="dongda.localhost").content.decode()
    assert "Chủ tịch UBND phường Đống Đa" in ward and "Trung tâm Phục vụ hành chính công phường" in ward
    assert "Chủ tịch UBND thành phố" not in ward


def test_the_english_portal_has_news_on_a_fresh_portal(client):
    seed()
    news = client.get("/en/news/", HTTP_HOST="localhost").content.decode()
    assert "Hanoi&#x27;s 126 wards and communes publish on one portal platform" in news


def test_seeding_twice_adds_nothing_and_keeps_the_printed_passwords(tmp_path):
    first = seed()
    articles, documents = ArticlePage.objects.count(), LegalDocumentPage.objects.count()
    leaders = LeaderProfilePage.objects.count()
    second = seed()
    assert "Bài viết mẫu: 0 bài mới." in second
    assert "Văn bản mẫu: 0 văn bản mới." in second and "Lãnh đạo mẫu: 0 người mới." in second
    assert ArticlePage.objects.count() == articles
    assert (LegalDocumentPage.objects.count(), LeaderProfilePage.objects.count()) == (documents, leaders)
    admin_line = next(line for line in first.splitlines() if line.strip().startswith("admin /"))
    assert admin_line in second
    password = admin_line.split("/")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_the_citys_newest_demo_article_is_offered_to_every_ward_and_two_show_it(client):
    out = seed()
    assert "Chia sẻ mẫu: bài mới nhất của Thành phố được gửi tới 126 phường, xã." in out
    title = "Hà Nội chính thức có Trung tâm Thông tin điện tử thành phố"
    assert title in client.get("/", HTTP_HOST="dongda.localhost").content.decode()  # accepted: shown as a copy
    assert title in client.get("/", HTTP_HOST="hoankiem.localhost").content.decode()
    assert title not in client.get("/", HTTP_HOST="caugiay.localhost").content.decode()  # still waiting in its inbox
    assert "Chia sẻ mẫu" not in seed()  # seeding again offers nothing new


def test_a_demo_ward_editor_belongs_to_their_wards_editor_group():
    seed()
    user = get_user_model().objects.get(username="bientap.dongda")
    assert [group.name for group in user.groups.all()] == ["Phường Đống Đa · Biên tập viên"]
    assert not user.is_superuser


def test_demo_content_is_refused_where_settings_do_not_allow_it(settings):
    settings.PORTAL_ALLOW_DEMO_CONTENT = False
    with pytest.raises(CommandError, match="không cho phép nạp nội dung mẫu"):
        seed()
    assert not ArticlePage.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()
