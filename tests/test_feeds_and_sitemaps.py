"""Citizens and aggregators follow each site's news by RSS 2.0 or Atom, and search engines find its pages by sitemap."""

import datetime
from email.utils import parsedate_to_datetime

import pytest
from defusedxml import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from home.models import ArticlePage, Category, LegalDocumentPage, SectionPage

from .conftest import CAU_GIAY, CITY, DONG_DA
from .test_sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def section(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def publish(parent, title, tags=(), **fields):
    page = parent.add_child(
        instance=ArticlePage(
            title=title, summary=f"Tóm tắt: {title}", author="Nguyễn Văn An", source_agency="UBND phường", **fields
        )
    )
    page.tags.add(*tags)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def rss(client, path="/rss.xml", host=DONGDA):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)


def atom(client, path="/atom.xml", host=DONGDA):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def rss_titles(feed):
    return [item.findtext("title") for item in feed.iter("item")]


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


@pytest.fixture
def news(db, unit):
    """Articles published on Đống Đa (news and direction sections), Cầu Giấy and the city, oldest first."""
    dongda = unit(DONG_DA)
    category, _ = Category.objects.get_or_create(name="Chỉ đạo điều hành")
    return {
        "dongda_cleanup": publish(
            section(dongda, "news"), "Phường Đống Đa ra quân tổng vệ sinh", tags=["môi trường"], category=category
        ),
        "dongda_flooding": publish(section(dongda, "direction"), "Đống Đa chỉ đạo phòng chống ngập úng"),
        "caugiay": publish(section(unit(CAU_GIAY), "news"), "Cầu Giấy tổ chức ngày hội đọc sách"),
        "city": publish(section(unit(CITY), "news"), "Hà Nội công bố quy hoạch Thủ đô"),
        "dongda_library": publish(section(dongda, "news"), "Đống Đa khánh thành thư viện phường"),
    }


def test_a_wards_rss_feed_lists_only_that_wards_items_newest_first(client, news):
    feed = rss(client)
    assert feed.tag == "rss"
    assert feed.get("version") == "2.0"
    channel = feed.find("channel")
    assert channel.findtext("title") == "Phường Đống Đa"
    assert channel.findtext("link") == "http://dongda.localhost/"
    assert channel.findtext("language") == "vi"
    assert rss_titles(feed) == [
        "Đống Đa khánh thành thư viện phường",
        "Đống Đa chỉ đạo phòng chống ngập úng",
        "Phường Đống Đa ra quân tổng vệ sinh",
    ]


def test_an_rss_item_carries_its_link_summary_date_author_source_and_categories(client, news):
    item = rss(client).findall("channel/item")[-1]
    url = "http://dongda.localhost/tin-tuc-su-kien/phuong-dong-da-ra-quan-tong-ve-sinh/"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == "Tóm tắt: Phường Đống Đa ra quân tổng vệ sinh"
    published = news["dongda_cleanup"].first_published_at
    assert parsedate_to_datetime(item.findtext("pubDate")) == published.replace(microsecond=0)
    assert item.findtext(f"{DC}creator") == "Nguyễn Văn An"
    assert item.findtext(f"{DC}source") == "UBND phường"
    assert [category.text for category in item.findall("category")] == ["Chỉ đạo điều hành", "môi trường"]


def test_a_wards_atom_feed_lists_only_that_wards_entries(client, news):
    feed = atom(client)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Phường Đống Đa"
    assert atom_titles(feed) == [
        "Đống Đa khánh thành thư viện phường",
        "Đống Đa chỉ đạo phòng chống ngập úng",
        "Phường Đống Đa ra quân tổng vệ sinh",
    ]
    entry = feed.find(f"{ATOM}entry")
    url = "http://dongda.localhost/tin-tuc-su-kien/dong-da-khanh-thanh-thu-vien-phuong/"
    assert entry.find(f"{ATOM}link").get("href") == url
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Nguyễn Văn An"


def test_each_host_gets_its_own_sites_feeds(client, news):
    assert rss_titles(rss(client, host="caugiay.localhost")) == ["Cầu Giấy tổ chức ngày hội đọc sách"]
    assert atom_titles(atom(client, host="localhost")) == ["Hà Nội công bố quy hoạch Thủ đô"]


