"""Each site's groups reach only their own site, enforced by the server (Quy chế Art. 8.7-8.9)."""

import re

import pytest

from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import Page

from home.models import ArticlePage, SectionPage

from .conftest import CAU_GIAY, DONG_DA, refused

pytestmark = pytest.mark.django_db


def news_section(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")


def publish_article(section, title):
    article = ArticlePage(title=title, summary="Tóm tắt", author="Phóng viên", source_agency="UBND phường")
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def edited_page_ids(html):
    return {int(page_id) for page_id in re.findall(r'href="/admin/pages/(\d+)/edit/"', html)}


def test_a_ward_editor_sees_only_their_own_ward_in_the_page_explorer(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    dong_da_home = unit(DONG_DA).site.root_page
    own_pages = set(Page.objects.descendant_of(dong_da_home, inclusive=True).values_list("pk", flat=True))

    # The explorer opens on the ward itself and lists its sections; searching the whole tree finds only its pages.
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert explorer.status_code == 200
    assert "Tin tức - Sự kiện" in explorer.content.decode()
    assert edited_page_ids(explorer.content.decode()) <= own_pages
    everything = client.get(reverse("wagtailadmin_pages:search"), {"q": "Tin tức"}).content.decode()
    found = edited_page_ids(everything)
    assert found and found <= own_pages


def test_a_ward_editor_is_refused_on_every_page_of_another_ward(client, member_of, unit):
    cau_giay = unit(CAU_GIAY)
    article = publish_article(news_section(cau_giay), "Tin của phường Cầu Giấy")
    client.force_login(member_of(DONG_DA, "editor"))

    followed = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]), follow=True)
    assert "Bạn không có quyền truy cập vào khu vực này" in followed.content.decode()
    for url in (
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:edit", args=[cau_giay.site.root_page_id]),
        reverse("wagtailadmin_pages:add", args=["home", "articlepage", news_section(cau_giay).pk]),
        reverse("wagtailadmin_pages:delete", args=[article.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[article.pk]),
    ):
        assert refused(client.get(url)), url


def test_a_ward_editor_cannot_change_or_create_content_on_another_ward_by_posting(client, member_of, unit):
    cau_giay = unit(CAU_GIAY)
    section = news_section(cau_giay)
    article = publish_article(section, "Tin gốc của Cầu Giấy")
    client.force_login(member_of(DONG_DA, "editor"))

    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {"title": "Bị sửa trái phép", "slug": article.slug, "summary": "x", "body-count": "0"},
    )
    create = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "articlepage", section.pk]),
        {"title": "Bài đăng trái phép", "slug": "bai-dang-trai-phep", "summary": "x", "body-count": "0"},
    )

    assert refused(edit) and refused(create)
    article.refresh_from_db()
    assert article.title == "Tin gốc của Cầu Giấy"
    assert not ArticlePage.objects.filter(slug="bai-dang-trai-phep").exists()


def test_a_ward_editor_can_write_a_draft_in_their_own_ward(client, member_of, unit):
    section = news_section(unit(DONG_DA))
    client.force_login(member_of(DONG_DA, "editor"))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "articlepage", section.pk]),
        {
            "title": "Thông báo lịch tiếp công dân",
            "slug": "thong-bao-lich-tiep-cong-dan",
            "summary": "Lịch tiếp công dân tháng 12",
            "author": "Văn phòng",
            "source_agency": "UBND phường Đống Đa",
            "body-count": "0",
            "published_at": "2026-11-22 09:00",
        },
    )
    assert response.status_code == 302
    draft = ArticlePage.objects.child_of(section).get(slug="thong-bao-lich-tiep-cong-dan")
    assert not draft.live


def test_a_ward_editor_sees_and_edits_only_their_own_wards_images(client, member_of, unit):
    theirs = Image.objects.create(
        title="Ảnh Cầu Giấy", file=get_test_image_file(), collection=unit(CAU_GIAY).collection
    )
    ours = Image.objects.create(title="Ảnh Đống Đa", file=get_test_image_file(), collection=unit(DONG_DA).collection)
    client.force_login(member_of(DONG_DA, "editor"))

    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "Ảnh Đống Đa" in listing
    assert "Ảnh Cầu Giấy" not in listing
    assert client.get(reverse("wagtailimages:edit", args=[ours.pk])).status_code == 200
    assert refused(client.get(reverse("wagtailimages:edit", args=[theirs.pk])))


def test_the_operating_unit_can_edit_any_site(client, member_of, unit):
    client.force_login(member_of("01", "operator"))
    for code in (DONG_DA, CAU_GIAY, "S03"):
        home_id = unit(code).site.root_page_id
        assert client.get(reverse("wagtailadmin_pages:edit", args=[home_id])).status_code == 200


def test_the_explorer_filters_name_only_the_editors_own_site_and_colleagues(client, unit, member_of):
    cau_giay_editor = member_of(CAU_GIAY, "editor")
    publish_article(news_section(unit(CAU_GIAY)), "Tin của Cầu Giấy").specific.save_revision(user=cau_giay_editor)
    Page.objects.filter(title="Tin của Cầu Giấy").update(owner=cau_giay_editor)
    colleague, author = member_of(DONG_DA, "editor"), member_of(DONG_DA, "editor")
    ours = publish_article(news_section(unit(DONG_DA)), "Tin của Đống Đa")
    Page.objects.filter(pk=ours.pk).update(owner=author)
    log(ours, "wagtail.edit", user=colleague)
    client.force_login(member_of(DONG_DA, "editor"))
    html = client.get(reverse("wagtailadmin_explore", args=[unit(DONG_DA).site.root_page_id])).content.decode()
    assert "Phường Đống Đa" in html
    assert "Phường Cầu Giấy" not in html and "Phường Hoàn Kiếm" not in html
    assert cau_giay_editor.username not in html
    owner_filter, edited_by_filter = (_choices(html, name) for name in ("owner", "edited_by"))
    assert author.username in owner_filter and colleague.username not in owner_filter
    assert colleague.username in edited_by_filter and author.username not in edited_by_filter


def _choices(html, name):
    """The options of one of the explorer's filters."""
    return re.search(rf'<div id="id_{name}">.*?</div>\s*</div>', html, re.S).group(0)
