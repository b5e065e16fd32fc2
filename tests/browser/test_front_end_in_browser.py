"""The reference front end in Chromium, as citizens use it: axe-core finds no serious or critical accessibility
violation on one page of every type on the city, a department and a ward, at desktop and phone widths; a
keyboard alone works the menu, the search and the legal-document search. Screenshots go to var/screenshots/."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS, run_in_portal
from .test_csp_in_browser import LISTEN

pytestmark = pytest.mark.browser

# Content for the three sites, made once inside the browser portal: identity, news with a picture, legal documents,
# a contact page. Hoàn Kiếm is the ward (other browser stories write on Đống Đa and Cầu Giấy).
SETUP_CONTENT = """
import datetime, json
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from home.models import (
    ArticlePage, ContactPage, LeaderProfilePage, LegalDocumentPage, OrganisationPage, OrganisationUnit, SectionPage,
    SiteIdentity,
)
from sites.models import Unit

def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

out = {}
for code, host in (("01", "localhost"), ("S03", "sotaichinh.localhost"), ("00070", "hoankiem.localhost")):
    unit = Unit.objects.get(code=code)
    name = unit.display_name
    SiteIdentity.objects.filter(site=unit.site).update(
        address=f"Trụ sở {name}, Hà Nội", phone="024 3825 3536", hotline="0243 825 3536",
        email=f"vanphong@{host.split('.')[0]}.hanoi.gov.vn", responsible_person="Nguyễn Văn Minh",
        responsible_position="Chánh Văn phòng", working_hours="Sáng 8h00–12h00, chiều 13h00–17h00, thứ Hai đến thứ Sáu",
    )
    home = unit.site.root_page
    def section(key):
        return SectionPage.objects.child_of(home).get(section_key=key)
    image = Image.objects.create(
        title=f"Ảnh {name}", description=f"Quang cảnh buổi lễ tại {name}",
        file=get_test_image_file(colour="#2d6a4f", size=(1200, 675)), collection=unit.collection,
    )
    news = section("news")
    first = publish(news, ArticlePage(
        title=f"{name} triển khai kế hoạch chuyển đổi số năm 2027",
        summary="Các phòng ban cam kết hoàn thành đúng hạn.", author="Lê Thu Hà", source_agency=name, hero_image=image,
    ))
    for title in ("Hội nghị tổng kết công tác năm", "Thông báo lịch tiếp công dân tháng 12"):
        publish(news, ArticlePage(title=f"{title} – {name}", author="Lê Thu Hà", source_agency=name))
    legal = section("legal_documents")
    doc = publish(legal, LegalDocumentPage(
        title="Quyết định ban hành quy chế", number="125/QĐ-UBND", document_type="quyet_dinh",
        issuing_body=name, issue_date=datetime.date(2026, 11, 2), abstract="Ban hành quy chế làm việc.",
    ))
    publish(legal, LegalDocumentPage(
        title="Kế hoạch phòng chống thiên tai", number="88/KH-UBND", document_type="ke_hoach",
        issuing_body=name, issue_date=datetime.date(2026, 5, 20), abstract="Kế hoạch năm 2026.",
    ))
    contact = publish(section("contact"), ContactPage(
        title="Thông tin liên hệ", address=f"Trụ sở {name}, Hà Nội", spokesperson_name="Phạm Quang Huy",
        spokesperson_position="Người phát ngôn",
    ))
    introduction = section("introduction")
    organisation = OrganisationPage.objects.child_of(introduction).first() or publish(
        introduction, OrganisationPage(title="Cơ cấu tổ chức", functions="<p>Quản lý nhà nước trên địa bàn.</p>")
    )
    organisation.units = [
        OrganisationUnit(name="Văn phòng", head_name="Lê Văn Cường", head_position="Chánh Văn phòng"),
        OrganisationUnit(name="Phòng Kinh tế", head_name="Phạm Thu Hà", phone="024 3825 1111"),
        OrganisationUnit(name="Bộ phận Một cửa", email=f"motcua@{host.split('.')[0]}.vn"),
    ]
    organisation.save_revision().publish()
    leaders = [
        publish(organisation, LeaderProfilePage(
            title=person, position=position, phone="024 3825 2222", duties="<p>Phụ trách chung.</p>",
            biography="<p>Sinh năm 1975 tại Hà Nội; Thạc sĩ Quản lý công.</p>",
            photo=Image.objects.create(
                title=person, description=f"Chân dung {person}", collection=unit.collection,
                file=get_test_image_file(colour=colour, size=(480, 600)),
            ),
        ))
        for person, position, colour in (
            ("Trần Quang Minh", f"Người đứng đầu {name}", "#5a6b7c"), ("Đỗ Thị Lan", "Cấp phó", "#7c6b5a"),
        )
    ]
    out[host] = {
        "home": "/", "news": news.url_path[len(home.url_path) - 1:], "article": first.url_path[len(home.url_path) - 1:],
        "legal_search": "/tra-cuu-van-ban/?loai=quyet_dinh", "document": doc.url_path[len(home.url_path) - 1:],
        "contact": contact.url_path[len(home.url_path) - 1:], "sitemap": "/so-do-trang/",
        "search": "/tim-kiem/?q=ke+hoach",
        "not_found": "/khong-co-trang-nay/",
        "organisation": organisation.url_path[len(home.url_path) - 1:],
        "leader": leaders[0].url_path[len(home.url_path) - 1:],
    }
