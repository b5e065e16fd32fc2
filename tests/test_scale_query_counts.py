"""What a large section costs does not grow with its size: the same queries for 30 pages as for 300.

The million-page bench (bench/scale.py) finds the figures; these tests keep the fixes it led to, by counting
queries at two sizes for what editors and citizens open most: the explorer and page chooser of a big section (as a
ward editor, whose permissions Wagtail checks), the section's listing (first and a deep page) and the sitemap.
"""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import ArticlePage, SectionPage

from .conftest import DONG_DA

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"


@pytest.fixture
def news(unit):
    return SectionPage.objects.child_of(unit(DONG_DA).site.root_page).get(section_key="news")


def grow(section, total):
    """Live articles under the section until it has `total` children, each published a minute after the last."""
    start = section.get_children().count()
    for number in range(start, total):
        section.add_child(
            instance=ArticlePage(
                title=f"Đống Đa ra quân vệ sinh môi trường đợt {number}",
                author="Nguyễn Văn An",
                source_agency="UBND phường Đống Đa",
                live=True,
                first_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
                + datetime.timedelta(minutes=number),
            )
        )


def queries(client, url, **headers):
    client.get(url, **headers)  # warm: Wagtail's site root paths, the user's permissions cached per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(captured)


def same_at_two_sizes(client, news, urls, sizes=(30, 300), **headers):
    grow(news, sizes[0])
    small = [queries(client, url(news), **headers) for url in urls]
    grow(news, sizes[1])
    large = [queries(client, url(news), **headers) for url in urls]
    assert large == small


@pytest.fixture
def ward_editor(client, member_of):
    client.force_login(member_of(DONG_DA, "editor"))
    return client


def test_a_ward_editor_exploring_a_big_section_costs_the_same_queries_at_30_and_300_pages(ward_editor, news):
    explorer = lambda section: reverse("wagtailadmin_explore", args=[section.pk])  # noqa: E731
    urls = [
        explorer,
        lambda section: explorer(section) + "?p=2",
        lambda section: explorer(section) + "?ordering=title",
        lambda section: explorer(section) + "?ordering=-latest_revision_created_at",
    ]
    same_at_two_sizes(ward_editor, news, urls)


def test_a_ward_editor_choosing_a_page_costs_the_same_queries_at_30_and_300_pages(ward_editor, news):
    urls = [
        lambda section: reverse("wagtailadmin_choose_page_child", args=[section.pk]),
        lambda section: reverse("wagtailadmin_choose_page_search") + "?q=v%E1%BB%87+sinh",
        lambda section: reverse("wagtailadmin_pages:search") + "?q=v%E1%BB%87+sinh",
    ]
    same_at_two_sizes(ward_editor, news, urls)


def test_a_sections_listing_and_the_sitemap_cost_the_same_queries_at_60_and_300_pages(client, news, settings):
    settings.PORTAL_SITEMAP_LIMIT = 100
    settings.PORTAL_PAGE_CACHE = False  # the render is counted, not a page cache hit
    urls = [
        lambda section: section.url,
        lambda section: section.url + "?trang=2",
        lambda section: "/sitemap.xml",
        lambda section: f"/sitemap-{section.pk}-1.xml",
    ]
    same_at_two_sizes(client, news, urls, sizes=(60, 300), HTTP_HOST=DONGDA)


def test_a_big_sections_listing_goes_back_fifty_items_a_page(client, news):
    grow(news, 120)
    first = client.get(news.url, HTTP_HOST=DONGDA).content.decode()
    third = client.get(news.url + "?trang=3", HTTP_HOST=DONGDA).content.decode()
    assert "vệ sinh môi trường đợt 119<" in first and "đợt 70<" in first and "đợt 69<" not in first
    assert "đợt 19<" in third and "đợt 0<" in third and "đợt 20<" not in third
    assert 'href="?trang=2">Tin cũ hơn' in first and "Tin mới hơn" not in first
    assert 'href="?trang=2">Tin mới hơn' in third and "Tin cũ hơn" not in third


@pytest.mark.parametrize("number", ["4", "0", "-1", "abc", "99999999999"])
def test_a_listing_page_past_the_last_or_not_a_number_is_not_found(client, news, number):
    grow(news, 120)
    response = client.get(news.url + f"?trang={number}", HTTP_HOST=DONGDA)
    assert response.status_code == 404


def test_a_ward_editor_may_still_delete_only_their_drafts_not_what_is_live(news, member_of):
    editor = member_of(DONG_DA, "editor")
    grow(news, 1)
    live = news.get_children().get()
    draft = news.add_child(instance=ArticlePage(title="Bản nháp", author="A", source_agency="B", live=False))
    assert live.permissions_for_user(editor).can_delete() is False
    assert draft.permissions_for_user(editor).can_delete() is True
    assert news.permissions_for_user(editor).can_delete() is False  # a section with a live item: Wagtail's own check


def test_a_ward_editor_browsing_the_page_chooser_pays_at_most_one_query_per_row_shown(ward_editor, news):
    # Both sizes fit on one page of the chooser. Each row's status asked two more queries (an approved schedule,
    # a workflow in progress: 88 queries for 20 rows, 37 for 3); what is left is Wagtail's own parent lookup of a
    # row's cell, one query a row.
    browse = reverse("wagtailadmin_choose_page_child", args=[news.pk])
    grow(news, 3)
    few = queries(ward_editor, browse)
    grow(news, 20)
    assert queries(ward_editor, browse) - few <= 20 - 3
