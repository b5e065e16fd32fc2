# ruff: noqa: F811
"""A front end reads exactly one site through the API: the one its Host or ?site= names, and nothing else."""

import pytest

from wagtail.models import Page

from .api_content import CAUGIAY, CITY_HOST, DONGDA, content, fresh_api_cache, titles  # noqa: F401

pytestmark = pytest.mark.django_db

ARTICLES = {"type": "home.ArticlePage"}


def test_a_ward_front_end_gets_only_its_own_articles_by_host(client, content):
    response = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=f"{DONGDA}:8000")
    assert titles(response) == {"Đống Đa khánh thành thư viện phường", "Đống Đa ra quân tổng vệ sinh"}
    assert response.json()["meta"]["total_count"] == 2


def test_the_site_parameter_chooses_the_site_whatever_the_host(client, content):
    by_parameter = client.get("/api/v2/pages/", {**ARTICLES, "site": f"{CAUGIAY}:8000"}, HTTP_HOST=CITY_HOST)
    assert titles(by_parameter) == {"Cầu Giấy tổ chức ngày hội đọc sách"}


@pytest.mark.parametrize(
    "endpoint", ["pages", "images", "documents", "notices", "officials", "contacts", "categories", "fields"]
)
def test_an_unknown_host_gets_a_vietnamese_404_never_the_citys_content(client, content, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", HTTP_HOST="khongco.localhost")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "unknown_site"
    assert "khongco.localhost" in body["message"]
    assert "Không có trang thông tin điện tử nào" in body["message"]
    assert "items" not in body


def test_an_unknown_site_parameter_gets_a_404_even_on_a_known_host(client, content):
    response = client.get("/api/v2/pages/", {"site": "khongco.localhost"}, HTTP_HOST=DONGDA)
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_site"


def test_drafts_and_private_pages_never_appear_in_listings_or_searches(client, content):
    everything = client.get("/api/v2/pages/", {"limit": 100}, HTTP_HOST=DONGDA)
    searched = client.get("/api/v2/pages/", {"search": "Tin nội bộ"}, HTTP_HOST=DONGDA)
    assert "Bản nháp chưa duyệt" not in titles(everything)
    assert "Tin nội bộ của phường" not in titles(everything)
    assert "Tin nội bộ của phường" not in titles(searched)


@pytest.mark.parametrize("page", ["draft", "private", "caugiay", "city"])
def test_a_page_that_is_not_the_sites_own_public_page_is_not_found_by_id(client, content, page):
    response = client.get(f"/api/v2/pages/{content[page].pk}/", HTTP_HOST=DONGDA)
    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy nội dung này trên trang được hỏi."


def test_another_sites_page_is_not_found_by_path_either(client, content):
    found = client.get("/api/v2/pages/find/", {"html_path": "/tin-tuc-su-kien/"}, HTTP_HOST=DONGDA)
    foreign_path = f"/tin-tuc-su-kien/{content['caugiay'].slug}/"
    foreign = client.get("/api/v2/pages/find/", {"html_path": foreign_path}, HTTP_HOST=DONGDA)
    on_its_own_site = client.get("/api/v2/pages/find/", {"html_path": foreign_path}, HTTP_HOST=CAUGIAY)
    assert found.status_code == 302
    assert foreign.status_code == 404
    assert on_its_own_site.status_code == 302


def test_child_of_root_lists_the_sites_own_sections_for_its_navigation(client, content):
    response = client.get("/api/v2/pages/", {"child_of": "root", "limit": 50}, HTTP_HOST=DONGDA)
    assert "Tin tức - Sự kiện" in titles(response)
    parents = {Page.objects.get(pk=item["id"]).get_parent().title for item in response.json()["items"]}
    assert parents == {"Phường Đống Đa"}


def test_another_sites_page_cannot_be_used_as_a_parent_filter(client, content):
    foreign_parent = content["caugiay"].get_parent()
    response = client.get("/api/v2/pages/", {"child_of": foreign_parent.pk}, HTTP_HOST=DONGDA)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_link_to_a_draft_shows_as_null_not_as_the_drafts_title(client, content, unit):
    from home.models import RelatedLegalDocument

    from .api_content import legal_document, section
    from .conftest import DONG_DA

    draft = content["decision"]
    draft.unpublish()
    citing = legal_document(section(unit(DONG_DA), "legal_documents"), "Quyết định sửa đổi", "13/QĐ-UBND")
    RelatedLegalDocument.objects.create(page=citing, related=draft)
    data = client.get(f"/api/v2/pages/{citing.pk}/", HTTP_HOST=DONGDA).json()
    assert data["related_documents"][0]["related"] is None
    assert "Quyết định về quy chế" not in str(data)


def test_images_and_documents_are_those_of_the_sites_own_collection(client, unit):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    from .conftest import CAU_GIAY, DONG_DA

    for code, title in ((DONG_DA, "Lịch tiếp dân Đống Đa"), (CAU_GIAY, "Lịch tiếp dân Cầu Giấy")):
        Document.objects.create(title=title, collection=unit(code).collection, file=ContentFile(b"x", "lich.txt"))
    assert titles(client.get("/api/v2/documents/", HTTP_HOST=DONGDA)) == {"Lịch tiếp dân Đống Đa"}
    assert titles(client.get("/api/v2/documents/", HTTP_HOST=CAUGIAY)) == {"Lịch tiếp dân Cầu Giấy"}


def test_the_api_is_read_only(client, content):
    response = client.post("/api/v2/pages/", {}, HTTP_HOST=DONGDA)
    assert response.status_code == 405
