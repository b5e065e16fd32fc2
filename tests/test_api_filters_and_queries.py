# ruff: noqa: F811
"""Front ends filter a site's feed by section, type, date, category, tag and legal-document fields, page by page,
and each request costs the same number of queries however many items, links or sites there are."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.versions import GLOBAL, bump
from home.models import LegalDocumentAttachment, RelatedLegalDocument

from .api_content import DONGDA, article, content, fresh_api_cache, legal_document, section, titles  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/api/v2/pages/", params, HTTP_HOST=DONGDA)


def test_a_section_filter_lists_only_that_sections_items(client, content):
    assert titles(get(client, section="direction")) == {"Đống Đa ra quân tổng vệ sinh"}
    assert get(client, section="khong-co").json()["code"] == "unknown_section"


def test_category_and_tag_filters_select_articles(client, content):
    assert titles(get(client, category="van-hoa")) == {"Đống Đa khánh thành thư viện phường"}
    assert titles(get(client, tag="thu-vien")) == {"Đống Đa khánh thành thư viện phường"}


def test_publication_date_range_filters(client, content):
    today = datetime.date.today().isoformat()
    assert get(client, type="home.ArticlePage", published_from=today).json()["meta"]["total_count"] == 2
    assert get(client, type="home.ArticlePage", published_to="2000-01-01").json()["meta"]["total_count"] == 0
    assert get(client, published_from="01/07/2026").json()["code"] == "invalid_date"


def test_legal_documents_filter_by_type_number_issuer_status_and_dates(client, content, unit):
    documents = section(unit(DONG_DA), "legal_documents")
    legal_document(
        documents,
        "Chỉ thị về phòng cháy",
        "3/CT-UBND",
        document_type="chi_thi",
        issue_date=datetime.date(2026, 3, 1),
        effective_date=datetime.date(2026, 3, 15),
        status="not_yet",
    )
    assert titles(get(client, document_type="chi_thi")) == {"Chỉ thị về phòng cháy"}
    assert titles(get(client, number="12/QĐ-UBND")) == {"Quyết định về quy chế"}
    assert get(client, issuing_body="UBND phường Đống Đa").json()["meta"]["total_count"] == 2
    assert titles(get(client, status="not_yet")) == {"Chỉ thị về phòng cháy"}
    assert titles(get(client, issue_date_from="2026-02-01")) == {"Chỉ thị về phòng cháy"}
    assert titles(get(client, effective_date_to="2026-03-31")) == {"Chỉ thị về phòng cháy"}
    assert titles(get(client, issue_date="2026-01-05")) == {"Quyết định về quy chế"}
    ordered = get(client, type="home.LegalDocumentPage", order="-issue_date").json()["items"]
    assert [item["title"] for item in ordered] == ["Chỉ thị về phòng cháy", "Quyết định về quy chế"]


def test_mixing_article_and_legal_filters_is_refused_clearly(client, content):
    response = get(client, category="van-hoa", status="in_force")
    assert response.status_code == 400
    assert response.json()["code"] == "conflicting_filters"
    assert get(client, type="home.EventPage", tag="x").json()["code"] == "filter_needs_type"


def test_pagination_gives_the_total_and_a_window(client, content):
    first = get(client, type="home.ArticlePage", order="title", limit=1).json()
    second = get(client, type="home.ArticlePage", order="title", limit=1, offset=1).json()
    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 2
    assert first["items"][0]["title"] != second["items"][0]["title"]


def queries(client, path, **params):
    client.get(path, params, HTTP_HOST=DONGDA)  # warm Wagtail's site-root cache (one query per site, once)
    bump([GLOBAL])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params, HTTP_HOST=DONGDA)
    assert response.status_code == 200, response.content
    return len(captured)


def test_a_listings_query_count_does_not_grow_with_its_items(client, content, unit, django_assert_max_num_queries):
    fields = {"type": "home.ArticlePage", "fields": "category,tags,hero_image,author"}
    with_two = queries(client, "/api/v2/pages/", **fields)
    news = section(unit(DONG_DA), "news")
    for number in range(10):
        article(news, f"Tin số {number}", tags=["a", "b"], category=content["culture"])
    bump([GLOBAL])  # a new response, while Wagtail's own site-root cache stays warm
    assert queries(client, "/api/v2/pages/", **fields) == with_two <= 8
    with django_assert_max_num_queries(12):
        client.get("/api/v2/pages/", {**fields, "site": "caugiay.localhost"}, HTTP_HOST=DONGDA)


def test_a_detail_query_count_does_not_grow_with_the_links_in_the_page(client, content, unit):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    decision = content["decision"]
    documents = section(unit(DONG_DA), "legal_documents")

    def link(number):
        related = legal_document(documents, f"Văn bản {number}", f"{100 + number}/QĐ-UBND")
        RelatedLegalDocument.objects.create(page=decision, related=related)
        file = Document.objects.create(title=f"Tệp {number}", file=ContentFile(b"x", f"t{number}.txt"))
        LegalDocumentAttachment.objects.create(page=decision, document=file)

    link(0)
    bump([GLOBAL])  # a new response, while Wagtail's own site-root cache stays warm
    with_one = queries(client, f"/api/v2/pages/{decision.pk}/")
    for number in range(1, 8):
        link(number)
    bump([GLOBAL])  # a new response, while Wagtail's own site-root cache stays warm
    assert queries(client, f"/api/v2/pages/{decision.pk}/") == with_one <= 15
    body = client.get(f"/api/v2/pages/{decision.pk}/", HTTP_HOST=DONGDA).json()
    assert len(body["related_documents"]) == len(body["attachments"]) == 8


def test_query_counts_are_the_same_on_the_city_and_on_a_ward(client, content):
    """All 142 sites exist in every test: the count must not depend on which one (or how many) is asked."""

    counts = set()
    client.get("/api/v2/pages/", HTTP_HOST=DONGDA)
    for host in ("localhost", "dongda.localhost", "caugiay.localhost"):  # each has articles
        bump([GLOBAL])  # a new response, while Wagtail's own site-root cache stays warm
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v2/pages/", {"type": "home.ArticlePage"}, HTTP_HOST=host)
        counts.add(len(captured))
    assert len(counts) == 1


def test_a_date_range_combines_with_a_search(client, content):
    today = datetime.date.today().isoformat()
    assert titles(get(client, search="thư viện", published_from=today, published_to=today)) == {
        "Đống Đa khánh thành thư viện phường"
    }


def test_once_a_site_is_known_a_details_cache_miss_reads_only_the_page_and_its_tags(client, content, unit):
    """A rendered detail (every response-cache miss) is the API's long tail: the site, its bounds, its site-root
    table and the parent section are kept by the process under the site's stamps, a page's type for good."""
    news = section(unit(DONG_DA), "news")
    second = article(news, "Đống Đa trồng thêm cây xanh", tags=["môi trường"])
    client.get(f"/api/v2/pages/{content['library'].pk}/", HTTP_HOST=DONGDA)

    def statements(path):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_HOST=DONGDA)
        assert response.status_code == 200, response.content
        return [query["sql"] for query in captured]

    first_time = " ".join(statements(f"/api/v2/pages/{second.pk}/"))  # its type, the page, its tags
    assert "wagtailcore_site" not in first_time and "wagtailcore_pageviewrestriction" not in first_time
    again = statements(f"/api/v2/pages/{second.pk}/?_=again")
    assert len(again) == 2 and "home_articletag" in again[-1]
