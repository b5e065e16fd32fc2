"""Search engines find every public page of a site through its sitemap: an index of bounded files (sitemaps.org)."""

import datetime

import pytest
from defusedxml import ElementTree

from wagtail.models import Page, PageViewRestriction

from home.models import ArticlePage, SectionPage

from .conftest import CITY, DONG_DA

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Each test reads the sitemap as rendered now: pages added straight into the tree send no signal that would
    clear a page cache entry left by an earlier test."""
    settings.PORTAL_PAGE_CACHE = False


def news(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")


def add_articles(section, count, title="Tin"):
    """Live articles straight into the tree: what the sitemap reads is the tree, not how pages got there."""
    for number in range(count):
        section.add_child(
            instance=ArticlePage(
                title=f"{title} số {number}",
                author="Nguyễn Văn An",
                source_agency="UBND phường",
                live=True,
                first_published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
                last_published_at=datetime.datetime(2026, 3, 1 + number % 28, tzinfo=datetime.UTC),
            )
        )


def get_xml(client, url, host=DONGDA):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def sitemap_files(client, host=DONGDA):
    index = get_xml(client, "/sitemap.xml", host)
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [(entry.findtext(f"{SITEMAP}loc"), entry.findtext(f"{SITEMAP}lastmod")) for entry in index]


def file_locations(client, location, host=DONGDA):
    path = location.split("://", 1)[1].split("/", 1)[1]
    return [loc.text for loc in get_xml(client, f"/{path}", host).iter(f"{SITEMAP}loc")]


def sitemap_locations(client, host=DONGDA):
    """Every URL of the host's sitemap, following its index into each file."""
    return [url for location, _ in sitemap_files(client, host) for url in file_locations(client, location, host)]


def test_a_wards_sitemap_lists_every_public_page_of_that_ward_and_nothing_else(client, unit):
    ward = unit(DONG_DA)
    add_articles(news(ward), 3)
    add_articles(news(unit(CITY)), 2, title="Tin thành phố")
    locations = sitemap_locations(client)
    expected = [page.full_url for page in Page.objects.live().descendant_of(ward.site.root_page, inclusive=True)]
    assert sorted(locations) == sorted(expected)
    assert "http://dongda.localhost/" in locations
    assert "http://dongda.localhost/tin-tuc-su-kien/tin-so-2/" in locations
    assert all(location.startswith("http://dongda.localhost/") for location in locations)


def test_the_index_names_only_files_on_the_hosts_own_address_with_their_last_change(client, unit):
    add_articles(news(unit(DONG_DA)), 3)
    files = sitemap_files(client)
    assert all(location.startswith("http://dongda.localhost/sitemap-") for location, _ in files)
    news_file = f"http://dongda.localhost/sitemap-{news(unit(DONG_DA)).pk}-1.xml"
    assert dict(files)[news_file].startswith("2026-03-03")  # the latest of the three articles


def test_a_section_longer_than_the_limit_is_split_into_files_of_at_most_the_limit(client, unit, settings):
    settings.PORTAL_SITEMAP_LIMIT = 10
    section = news(unit(DONG_DA))
    add_articles(section, 24)  # 25 URLs with the section itself: files of 10, 10 and 5
    names = [location for location, _ in sitemap_files(client) if f"/sitemap-{section.pk}-" in location]
    assert [name.rsplit("/", 1)[1] for name in names] == [f"sitemap-{section.pk}-{n}.xml" for n in (1, 2, 3)]
    sizes = [len(file_locations(client, name)) for name in names]
    assert sizes == [10, 10, 5]
    assert client.get(f"/sitemap-{section.pk}-4.xml", HTTP_HOST=DONGDA).status_code == 404


def test_another_sites_section_or_a_page_below_a_section_has_no_sitemap_file(client, unit):
    city_news = news(unit(CITY))
    add_articles(news(unit(DONG_DA)), 1)
    article = news(unit(DONG_DA)).get_children().first()
    assert client.get(f"/sitemap-{city_news.pk}-1.xml", HTTP_HOST=DONGDA).status_code == 404
    assert client.get(f"/sitemap-{article.pk}-1.xml", HTTP_HOST=DONGDA).status_code == 404
    assert client.get(f"/sitemap-{news(unit(DONG_DA)).pk}-0.xml", HTTP_HOST=DONGDA).status_code == 404


def test_drafts_and_private_pages_are_in_no_sitemap_file(client, unit):
    section = news(unit(DONG_DA))
    add_articles(section, 1)
    section.add_child(instance=ArticlePage(title="Bản nháp chưa duyệt", author="A", source_agency="B", live=False))
    add_articles(section, 1, title="Tin nội bộ")
    private = section.get_children().get(title="Tin nội bộ số 0")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    locations = sitemap_locations(client)
    assert "http://dongda.localhost/tin-tuc-su-kien/tin-so-0/" in locations
    assert not any("ban-nhap" in location or "tin-noi-bo" in location for location in locations)