out["localhost"]["english"] = "/en/"  # the city's English portal, its own menu
out["localhost"]["english_section"] = "/en/investment/"  # an English section, its rating form in English
print(json.dumps(out))
"""
SHOTS = {"home", "article", "legal_search", "contact", "search", "organisation", "leader", "english"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
SHORT = {"localhost": "city", "sotaichinh.localhost": "department", "hoankiem.localhost": "ward"}


@pytest.fixture(scope="module")
def front_pages(portal_server):
    return json.loads(run_in_portal(portal_server, SETUP_CONTENT))


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_no_page_type_has_a_serious_accessibility_violation_on_city_department_and_ward(
    portal_server, browser, front_pages, width
):
    port = portal_server["port"]
    context = browser.new_context(locale="vi-VN", viewport=VIEWPORTS[width])
    page = context.new_page()
    csp_violations = []
    page.expose_function("cspViolation", lambda violation: csp_violations.append(violation))
    page.add_init_script(LISTEN)
    axe = Axe()
    found, checked = [], 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for host, paths in front_pages.items():
        for kind, path in paths.items():
            response = page.goto(f"http://{host}:{port}{path}")
            assert response.status == (404 if kind == "not_found" else 200), (host, path, response.status)
            results = axe.run(page, options={"resultTypes": ["violations"]})
            checked += 1
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    found.append(f"{host}{path} [{width}]: {violation['id']} ({violation['impact']}) {targets}")
            if kind in SHOTS:
                page.screenshot(path=SCREENSHOTS / f"frontend-{SHORT[host]}-{kind}-{width}.png", full_page=True)
    context.close()
    assert checked == 35  # 11 page types on each of 3 sites, and the city's English home and one English section
    assert found == [], "\n".join(found)
    # The JSON-LD data blocks, the script and the styles all pass the strict policy.
    assert csp_violations == []


def test_the_phone_menu_opens_and_closes_from_the_keyboard_and_takes_little_of_the_screen(
    portal_server, browser, front_pages
):
    context = browser.new_context(locale="vi-VN", viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.goto(f"http://hoankiem.localhost:{portal_server['port']}/")
    menu = page.get_by_role("navigation", name="Chuyên mục")
    toggle = menu.get_by_role("button", name="Danh mục")
    assert not menu.get_by_role("link", name="Tin tức - Sự kiện").is_visible()
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 844 / 3, f"the header takes {header_height}px of a 844px phone screen"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung chính"
    while page.evaluate("document.activeElement.className") != "menu-toggle":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Tin tức - Sự kiện").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the second link of the menu, reached by keyboard alone
    page.wait_for_url("**/gioi-thieu/")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.className") != "menu-toggle":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.className") == "menu-toggle"
    context.close()


def test_search_and_the_legal_search_form_work_from_the_keyboard_alone(portal_server, page, front_pages):
    port = portal_server["port"]
    page.goto(f"http://hoankiem.localhost:{port}/")
    while page.evaluate("document.activeElement.id") != "o-tim-kiem":
        page.keyboard.press("Tab")
    page.keyboard.type("chuyen doi so")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=chuyen+doi+so")

    page.goto(f"http://hoankiem.localhost:{port}/tra-cuu-van-ban/")
    while page.evaluate("document.activeElement.id") != "id_q":
        page.keyboard.press("Tab")
    page.keyboard.type("88/KH")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_loai"
    while page.evaluate("document.activeElement.textContent.trim()") != "Tra cứu":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tra-cuu-van-ban/?q=88%2FKH*")
    assert page.get_by_role("link", name="88/KH-UBND").is_visible()
    assert not page.get_by_role("link", name="125/QĐ-UBND").count()

    page.goto(f"http://hoankiem.localhost:{port}/tra-cuu-van-ban/?tu_ngay=31/12/2026")
    assert page.get_by_role("alert").is_visible()
    field = page.get_by_label("Ban hành từ ngày")
    assert field.get_attribute("aria-invalid") == "true"
    message = page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
    assert "Ngày phải có dạng năm-tháng-ngày" in message
