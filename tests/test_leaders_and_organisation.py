"""The organisation chart a citizen reads (issue #18): the leaders with their portraits in AVIF and WebP, the units
with the person heading each, and a leader's own page with portrait, duties and biography."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.models import LeaderProfilePage, OrganisationPage, OrganisationUnit

from .api_content import DONGDA, fresh_api_cache, publish, section  # noqa: F401
from .conftest import DONG_DA

pytestmark = pytest.mark.django_db


def text(markup):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def portrait(unit, name):
    return Image.objects.create(
        title=name,
        description=f"Chân dung {name}",
        file=get_test_image_file(size=(480, 600)),
        collection=unit.collection,
    )


def leader(organisation, unit, name, position):
    return publish(
        organisation,
        LeaderProfilePage(
            title=name,
            position=position,
            photo=portrait(unit, name),
            duties="<p>Phụ trách chung; trực tiếp chỉ đạo công tác cải cách hành chính.</p>",
            biography="<p>Sinh năm 1975 tại Hà Nội. Thạc sĩ Quản lý công.</p>",
            phone="024 3851 1111",
        ),
    )


@pytest.fixture
def organisation(unit):
    dongda = unit(DONG_DA)
    page = OrganisationPage(title="Cơ cấu tổ chức UBND phường", functions="<p>Quản lý nhà nước trên địa bàn.</p>")
    page.units = [
        OrganisationUnit(name="Văn phòng HĐND và UBND", head_name="Lê Văn Cường", head_position="Chánh Văn phòng"),
        OrganisationUnit(name="Phòng Kinh tế, Hạ tầng và Đô thị", head_name="Phạm Thu Hà", phone="024 3851 2222"),
        OrganisationUnit(name="Trung tâm Phục vụ hành chính công", email="motcua@dongda.hanoi.gov.vn"),
    ]
    page = publish(section(dongda, "introduction"), page)
    leader(page, dongda, "Nguyễn Văn Minh", "Chủ tịch UBND phường")
    leader(page, dongda, "Trần Thị Lan", "Phó Chủ tịch UBND phường")
    return page


def test_the_organisation_chart_shows_the_leaders_and_each_unit_with_its_head(client, organisation):
    page = client.get(organisation.url, HTTP_HOST=DONGDA).content.decode()
    shown = text(page)
    assert "Lãnh đạo Nguyễn Văn Minh Chủ tịch UBND phường" in shown
    assert "Trần Thị Lan Phó Chủ tịch UBND phường" in shown
    assert "Văn phòng HĐND và UBND Chánh Văn phòng: Lê Văn Cường" in shown
    assert "Phòng Kinh tế, Hạ tầng và Đô thị Người đứng đầu: Phạm Thu Hà Điện thoại: 024 3851 2222" in shown
    assert "Trung tâm Phục vụ hành chính công Thư điện tử: motcua@dongda.hanoi.gov.vn" in shown
    # Portraits as AVIF and WebP at two widths, with their size (no layout shift).
    assert len(re.findall(r'<source [^>]*format-avif\.fill-120x150\.avif 120w[^>]*type="image/avif">', page)) == 2
    assert len(re.findall(r'<img [^>]*format-webp\.fill-240x300\.webp 240w[^>]*width="120"', page)) == 2
    assert len(re.findall(r'<img [^>]*height="150"', page)) == 2


def test_the_organisation_chart_reads_as_many_queries_for_two_leaders_as_for_five(client, organisation, unit, settings):
    settings.PORTAL_PAGE_CACHE = False
    client.get(organisation.url, HTTP_HOST=DONGDA)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as two:
        client.get(organisation.url, HTTP_HOST=DONGDA)
    for number in range(3):
        leader(organisation, unit(DONG_DA), f"Ủy viên số {number + 1}", "Ủy viên UBND phường")
    client.get(organisation.url, HTTP_HOST=DONGDA)
    with CaptureQueriesContext(connection) as five:
        page = client.get(organisation.url, HTTP_HOST=DONGDA).content.decode()
    assert "Ủy viên số 3" in page
    assert len(five) == len(two)


def test_a_leaders_page_shows_the_portrait_duties_biography_and_the_other_leaders(client, organisation):
    minh = LeaderProfilePage.objects.get(title="Nguyễn Văn Minh")
    page = client.get(minh.url, HTTP_HOST=DONGDA).content.decode()
    shown = text(page)
    assert "<h1>Nguyễn Văn Minh</h1>" in page
    assert "Chủ tịch UBND phường" in shown
    assert "Nhiệm vụ được phân công Phụ trách chung" in shown
    assert "Tóm tắt tiểu sử Sinh năm 1975 tại Hà Nội." in shown
    assert 'alt="Chân dung Nguyễn Văn Minh"' in page
    assert re.search(r'<source [^>]*format-avif\.fill-480x600\.avif 480w[^>]*type="image/avif">', page)
    assert "Lãnh đạo khác Trần Thị Lan – Phó Chủ tịch UBND phường" in shown
    assert '<a href="tel:02438511111">024 3851 1111</a>' in page
