# ruff: noqa: F811
"""Front ends revalidate cheaply (ETag, Last-Modified, 304), see a change as soon as it is published or withdrawn,
call the API from their own origin, and let editors preview drafts through signed, expiring links."""

import pytest

from django.core import signing
from django.db import connection
from django.urls import reverse

from wagtail.models import PageViewRestriction

from api.preview import make_token

from .api_content import CAUGIAY, DONGDA, article, content, fresh_api_cache, legal_document, section  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db

ARTICLES = {"type": "home.ArticlePage"}


def test_a_repeated_request_with_its_etag_gets_304(client, content):
    first = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA)
    again = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA, HTTP_IF_NONE_MATCH=first["ETag"])
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Last-Modified" in first
    assert again.status_code == 304
    assert again.content == b""


def test_publishing_on_a_site_invalidates_its_cached_listing_but_not_another_sites(client, content, unit):
    dongda_before = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA)
    caugiay_before = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=CAUGIAY)
    article(section(unit(DONG_DA), "news"), "Tin mới đăng")
    dongda_after = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA, HTTP_IF_NONE_MATCH=dongda_before["ETag"])
    caugiay_after = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=CAUGIAY, HTTP_IF_NONE_MATCH=caugiay_before["ETag"])
    assert dongda_after.status_code == 200
    assert "Tin mới đăng" in {item["title"] for item in dongda_after.json()["items"]}
    assert caugiay_after.status_code == 304


def test_unpublishing_withdraws_a_page_from_the_cached_api_at_once(client, content):
    detail = f"/api/v2/pages/{content['library'].pk}/"
    assert client.get(detail, HTTP_HOST=DONGDA).status_code == 200
    content["library"].unpublish()
    assert client.get(detail, HTTP_HOST=DONGDA).status_code == 404
    listing = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA).json()
    assert "Đống Đa khánh thành thư viện phường" not in {item["title"] for item in listing["items"]}


def test_a_page_made_private_leaves_the_api_at_once_though_the_sites_bounds_are_kept(client, content):
    """The site's restrictions are kept between requests (api/remembered.py) under the site's stamp."""
    detail = f"/api/v2/pages/{content['cleanup'].pk}/"
    assert client.get(detail, {"fields": "title"}, HTTP_HOST=DONGDA).status_code == 200
    PageViewRestriction.objects.create(page=content["cleanup"], restriction_type=PageViewRestriction.LOGIN)
    assert client.get(detail, {"fields": "title"}, HTTP_HOST=DONGDA).status_code == 404
    listing = client.get("/api/v2/pages/", ARTICLES, HTTP_HOST=DONGDA).json()
    assert "Đống Đa ra quân tổng vệ sinh" not in {item["title"] for item in listing["items"]}


def test_cors_allows_only_the_configured_front_ends(client, content, settings):
    settings.PORTAL_API_CORS_ORIGINS = ["https://dongda.example.vn"]
    allowed = client.get("/api/v2/pages/", HTTP_HOST=DONGDA, HTTP_ORIGIN="https://dongda.example.vn")
    refused = client.get("/api/v2/pages/", HTTP_HOST=DONGDA, HTTP_ORIGIN="https://evil.example")
    preflight = client.options("/api/v2/pages/", HTTP_HOST=DONGDA, HTTP_ORIGIN="https://dongda.example.vn")
    assert allowed["Access-Control-Allow-Origin"] == "https://dongda.example.vn"
    assert "Access-Control-Allow-Origin" not in refused
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def draft_with_changes(content):
    page = content["library"]
    page.title = "Tiêu đề mới chưa duyệt"
    page.save_revision()
    return page


def test_the_public_api_never_shows_a_pages_unpublished_changes(client, content):
    page = draft_with_changes(content)
    assert client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST=DONGDA).json()["title"] == (
        "Đống Đa khánh thành thư viện phường"
    )


def test_a_signed_preview_token_shows_the_latest_draft_privately(client, content):
    page = draft_with_changes(content)
    response = client.get("/api/v2/preview/", {"token": make_token(page)}, HTTP_HOST=DONGDA)
    assert response.status_code == 200
    assert response.json()["title"] == "Tiêu đề mới chưa duyệt"
    assert response["Cache-Control"] == "private, no-store"


