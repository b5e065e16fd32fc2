# ruff: noqa: F811
"""Every endpoint's response shape is pinned, and real responses match the published OpenAPI description."""

from datetime import timedelta

import jsonschema_rs
import pytest

from django.utils import timezone

from citizens import defences
from citizens.models import DraftDocumentPage
from home.models import ContactCard, Notice, Official

from .api_content import CITY_HOST, DONGDA, content, fresh_api_cache  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db


def conforms(client, response, path, status="200"):
    """Validate a response body against the schema the server itself publishes for that path."""
    document = client.get("/api/v2/openapi.json", HTTP_HOST=DONGDA).json()
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for({**schema, "components": document["components"]})
    errors = [error.message for error in validator.iter_errors(response.json())]
    assert errors == []
    return response.json()


def test_a_pages_listing_has_wagtails_shape_with_a_total_count(client, content):
    response = client.get("/api/v2/pages/", {"type": "home.ArticlePage"}, HTTP_HOST=DONGDA)
    body = conforms(client, response, "/api/v2/pages/")
    assert body["meta"] == {"total_count": 2, "next": None}  # one page: no cursor to a next one
    assert list(body["items"][0]) == ["id", "meta", "title"]
    assert list(body["items"][0]["meta"]) == [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "locale",
        "syndication",
    ]
    assert body["items"][0]["meta"]["syndication"] is None  # Đống Đa's own article, not a copy
    assert body["items"][0]["meta"]["detail_url"].startswith("http://dongda.localhost/api/v2/pages/")


def test_an_article_detail_carries_its_citation_fields(client, content):
    response = client.get(f"/api/v2/pages/{content['library'].pk}/", HTTP_HOST=DONGDA)
    body = conforms(client, response, "/api/v2/pages/{id}/")
    assert body["meta"]["type"] == "home.ArticlePage"
    assert body["meta"]["parent"]["title"] == "Tin tức - Sự kiện"
    assert body["meta"]["locale"] == "vi"
    assert {"summary", "body", "hero_image", "category", "tags", "author", "source_agency", "published_at"} <= set(body)
    assert body["tags"] == ["thư viện"]
    assert body["category"]["name"] == "Văn hóa"
    assert body["author"] == "Nguyễn Văn An"


def test_a_legal_document_detail_carries_its_document_fields(client, content):
    body = client.get(f"/api/v2/pages/{content['decision'].pk}/", HTTP_HOST=DONGDA).json()
    assert body["number"] == "12/QĐ-UBND"
    assert body["document_type"] == "quyet_dinh"
    assert body["issue_date"] == "2026-01-05"
    assert body["status"] == "in_force"
    assert body["attachments"] == []
    assert body["related_documents"] == []


def test_notices_officials_and_contacts_have_their_pinned_shapes(client, unit):
    dongda = unit(DONG_DA)
    Notice.objects.create(unit=dongda, title="Lịch cắt điện", message="Thứ Bảy", level=1)
    Official.objects.create(unit=dongda, name="Trần Thị Bình", position="Chủ tịch UBND phường")
    ContactCard.objects.create(unit=dongda, title="Bộ phận một cửa", phone="024 1234 5678")
    notices = conforms(client, client.get("/api/v2/notices/", HTTP_HOST=DONGDA), "/api/v2/notices/")
    officials = conforms(client, client.get("/api/v2/officials/", HTTP_HOST=DONGDA), "/api/v2/officials/")
    contacts = conforms(client, client.get("/api/v2/contacts/", HTTP_HOST=DONGDA), "/api/v2/contacts/")
    assert list(notices["items"][0]) == ["id", "meta", "title", "message", "link", "level", "ends_at"]
    assert list(officials["items"][0]) == ["id", "meta", "name", "position", "phone", "email", "photo"]
    assert list(contacts["items"][0]) == ["id", "meta", "title", "address", "phone", "email", "office_hours"]


