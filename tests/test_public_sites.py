"""Citizens reach each unit's site on its own hostname."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("localhost:8000", "Thành phố Hà Nội"),
        ("sotaichinh.localhost:8000", "Sở Tài chính"),
        ("dongda.localhost:8000", "Phường Đống Đa"),
        ("vanmieuquoctugiam.localhost:8000", "Phường Văn Miếu - Quốc Tử Giám"),
        ("socson.localhost", "Xã Sóc Sơn"),
    ],
)
def test_each_hostname_serves_its_own_units_home_page(client, host, name):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{name}</h1>" in html
    assert 'lang="vi"' in html


def test_a_ward_home_page_links_its_standard_sections(client):
    html = client.get("/", HTTP_HOST="dongda.localhost").content.decode()
    assert 'href="/tin-tuc-su-kien/"' in html
    assert 'href="/van-ban-phap-luat/"' in html
    assert "Hỏi đáp" in html


def test_a_section_of_one_ward_is_not_reachable_on_another_wards_host(client):
    assert client.get("/tin-tuc-su-kien/", HTTP_HOST="dongda.localhost").status_code == 200
    assert client.get("/dongda/tin-tuc-su-kien/", HTTP_HOST="caugiay.localhost").status_code == 404