def test_a_never_published_draft_can_be_previewed_too(client, content):
    response = client.get("/api/v2/preview/", {"token": make_token(content["draft"])}, HTTP_HOST=DONGDA)
    assert response.json()["title"] == "Bản nháp chưa duyệt"


def test_a_preview_token_works_only_on_the_pages_own_site(client, content):
    token = make_token(draft_with_changes(content))
    assert client.get("/api/v2/preview/", {"token": token}, HTTP_HOST=CAUGIAY).status_code == 404


def test_an_expired_or_forged_preview_token_is_refused_in_vietnamese(client, content, settings):
    token = make_token(content["draft"])
    forged = signing.dumps({"page": content["draft"].pk, "revision": None}, salt="another-salt")
    settings.PORTAL_PREVIEW_TOKEN_SECONDS = -1
    expired = client.get("/api/v2/preview/", {"token": token}, HTTP_HOST=DONGDA)
    settings.PORTAL_PREVIEW_TOKEN_SECONDS = 600
    bad = client.get("/api/v2/preview/", {"token": forged}, HTTP_HOST=DONGDA)
    assert (expired.status_code, expired.json()["code"]) == (403, "token_expired")
    assert "hết hạn" in expired.json()["message"]
    assert (bad.status_code, bad.json()["code"]) == (403, "token_invalid")


def test_an_editor_is_sent_to_the_sites_front_end_with_a_token(client, content, member_of, settings):
    settings.PORTAL_FRONTEND_URLS = {"dongda.localhost": "https://dongda.example.vn"}
    page = content["draft"]
    client.force_login(member_of(DONG_DA, "editor"))
    response = client.get(reverse("headless_preview", args=[page.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://dongda.example.vn/xem-truoc?token=")
    assert "site=dongda.localhost" in response["Location"]


def test_an_editor_of_another_site_cannot_get_a_preview_link(client, content, member_of):
    from .conftest import CAU_GIAY

    client.force_login(member_of(CAU_GIAY, "editor"))
    response = client.get(reverse("headless_preview", args=[content["draft"].pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"


def test_a_sections_new_name_shows_at_once_as_the_parent_in_its_pages_details(client, content, unit):
    """The process keeps a detail's parent between requests (api/pages.py: ScopedParentField), under the site's
    stamps: renaming and publishing the section must show in the next detail of any of its pages."""
    detail = f"/api/v2/pages/{content['library'].pk}/"
    assert client.get(detail, HTTP_HOST=DONGDA).json()["meta"]["parent"]["title"] == "Tin tức - Sự kiện"
    news = section(unit(DONG_DA), "news")
    news.title = "Tin tức phường"
    news.save_revision().publish()
    assert client.get(detail, HTTP_HOST=DONGDA).json()["meta"]["parent"]["title"] == "Tin tức phường"


def test_a_deleted_page_leaves_the_api_though_the_process_remembered_its_type(client, content):
    detail = f"/api/v2/pages/{content['library'].pk}/"
    assert client.get(detail, HTTP_HOST=DONGDA).status_code == 200
    content["library"].delete()
    response = client.get(detail, HTTP_HOST=DONGDA)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_id_that_names_another_kind_of_page_after_a_restore_shows_that_page(client, content, unit):
    """A database restored under a running portal may give a remembered page's id to a page of another type:
    here the page ids' sequence is set back, as restoring an older dump sets it."""
    # The newest page: SQLite gives out no id below its table's highest.
    old = article(section(unit(DONG_DA), "news"), "Tin của bản sao lưu mới hơn")
    assert client.get(f"/api/v2/pages/{old.pk}/", HTTP_HOST=DONGDA).json()["meta"]["type"] == "home.ArticlePage"
    old_id = old.pk
    old.delete()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), %s)", [old_id - 1])
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = 'wagtailcore_page'", [old_id - 1])
    decision = legal_document(section(unit(DONG_DA), "legal_documents"), "Quyết định khôi phục", "99/QĐ-UBND")
    assert decision.pk == old_id
    shown = client.get(f"/api/v2/pages/{old_id}/", HTTP_HOST=DONGDA).json()
    assert (shown["title"], shown["meta"]["type"]) == ("Quyết định khôi phục", "home.LegalDocumentPage")