def test_an_unknown_host_gets_the_citys_feed_as_it_gets_the_citys_pages(client, news):
    assert rss_titles(rss(client, host="khongco.localhost")) == ["Hà Nội công bố quy hoạch Thủ đô"]


def test_a_section_feed_lists_only_that_sections_items(client, news):
    expected = ["Đống Đa khánh thành thư viện phường", "Phường Đống Đa ra quân tổng vệ sinh"]
    feed = rss(client, "/tin-tuc-su-kien/rss.xml")
    assert feed.findtext("channel/title") == "Tin tức - Sự kiện – Phường Đống Đa"
    assert feed.findtext("channel/link") == "http://dongda.localhost/tin-tuc-su-kien/"
    assert rss_titles(feed) == expected
    assert atom_titles(atom(client, "/tin-tuc-su-kien/atom.xml")) == expected
    assert rss_titles(rss(client, "/tin-tuc-su-kien/rss.xml", host="caugiay.localhost")) == [
        "Cầu Giấy tổ chức ngày hội đọc sách"
    ]


def test_only_sections_have_feeds(client, news):
    assert client.get("/khong-co/rss.xml", HTTP_HOST=DONGDA).status_code == 404
    article = "/tin-tuc-su-kien/phuong-dong-da-ra-quan-tong-ve-sinh/atom.xml"
    assert client.get(article, HTTP_HOST=DONGDA).status_code == 404


def test_a_legal_document_is_described_by_its_abstract(client, unit):
    document = section(unit(DONG_DA), "legal_documents").add_child(
        instance=LegalDocumentPage(
            title="Quyết định về quy chế hoạt động",
            document_type=LegalDocumentPage.DocumentType.DECISION,
            number="12/QĐ-UBND",
            issuing_body="UBND phường Đống Đa",
            issue_date=datetime.date(2026, 1, 5),
            abstract="Ban hành quy chế hoạt động của Cổng thông tin điện tử phường",
        )
    )
    document.save_revision().publish()
    item = rss(client).find("channel/item")
    assert item.findtext("title") == "Quyết định về quy chế hoạt động"
    assert item.findtext("description") == "Ban hành quy chế hoạt động của Cổng thông tin điện tử phường"
    assert item.find(f"{DC}creator") is None


def test_drafts_and_private_pages_never_appear_in_feeds_or_the_sitemap(client, unit, news):
    news_section = section(unit(DONG_DA), "news")
    draft = news_section.add_child(
        instance=ArticlePage(title="Bản nháp chưa duyệt", author="Nguyễn Văn An", source_agency="UBND", live=False)
    )
    draft.save_revision()
    private = publish(news_section, "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for titles in (
        rss_titles(rss(client)),
        atom_titles(atom(client)),
        rss_titles(rss(client, "/tin-tuc-su-kien/rss.xml")),
    ):
        assert "Đống Đa khánh thành thư viện phường" in titles
        assert "Bản nháp chưa duyệt" not in titles
        assert "Tin nội bộ" not in titles
    sitemap = " ".join(sitemap_locations(client))
    assert "dong-da-khanh-thanh-thu-vien-phuong" in sitemap
    assert "ban-nhap-chua-duyet" not in sitemap
    assert "tin-noi-bo" not in sitemap


def test_every_page_points_feed_readers_to_its_sites_feeds(client):
    html = client.get("/", HTTP_HOST=DONGDA).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Phường Đống Đa (RSS)" href="/rss.xml">' in html
    assert '<link rel="alternate" type="application/atom+xml" title="Phường Đống Đa (Atom)" href="/atom.xml">' in html


def test_a_feed_costs_the_same_queries_however_many_items_it_lists(
    client, unit, django_assert_max_num_queries, settings
):
    settings.PORTAL_PAGE_CACHE = False  # the feed's own render is measured, not a page cache hit
    news_section = section(unit(DONG_DA), "news")
    category, _ = Category.objects.get_or_create(name="Tuyên truyền")
    publish(news_section, "Bài 0", tags=["thẻ 0"], category=category)
    client.get("/rss.xml", HTTP_HOST=DONGDA)  # warms Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as one_item:
        rss(client)
    for number in range(1, 55):
        publish(news_section, f"Bài {number}", tags=[f"thẻ {number}"], category=category)
    with django_assert_max_num_queries(len(one_item)):
        titles = rss_titles(rss(client))
    assert len(titles) == 50
    assert titles[0] == "Bài 54"
