"""A front end draws any site's header from one request: its name, unit, languages and menu."""

import pytest

from wagtail.models import PageViewRestriction

from home.models import SectionPage

from .api_content import CITY_HOST, DONGDA, fresh_api_cache, section  # noqa: F401
from .conftest import CITY, DONG_DA
from .test_api_contract import conforms

pytestmark = pytest.mark.django_db

WARD_MENU = [
    ("Giới thiệu", "gioi-thieu", "/gioi-thieu/", "introduction"),
    ("Tin tức - Sự kiện", "tin-tuc-su-kien", "/tin-tuc-su-kien/", "news"),
    ("Chỉ đạo, điều hành", "chi-dao-dieu-hanh", "/chi-dao-dieu-hanh/", "direction"),
    ("Văn bản pháp luật", "van-ban-phap-luat", "/van-ban-phap-luat/", "legal_documents"),
    ("Kế hoạch, dự án", "ke-hoach-du-an", "/ke-hoach-du-an/", "plans"),
    ("Thống kê", "thong-ke", "/thong-ke/", "statistics"),
    ("Thủ tục hành chính, dịch vụ công", "thu-tuc-hanh-chinh-dich-vu-cong", "/thu-tuc-hanh-chinh-dich-vu-cong/",
     "procedures"),
    ("Liên hệ", "lien-he", "/lien-he/", "contact"),
    ("Hỏi đáp", "hoi-dap", "/hoi-dap/", "questions"),
]  # fmt: skip


def navigation(client, host=DONGDA, **params):
    response = client.get("/api/v2/navigation/", params, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return conforms(client, response, "/api/v2/navigation/")


def menu(body):
    return [(item["title"], item["slug"], item["url"], item["section_key"]) for item in body["menu"]]


def test_a_wards_navigation_names_its_unit_and_lists_its_nine_sections_in_order(client, unit):
    body = navigation(client)
    assert body["site"] == {
        "name": "Phường Đống Đa",
        "hostname": "dongda.localhost",
        "root_url": "http://dongda.localhost",
        "unit": {"code": "00235", "kind": "ward", "name": "Đống Đa", "display_name": "Phường Đống Đa"},
        "locales": ["vi"],
    }
    assert body["locale"] == "vi"
    assert body["home"]["id"] == unit(DONG_DA).site.root_page_id
    assert body["home"]["url"] == "/"
    assert menu(body) == WARD_MENU
    assert body["menu"][1]["html_url"] == "http://dongda.localhost/tin-tuc-su-kien/"


def test_the_site_parameter_chooses_the_site_whatever_the_host(client):
    body = navigation(client, host=CITY_HOST, site="dongda.localhost:8000")
    assert body["site"]["unit"]["code"] == DONG_DA
    assert body["menu"][0]["html_url"] == "http://dongda.localhost/gioi-thieu/"


def test_the_city_offers_vietnamese_and_english_and_its_english_menu_is_in_english(client):
    vietnamese = navigation(client, host=CITY_HOST)
    english = navigation(client, host=CITY_HOST, locale="en")
    assert vietnamese["site"]["locales"] == english["site"]["locales"] == ["vi", "en"]
    assert vietnamese["site"]["unit"] == {
        "code": "01",
        "kind": "city",
        "name": "Thành phố Hà Nội",
        "display_name": "Thành phố Hà Nội",
    }
    assert len(vietnamese["menu"]) == 9
    assert english["locale"] == "en"
    assert (english["home"]["title"], english["home"]["url"]) == ("Hanoi City", "/en/")
    assert menu(english) == [
        ("About Hanoi", "introduction", "/en/introduction/", "introduction"),
        ("News", "news", "/en/news/", "news"),
        ("Investment", "investment", "/en/investment/", "plans"),
        ("Contact", "contact", "/en/contact/", "contact"),
    ]


def test_a_section_hidden_from_menus_unpublished_or_restricted_is_not_in_the_menu(client, unit):
    dongda = unit(DONG_DA)
    section(dongda, "questions").unpublish()
    SectionPage.objects.filter(pk=section(dongda, "statistics").pk).update(show_in_menus=False)
    PageViewRestriction.objects.create(page=section(dongda, "plans"), restriction_type=PageViewRestriction.LOGIN)
    keys = [item["section_key"] for item in navigation(client)["menu"]]
    assert keys == ["introduction", "news", "direction", "legal_documents", "procedures", "contact"]


def test_a_section_an_editor_added_to_the_menu_appears_without_a_section_key(client, unit):
    extra = SectionPage(title="Chuyển đổi số", show_in_menus=True)
    unit(DONG_DA).site.root_page.add_child(instance=extra)
    extra.save_revision().publish()
    body = navigation(client)
    assert body["menu"][-1] == {
        "id": extra.pk,
        "title": "Chuyển đổi số",
        "slug": "chuyen-doi-so",
        "url": "/chuyen-doi-so/",
        "html_url": "http://dongda.localhost/chuyen-doi-so/",
        "section_key": None,
    }


def test_a_ward_asked_for_english_answers_in_vietnamese_that_it_has_none(client):
    response = client.get("/api/v2/navigation/", {"locale": "en"}, HTTP_HOST=DONGDA)
    body = conforms(client, response, "/api/v2/navigation/", "404")
    assert body == {
        "message": "Trang “Phường Đống Đa” chưa có phiên bản ngôn ngữ “en”. Các ngôn ngữ hiện có: vi.",
        "code": "locale_not_available",
    }


def test_an_unknown_language_an_unknown_parameter_and_an_unknown_site_are_refused_clearly(client):
    language = client.get("/api/v2/navigation/", {"locale": "fr"}, HTTP_HOST=DONGDA)
    parameter = client.get("/api/v2/navigation/", {"limit": "5"}, HTTP_HOST=DONGDA)
    site = client.get("/api/v2/navigation/", HTTP_HOST="khongco.localhost")
    assert conforms(client, language, "/api/v2/navigation/", "400")["message"] == (
        "Ngôn ngữ “fr” không được hỗ trợ; chọn một trong: vi, en."
    )
    assert conforms(client, parameter, "/api/v2/navigation/", "400")["code"] == "bad_request"
    assert conforms(client, site, "/api/v2/navigation/", "404")["code"] == "unknown_site"


def test_navigation_is_cached_and_answers_304_until_a_page_is_published(client, unit):
    first = client.get("/api/v2/navigation/", HTTP_HOST=DONGDA)
    again = client.get("/api/v2/navigation/", HTTP_HOST=DONGDA, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    news = section(unit(DONG_DA), "news")
    news.title = "Tin tức"
    news.save_revision().publish()
    changed = client.get("/api/v2/navigation/", HTTP_HOST=DONGDA, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["menu"][1]["title"] == "Tin tức"


def test_the_city_and_a_ward_cost_the_same_few_queries(client, django_assert_num_queries):
    for host in (CITY_HOST, DONGDA):
        client.get("/api/v2/navigation/", HTTP_HOST=host)  # Wagtail's site-root table and the site (api/remembered.py)
    for host, params in ((CITY_HOST, {"locale": "en"}), (DONGDA, {}), (CITY_HOST, {})):
        with django_assert_num_queries(2):
            client.get("/api/v2/navigation/", {**params, "site": host, "format": "json"}, HTTP_HOST=host)


def test_the_citys_english_home_is_a_page_of_its_own_at_en(client, unit):
    body = navigation(client, host=CITY_HOST, locale="en")
    assert body["home"]["id"] != unit(CITY).site.root_page_id
    assert body["home"]["html_url"] == "http://localhost/en/"