def test_categories_and_fields_are_shared_by_every_site(client, content):
    for host in (DONGDA, CITY_HOST):
        body = conforms(client, client.get("/api/v2/categories/", HTTP_HOST=host), "/api/v2/categories/")
        assert [(item["name"], item["slug"]) for item in body["items"]] == [("Văn hóa", "van-hoa")]


def test_images_and_documents_listings_match_the_schema(client, unit):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    Document.objects.create(title="Lịch tiếp dân", collection=unit(DONG_DA).collection, file=ContentFile(b"x", "l.txt"))
    documents = conforms(client, client.get("/api/v2/documents/", HTTP_HOST=DONGDA), "/api/v2/documents/")
    conforms(client, client.get("/api/v2/images/", HTTP_HOST=DONGDA), "/api/v2/images/")
    assert list(documents["items"][0]["meta"]) == ["type", "detail_url", "tags", "download_url"]


def test_errors_have_a_vietnamese_message_and_a_code(client, content):
    unknown = client.get("/api/v2/pages/", HTTP_HOST="khongco.localhost")
    bad = client.get("/api/v2/pages/", {"limit": "nhieu"}, HTTP_HOST=DONGDA)
    bad_date = client.get("/api/v2/pages/", {"issue_date": "2026-13-45"}, HTTP_HOST=DONGDA)
    assert conforms(client, unknown, "/api/v2/pages/", "404")["code"] == "unknown_site"
    message = conforms(client, bad, "/api/v2/pages/", "400")["message"]
    assert message == "Yêu cầu không hợp lệ, hãy kiểm tra các tham số."
    assert bad.json()["detail"] == "limit must be a positive integer"
    assert bad_date.status_code == 400
    assert bad_date.json()["message"] == "Giá trị tham số không hợp lệ."


