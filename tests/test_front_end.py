"""The reference front end a citizen reads: each unit's own identity in the footer and contact page, the header's
date and hotline, tab titles, the legal-document search, the sitemap for people, Vietnamese 404 and 500 pages; and
the identity settings as a ward's admin edits them (their own only)."""

import datetime
import json
import re

import pytest
import time_machine

from django.template.loader import render_to_string

from home.models import ContactPage, SiteIdentity
from provisioning.sites import agency_name
from sites.models import Unit

from .api_content import (  # noqa: F401
    CAUGIAY,
    CITY_HOST,
    DONGDA,
    article,
    content,
    fresh_api_cache,
    legal_document,
    section,
)
from .conftest import CAU_GIAY, CITY, DONG_DA, SO_TAI_CHINH, refused

pytestmark = pytest.mark.django_db


def html(client, path, host=DONGDA, status=200):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def text(markup):
    """What a person reads: tags out, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def dong_da_identity(unit):
    identity = SiteIdentity.objects.get(site=unit(DONG_DA).site)
    identity.address = "Số 2 phố Thái Hà, phường Đống Đa, Hà Nội"
    identity.phone = "024 3851 0000"
    identity.hotline = "0912 345 678"
    identity.email = "vanphong@dongda.hanoi.gov.vn"
    identity.responsible_person = "Trần Thị Bình"
    identity.responsible_position = "Chủ tịch UBND phường"
    identity.working_hours = "Sáng 8h00–12h00, chiều 13h00–17h00, thứ Hai đến thứ Sáu"
    identity.save()
    return identity


# --------------------------------------------------------------------------------------------------- identity


def test_the_ward_footer_names_its_agency_address_phone_email_and_the_person_responsible(client, unit):
    dong_da_identity(unit)
    footer = text(html(client, "/").split('<footer class="site-footer">')[1])
    assert "Cơ quan chủ quản: Ủy ban nhân dân phường Đống Đa" in footer
    assert "Địa chỉ: Số 2 phố Thái Hà, phường Đống Đa, Hà Nội" in footer
    assert "Điện thoại: 024 3851 0000" in footer
    assert "Thư điện tử: vanphong@dongda.hanoi.gov.vn" in footer
    assert "Chịu trách nhiệm chính: Trần Thị Bình, Chủ tịch UBND phường" in footer
    assert "Cổng Dịch vụ công quốc gia" in footer
    assert "Cổng thông tin điện tử thành phố Hà Nội" in footer  # a ward links back to the city


def test_another_ward_shows_its_own_details_never_dong_das(client, unit):
    dong_da_identity(unit)
    page = html(client, "/", host=CAUGIAY)
    assert "Ủy ban nhân dân phường Cầu Giấy" in page
    assert "024 3851 0000" not in page and "Trần Thị Bình" not in page


def test_the_header_shows_the_hotline_as_a_phone_link(client, unit):
    dong_da_identity(unit)
    assert '<a href="tel:0912345678">0912 345 678</a>' in html(client, "/")


def test_the_contact_page_shows_the_sites_details_where_the_page_leaves_them_empty(client, unit):
    dong_da_identity(unit)
    contact = section(unit(DONG_DA), "contact")
    page = ContactPage(title="Liên hệ với phường", address="Số 2 phố Thái Hà, phường Đống Đa, Hà Nội")
    contact.add_child(instance=page)
    page.save_revision().publish()
    shown = text(html(client, page.url))
    assert "Ủy ban nhân dân phường Đống Đa" in shown
    assert "Điện thoại 024 3851 0000" in shown
    assert "Đường dây nóng 0912 345 678" in shown
    assert "vanphong@dongda.hanoi.gov.vn" in shown
    assert "Chịu trách nhiệm chính Trần Thị Bình" in shown


def test_a_ward_with_no_contact_page_yet_tells_citizens_how_to_reach_it_under_lien_he(client, unit):
    dong_da_identity(unit)
    shown = text(html(client, section(unit(DONG_DA), "contact").url).split("<main", 1)[1].split("</main>", 1)[0])
    assert "Ủy ban nhân dân phường Đống Đa" in shown
    assert "Địa chỉ Số 2 phố Thái Hà, phường Đống Đa, Hà Nội" in shown
    assert "Điện thoại 024 3851 0000" in shown and "Đường dây nóng 0912 345 678" in shown
    assert "Giờ làm việc Sáng 8h00–12h00" in shown
    assert "Chưa có bài viết" not in shown
    # Another ward's "Liên hệ" gives its own name, never Đống Đa's numbers.
    other = text(html(client, section(unit(CAU_GIAY), "contact").url, host=CAUGIAY))
    assert "Ủy ban nhân dân phường Cầu Giấy" in other and "024 3851 0000" not in other


def test_provisioning_names_each_units_owning_agency_and_keeps_what_editors_changed(unit):
    assert SiteIdentity.objects.get(site=unit(DONG_DA).site).full_name == "Ủy ban nhân dân phường Đống Đa"
    assert SiteIdentity.objects.get(site=unit(SO_TAI_CHINH).site).full_name == "Sở Tài chính thành phố Hà Nội"
    assert SiteIdentity.objects.get(site=unit(CITY).site).full_name == "Ủy ban nhân dân thành phố Hà Nội"
    assert agency_name(Unit(name="Sóc Sơn", kind=Unit.Kind.COMMUNE)) == "Ủy ban nhân dân xã Sóc Sơn"
    assert agency_name(Unit(name="Thanh tra thành phố", kind=Unit.Kind.DEPARTMENT)) == "Thanh tra thành phố Hà Nội"
    assert SiteIdentity.objects.count() == 142

    from django.core.management import call_command

    identity = SiteIdentity.objects.get(site=unit(DONG_DA).site)
    identity.full_name = "UBND phường Đống Đa (tên do biên tập viên sửa)"
    identity.save()
    call_command("provision_sites", verbosity=0)
    identity.refresh_from_db()
    assert identity.full_name == "UBND phường Đống Đa (tên do biên tập viên sửa)"


def settings_url(site):
    return f"/admin/settings/home/siteidentity/{site.pk}/"


def test_a_ward_admin_edits_its_own_identity_and_citizens_see_it_at_once(client, unit, member_of, login):
    dongda = unit(DONG_DA)
    html(client, "/")
    assert client.get("/", HTTP_HOST=DONGDA)["X-Portal-Cache"] == "HIT"
    admin = login(member_of(DONG_DA, "site_admin"))
    assert admin.get(settings_url(dongda.site)).status_code == 200
    response = admin.post(
        settings_url(dongda.site),
        {"full_name": "Ủy ban nhân dân phường Đống Đa", "short_name": "Đống Đa", "hotline": "1900 1234"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert "1900 1234" in html(client, "/")  # the cached home page was not served with the old header


def test_a_ward_admin_can_neither_open_nor_change_another_wards_identity(client, unit, member_of, login):
    caugiay = unit(CAU_GIAY)
    before = SiteIdentity.objects.get(site=caugiay.site).full_name
    admin = login(member_of(DONG_DA, "site_admin"))
    assert refused(admin.get(settings_url(caugiay.site)))
    assert refused(admin.post(settings_url(caugiay.site), {"full_name": "Đã bị sửa", "hotline": "999"}))
    assert SiteIdentity.objects.get(site=caugiay.site).full_name == before


def test_an_editor_has_no_identity_settings(unit, member_of, login):
    editor = login(member_of(DONG_DA, "editor"))
    assert refused(editor.get(settings_url(unit(DONG_DA).site)))


def test_a_headless_front_end_reads_the_sites_identity_from_the_api(client, unit):
    dong_da_identity(unit)
    response = client.get("/api/v2/identity/", HTTP_HOST=DONGDA)
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["full_name"] == "Ủy ban nhân dân phường Đống Đa"
    assert item["hotline"] == "0912 345 678"
    assert item["responsible_person"] == "Trần Thị Bình"
    assert client.get("/api/v2/identity/", HTTP_HOST=CAUGIAY).json()["items"][0]["hotline"] == ""


# --------------------------------------------------------------------------------------------------- pages


@time_machine.travel(datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC))
def test_the_header_shows_todays_date_in_hanoi_with_its_vietnamese_weekday(client):
    # 23:30 UTC on Sunday is 06:30 on Monday in Hà Nội.
    assert '<time datetime="2026-12-07">Thứ Hai, 07/12/2026</time>' in html(client, "/")
    # The English portal reads the same day in English.
    assert '<time datetime="2026-12-07">Monday, 7 December 2026</time>' in html(client, "/en/", host=CITY_HOST)


def test_tab_titles_name_the_page_then_the_unit_once(client):
    assert "<title>Phường Đống Đa</title>" in html(client, "/")
    assert "<title>Tin tức - Sự kiện – Phường Đống Đa</title>" in html(client, "/tin-tuc-su-kien/")


def test_the_city_offers_english_and_a_ward_has_no_language_switch(client):
    city = html(client, "/", host=CITY_HOST)
    assert 'hreflang="en"' in city and ">English</a>" in city
    assert 'hreflang="en"' not in html(client, "/")


def test_feeds_are_linked_for_browsers_and_visibly(client):
    page = html(client, "/tin-tuc-su-kien/")
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/tin-tuc-su-kien/rss.xml" type="application/rss+xml">RSS</a>' in page
    assert 'href="/rss.xml" type="application/rss+xml">Tin mới (RSS)</a>' in page


def test_the_home_page_shows_latest_news_and_each_sections_newest(client, content):  # noqa: F811
    page = text(html(client, "/"))
    assert "Đống Đa khánh thành thư viện phường" in page
    assert "Chỉ đạo, điều hành Đống Đa ra quân tổng vệ sinh" in page
    assert "Văn bản pháp luật Quyết định về quy chế" in page
    assert "Cầu Giấy tổ chức ngày hội đọc sách" not in page


def test_an_article_shows_its_source_and_related_articles_and_share_links_without_scripts(
    client,
    content,  # noqa: F811
    unit,
):
    article(section(unit(DONG_DA), "news"), "Đống Đa mở lớp bơi miễn phí cho thiếu nhi")
    page = html(client, content["library"].url)
    shown = text(page)
    assert "Tác giả: Nguyễn Văn An · Nguồn: UBND phường" in shown
    related = shown.split("Bài liên quan")[1]
    assert "Đống Đa mở lớp bơi miễn phí cho thiếu nhi" in related
    assert "Tin nội bộ của phường" not in related  # private
    assert "https://www.facebook.com/sharer/sharer.php?u=" in page
    assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", page) == ["/static/js/portal.js"]


def test_the_404_page_is_in_vietnamese_with_ways_on(client):
    page = html(client, "/khong-co-trang-nay/", status=404)
    assert "Không tìm thấy trang" in page and "Về trang chủ" in page and "Xem sơ đồ trang" in page


def test_the_500_page_is_in_vietnamese_and_needs_no_database():
    page = render_to_string("500.html")
    assert '<html lang="vi">' in page and "Hệ thống đang gặp sự cố" in page


def test_the_sitemap_for_people_lists_the_sites_sections(client):
    page = text(html(client, "/so-do-trang/"))
    for title in ("Giới thiệu", "Tin tức - Sự kiện", "Văn bản pháp luật", "Liên hệ", "Tra cứu văn bản"):
        assert title in page


# --------------------------------------------------------------------------------------------------- legal search


@pytest.fixture
def documents(unit, content):  # noqa: F811
    legal = section(unit(DONG_DA), "legal_documents")
    plan_fields = {"document_type": "ke_hoach", "issue_date": datetime.date(2026, 3, 2), "status": "expired"}
    directive_fields = {"document_type": "chi_thi", "issue_date": datetime.date(2025, 6, 1)}
    return {
        "plan": legal_document(legal, "Kế hoạch phòng cháy", "45/KH-UBND", **plan_fields),
        "directive": legal_document(legal, "Chỉ thị về trật tự đô thị", "7/CT-UBND", **directive_fields),
        "caugiay": legal_document(section(unit(CAU_GIAY), "legal_documents"), "Quyết định Cầu Giấy", "99/QĐ-UBND"),
    }


def numbers(page):
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', page)


def test_legal_search_lists_the_sites_documents_newest_first(client, documents):
    assert numbers(html(client, "/tra-cuu-van-ban/")) == ["45/KH-UBND", "12/QĐ-UBND", "7/CT-UBND"]


def test_legal_search_filters_by_number_type_status_and_dates(client, documents):
    assert numbers(html(client, "/tra-cuu-van-ban/?q=45%2FKH")) == ["45/KH-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?loai=chi_thi")) == ["7/CT-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?tinh_trang=expired")) == ["45/KH-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?tu_ngay=2026-01-01&den_ngay=2026-02-01")) == ["12/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?co_quan=Cầu+Giấy")) == []


def test_legal_search_finds_documents_typed_without_marks_or_with_half_of_them(client, documents, unit):
    legal = section(unit(DONG_DA), "legal_documents")
    legal_document(legal, "Quy định về bồi thường đất đai", "3/2026/QĐ-UBND", abstract="Bồi thường khi thu hồi đất")
    assert numbers(html(client, "/tra-cuu-van-ban/?q=quyet+dinh+ve+quy+che")) == ["12/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?q=đat+dai")) == ["3/2026/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?q=DAT+DAI")) == ["3/2026/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?q=12%2Fqd-ubnd")) == ["12/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?q=ke+hoach+phong+chay")) == ["45/KH-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?q=quyet+dinh+cau+giay")) == []  # another site's document


def test_legal_search_finds_an_issuer_typed_without_marks_or_in_capitals(client, documents, unit):
    legal = section(unit(DONG_DA), "legal_documents")
    legal_document(legal, "Quyết định của Thành phố", "12/2026/QĐ-UBND", issuing_body="UBND Thành phố Hà Nội")
    assert numbers(html(client, "/tra-cuu-van-ban/?co_quan=ubnd+thanh+pho")) == ["12/2026/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?co_quan=UBND+TH%C3%80NH+PH%E1%BB%90")) == ["12/2026/QĐ-UBND"]
    assert numbers(html(client, "/tra-cuu-van-ban/?co_quan=phuong+dong+da")) == [
        "45/KH-UBND",
        "12/QĐ-UBND",
        "7/CT-UBND",
    ]
    assert numbers(html(client, "/tra-cuu-van-ban/?co_quan=phuon")) == []  # whole syllables, not a piece of "phường"


def test_a_wrong_date_in_legal_search_is_a_vietnamese_error_tied_to_its_field(client, documents):
    page = html(client, "/tra-cuu-van-ban/?tu_ngay=06/12/2026", status=400)
    assert "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-03-01." in page
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_tu_ngay-loi"', page) or re.search(
        r'<input[^>]*aria-describedby="id_tu_ngay-loi"[^>]*aria-invalid="true"', page
    )
    assert 'id="id_tu_ngay-loi"' in page


def test_legal_search_pages_through_results_with_trang(client, documents, monkeypatch):
    monkeypatch.setattr("search.legal.LEGAL_PAGE_SIZE", 2)
    first, second = html(client, "/tra-cuu-van-ban/"), html(client, "/tra-cuu-van-ban/?trang=2")
    assert numbers(first) == ["45/KH-UBND", "12/QĐ-UBND"] and 'rel="next" href="?trang=2"' in first
    assert numbers(second) == ["7/CT-UBND"]
    html(client, "/tra-cuu-van-ban/?trang=9", status=404)
    html(client, "/tra-cuu-van-ban/?trang=abc", status=400)


# --------------------------------------------------------------------------------------------------- metadata


def json_ld(page):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))["@graph"]


def test_an_article_carries_dublin_core_open_graph_and_a_news_article_for_harvesters(client, content, unit):  # noqa: F811
    dong_da_identity(unit)
    library = content["library"]
    page = html(client, library.url)
    assert '<meta name="DC.title" content="Đống Đa khánh thành thư viện phường">' in page
    assert '<meta name="DC.creator" content="UBND phường">' in page
    assert '<meta name="DC.publisher" content="Ủy ban nhân dân phường Đống Đa">' in page
    assert '<meta name="DC.language" content="vi">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:url" content="{library.full_url}">' in page
    organisation, article = json_ld(page)
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "Ủy ban nhân dân phường Đống Đa"
    assert organisation["telephone"] == "024 3851 0000"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Đống Đa khánh thành thư viện phường"
    assert article["author"] == {"@type": "Person", "name": "Nguyễn Văn An"}
    assert article["sourceOrganization"]["name"] == "UBND phường"


def test_a_legal_document_is_described_as_legislation(client, documents):
    _organisation, legislation = json_ld(html(client, documents["plan"].url))
    assert legislation["@type"] == "Legislation"
    assert legislation["legislationIdentifier"] == "45/KH-UBND"
    assert legislation["legislationType"] == "Kế hoạch"
    assert legislation["legislationDate"] == "2026-03-02"
    assert legislation["legislationLegalForce"] == "NotInForce"  # expired


def test_nothing_in_a_title_can_close_the_json_ld_script(client, unit):
    news = section(unit(DONG_DA), "news")
    crafted = article(news, "Tin </script><script>alert(1)</script> & more")
    page = html(client, crafted.url)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and json_ld(page)[1]["headline"].startswith("Tin </script>")


def test_the_city_pairs_its_vietnamese_and_english_home_with_hreflang(client):
    page = html(client, "/", host=CITY_HOST)
    assert re.search(r'<link rel="alternate" hreflang="vi" href="http://localhost(:\d+)?/">', page), page[:1500]
    assert re.search(r'<link rel="alternate" hreflang="en" href="http://localhost(:\d+)?/en/">', page)


def test_the_english_portal_shows_the_header_and_footer_in_english(client, unit):
    identity = SiteIdentity.objects.get(site=unit(CITY).site)
    identity.hotline = "0243 825 3536"
    identity.save()
    page = text(html(client, "/en/", host=CITY_HOST))
    for words in ("Skip to main content", "Hotline", "Menu", "Owning agency: Ủy ban nhân dân thành phố Hà Nội"):
        assert words in page
    for words in ("Đường dây nóng", "Cơ quan chủ quản", "Danh mục", "Sơ đồ trang"):
        assert words not in page


def test_a_sites_own_colour_comes_from_its_identity_as_a_stylesheet_of_our_own(client, unit):
    assert "/giao-dien.css" not in html(client, "/")  # no colour chosen: the portal's red, no extra request
    identity = SiteIdentity.objects.get(site=unit(DONG_DA).site)
    identity.colour = "#0B5394"
    identity.full_clean()
    identity.save()
    assert '<link rel="stylesheet" href="/giao-dien.css?v=0B5394">' in html(client, "/")
    response = client.get("/giao-dien.css", HTTP_HOST=DONGDA)
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode() == ":root { --red: #0B5394; }\n"
    assert client.get("/giao-dien.css", HTTP_HOST=CAUGIAY).content.decode() == ":root { --red: #a50e0e; }\n"


def test_a_colour_that_is_not_a_hex_code_is_refused_in_vietnamese(unit):
    from django.core.exceptions import ValidationError

    identity = SiteIdentity.objects.get(site=unit(DONG_DA).site)
    identity.colour = "red;}a{"
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert error.value.message_dict["colour"] == ["Mã màu có dạng #RRGGBB, ví dụ #A4161A."]
