"""Content the API tests read: published, draft and private pages on a few sites (helpers, not tests)."""

import datetime

import pytest

from django.core.cache import cache

from wagtail.models import PageViewRestriction

from home.models import ArticlePage, Category, LegalDocumentPage, SectionPage

from .conftest import CAU_GIAY, CITY, DONG_DA

DONGDA = "dongda.localhost"
CAUGIAY = "caugiay.localhost"
CITY_HOST = "localhost"


@pytest.fixture(autouse=True)
def fresh_api_cache():
    """Database changes roll back between tests without signals; cached responses must not outlive them."""
    cache.clear()
    yield
    cache.clear()


def section(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def article(parent, title, tags=(), **fields):
    defaults = {"summary": f"Tóm tắt: {title}", "author": "Nguyễn Văn An", "source_agency": "UBND phường"}
    page = ArticlePage(title=title, **{**defaults, **fields})
    parent.add_child(instance=page)
    page.tags.add(*tags)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def legal_document(parent, title, number, **fields):
    defaults = {
        "document_type": LegalDocumentPage.DocumentType.DECISION,
        "issuing_body": "UBND phường Đống Đa",
        "issue_date": datetime.date(2026, 1, 5),
        "abstract": f"Trích yếu: {title}",
    }
    return publish(parent, LegalDocumentPage(title=title, number=number, **{**defaults, **fields}))


@pytest.fixture
def content(db, unit):
    """Đống Đa: two articles, a decision, a draft and a private article; Cầu Giấy and the city: one article each."""
    dongda, caugiay, city = unit(DONG_DA), unit(CAU_GIAY), unit(CITY)
    culture = Category.objects.create(name="Văn hóa")
    news = section(dongda, "news")
    pages = {
        "library": article(news, "Đống Đa khánh thành thư viện phường", tags=["thư viện"], category=culture),
        "cleanup": article(section(dongda, "direction"), "Đống Đa ra quân tổng vệ sinh"),
        "decision": legal_document(section(dongda, "legal_documents"), "Quyết định về quy chế", "12/QĐ-UBND"),
        "caugiay": article(section(caugiay, "news"), "Cầu Giấy tổ chức ngày hội đọc sách"),
        "city": article(section(city, "news"), "Hà Nội công bố quy hoạch Thủ đô"),
    }
    draft = ArticlePage(title="Bản nháp chưa duyệt", author="Nguyễn Văn An", source_agency="UBND", live=False)
    news.add_child(instance=draft)
    draft.save_revision()
    pages["draft"] = draft
    pages["private"] = article(news, "Tin nội bộ của phường")
    PageViewRestriction.objects.create(page=pages["private"], restriction_type=PageViewRestriction.LOGIN)
    pages["culture"] = culture
    return pages


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}