def test_the_openapi_description_lists_every_endpoint(client):
    document = client.get("/api/v2/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    endpoints = {path.split("/")[3] for path in document["paths"]}
    assert endpoints == {
        "pages", "images", "documents", "notices", "officials", "contacts", "categories", "fields", "sites", "preview",
        "navigation", "compliance", "identity",
    }  # fmt: skip


def test_a_sites_identity_matches_the_schema(client):
    body = conforms(client, client.get("/api/v2/identity/", HTTP_HOST=DONGDA), "/api/v2/identity/")
    assert [item["full_name"] for item in body["items"]] == ["Ủy ban nhân dân phường Đống Đa"]


def test_the_navigation_of_a_ward_and_of_the_english_city_match_the_schema(client):
    for host, params in ((DONGDA, {}), (CITY_HOST, {"locale": "en"})):
        body = conforms(client, client.get("/api/v2/navigation/", params, HTTP_HOST=host), "/api/v2/navigation/")
        assert list(body) == ["site", "locale", "home", "menu"]
        assert list(body["menu"][0]) == ["id", "title", "slug", "url", "html_url", "section_key"]


def test_an_unknown_api_address_gets_a_json_404_not_an_html_page(client):
    response = client.get("/api/v2/pages/null,null/", HTTP_HOST=DONGDA)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def conforms_to(client, document, response, path, method="post"):
    """Validate a response of a citizens' API against the description it publishes (Django Ninja's OpenAPI)."""
    description = client.get(document, HTTP_HOST=DONGDA).json()
    content = description["paths"][path][method]["responses"][str(response.status_code)]["content"]
    validator = jsonschema_rs.validator_for(
        {**content["application/json"]["schema"], "components": description["components"]}
    )
    assert [error.message for error in validator.iter_errors(response.json())] == []
    return response.json()


def test_the_citizens_apis_describe_their_endpoints_and_answer_as_described(client, content, settings):
    settings.PORTAL_PAGE_CACHE = False
    documents = {
        "/api/questions/openapi.json": {("/api/questions/", "post"), ("/api/questions/challenge/", "get"),
                                        ("/api/questions/{code}/", "get")},
        "/api/comments/openapi.json": {("/api/comments/{page_id}/", "get"), ("/api/comments/{page_id}/", "post")},
        "/api/ratings/openapi.json": {("/api/ratings/{page_id}/", "post")},
    }  # fmt: skip
    for document, operations in documents.items():
        paths = client.get(document, HTTP_HOST=DONGDA).json()["paths"]
        assert {(path, method) for path, item in paths.items() for method in item} == operations

    # A question: received, refused (the error body every citizens' API shares), its status, an unknown code.
    question = {
        "name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "unit": content["library"].get_site().unit.pk,
        "field": "ho-tich",
        "title": "Đăng ký khai sinh",
        "text": "Tôi đăng ký khai sinh cho con ở đâu?",
        "consent": "on",
    }
    asked = client.post("/api/questions/", {**question, "pow": defences.solve(defences.challenge())}, HTTP_HOST=DONGDA)
    assert asked.status_code == 201
    code = conforms_to(client, "/api/questions/openapi.json", asked, "/api/questions/")["code"]
    wrong = client.post(
        "/api/questions/", {**question, "consent": "", "pow": defences.solve(defences.challenge())}, HTTP_HOST=DONGDA
    )
    assert wrong.status_code == 400
    assert conforms_to(client, "/api/questions/openapi.json", wrong, "/api/questions/") == {
        "detail": "Câu hỏi chưa gửi được: Cần đồng ý với điều khoản bảo vệ dữ liệu cá nhân để gửi.",
        "errors": {"consent": ["Cần đồng ý với điều khoản bảo vệ dữ liệu cá nhân để gửi."]},
    }
    for path, status in ((code, 200), ("HN-DONGDA-2026-999999", 404)):
        response = client.get(f"/api/questions/{path}/", HTTP_HOST=DONGDA)
        assert response.status_code == status
        conforms_to(client, "/api/questions/openapi.json", response, "/api/questions/{code}/", "get")
    assert response.json()["detail"] == "Không tìm thấy câu hỏi có mã này."

    legal = content["decision"].get_parent()
    today = timezone.localdate()
    draft = legal.add_child(
        instance=DraftDocumentPage(
            title="Dự thảo quy định tiếp công dân",
            drafting_unit="Văn phòng",
            abstract="Tóm tắt",
            opens_on=today,
            closes_on=today + timedelta(days=10),
        )
    )
    draft.save_revision().publish()
    comment = {"name": "Nguyễn Văn An", "phone": "0912345678", "text": "Đề nghị bổ sung.", "consent": "on"}
    posted = client.post(
        f"/api/comments/{draft.pk}/", {**comment, "pow": defences.solve(defences.challenge())}, HTTP_HOST=DONGDA
    )
    assert posted.status_code == 201
    assert list(conforms_to(client, "/api/comments/openapi.json", posted, "/api/comments/{page_id}/")) == [
        "status", "status_label", "received_at", "message",
    ]  # fmt: skip
    refused = client.post(f"/api/comments/{draft.pk}/", {**comment, "pow": ""}, HTTP_HOST=DONGDA)
    assert refused.status_code == 400
    conforms_to(client, "/api/comments/openapi.json", refused, "/api/comments/{page_id}/")
    listed = client.get(f"/api/comments/{draft.pk}/", HTTP_HOST=DONGDA)
    assert list(conforms_to(client, "/api/comments/openapi.json", listed, "/api/comments/{page_id}/", "get")) == [
        "id", "title", "drafting_unit", "opens_on", "closes_on", "open", "message", "comments",
    ]  # fmt: skip

    scores = {"interface": "5", "content": "4", "quality": "4", "support": "3"}
    rated = client.post(f"/api/ratings/{content['library'].pk}/", scores, HTTP_HOST=DONGDA)
    assert rated.status_code == 201
    assert list(conforms_to(client, "/api/ratings/openapi.json", rated, "/api/ratings/{page_id}/")) == [
        "page", "rated_on", "message",
    ]  # fmt: skip
    again = client.post(f"/api/ratings/{content['library'].pk}/", scores, HTTP_HOST=DONGDA)
    assert again.status_code == 409
    conforms_to(client, "/api/ratings/openapi.json", again, "/api/ratings/{page_id}/")
