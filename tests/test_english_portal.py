"""A foreign visitor reads the city's English portal (Quy chế Art. 5.2.a) at /english, and apps read it by API."""

import re

import pytest

from django.core.management import call_command

from wagtail.models import Page

from home.models import ContactPage, OrganisationPage, SectionPage

from .api_content import CITY_HOST, fresh_api_cache  # noqa: F401
from .conftest import CITY

pytestmark = pytest.mark.django_db


def english(model):
    return model.objects.get(locale__language_code="en")


def test_english_leads_to_the_english_home_page_in_english(client):
    response = client.get("/english", HTTP_HOST=CITY_HOST, follow=True)
    assert response.redirect_chain[-1] == ("/en/", 301)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Hanoi City</h1>" in html
    assert '<h2 id="chan-trang-don-vi">Hanoi City</h2>' in html  # the footer names the site in English too
    assert "Skip to main content" in html
    assert 'href="/en/introduction/"' in html and 'href="/en/contact/"' in html
    assert "Giới thiệu" not in html


# Letters only Vietnamese writes with. An English page may still name the owning agency by its official name.
AGENCY = "Ủy ban nhân dân thành phố Hà Nội"
VIETNAMESE_LETTERS = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)


def main_content(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_english_portal_has_its_own_menu_about_hanoi_news_investment_contact(client):
    html = client.get("/en/", HTTP_HOST=CITY_HOST).content.decode()
    menu = html.split('id="menu-chinh"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu) == [
        ("/en/", "Home"),
        ("/en/introduction/", "About Hanoi"),
        ("/en/news/", "News"),
        ("/en/investment/", "Investment"),
        ("/en/contact/", "Contact"),
    ]


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/en/", "Hanoi City"),
        ("/en/introduction/", "About Hanoi"),
        ("/en/introduction/organisation/", "Hanoi People&#x27;s Committee"),
        ("/en/news/", "News"),
        ("/en/investment/", "Investment"),
        ("/en/contact/", "Contact"),
        ("/en/contact/contact-information/", "Contact Hanoi People&#x27;s Committee"),
    ],
)
def test_every_english_page_speaks_english_from_its_heading_to_its_rating_form(client, path, heading):
    html = client.get(path, HTTP_HOST=CITY_HOST).content.decode()
    assert '<html lang="en">' in html
    main = main_content(html)
    assert heading in main
    assert not VIETNAMESE_LETTERS.findall(main.replace(AGENCY, "")), path
    assert "Rate the information on this page" in main and "Send rating" in main


def test_about_hanoi_leads_to_the_government_page_instead_of_saying_it_has_no_articles(client):
    main = main_content(client.get("/en/introduction/", HTTP_HOST=CITY_HOST).content.decode())
    assert '<a href="/en/introduction/organisation/">Hanoi People&#x27;s Committee</a>' in main
    assert "No articles yet." not in main
    vietnamese = main_content(client.get("/lien-he/", HTTP_HOST=CITY_HOST).content.decode())
    assert '<a href="/lien-he/thong-tin-lien-he/">Thông tin liên hệ</a>' in vietnamese


def test_the_vietnamese_pages_keep_their_rating_form_in_vietnamese(client):
    main = main_content(client.get("/gioi-thieu/", HTTP_HOST=CITY_HOST).content.decode())
    assert "Đánh giá thông tin trên trang này" in main and "Gửi đánh giá" in main
    assert "Send rating" not in main


def test_a_foreign_visitor_who_rates_an_english_page_is_answered_in_english(client):
    about = SectionPage.objects.get(slug="introduction", locale__language_code="en")
    scores = {"interface": "5", "content": "4", "quality": "4", "support": "5"}
    thanked = main_content(client.post(f"/danh-gia/{about.pk}/", scores, HTTP_HOST=CITY_HOST).content.decode())
    assert "Thank you for your rating." in thanked and "Back to the page" in thanked
    assert not VIETNAMESE_LETTERS.findall(thanked), thanked
    again = main_content(client.post(f"/danh-gia/{about.pk}/", scores, HTTP_HOST=CITY_HOST).content.decode())
    assert "You have already rated this page today." in again
    unscored = client.post(f"/danh-gia/{about.pk}/", {**scores, "quality": "9"}, HTTP_HOST=CITY_HOST)
    assert unscored.status_code == 400 and "“Quality”: a score from 1 to 5." in unscored.content.decode()


def test_the_investment_section_tells_investors_where_to_turn(client):
    main = main_content(client.get("/en/investment/", HTTP_HOST=CITY_HOST).content.decode())
    assert "Hanoi Department of Finance" in main and "National Public Service Portal" in main


def test_provisioning_adds_the_missing_english_sections_before_contact_then_changes_nothing(unit):
    english_home = unit(CITY).site.root_page.get_translations().get(locale__language_code="en")
    for slug in ("news", "investment"):
        english_home.get_children().get(slug=slug).delete()
    call_command("provision_sites", verbosity=0)
    titles = list(SectionPage.objects.child_of(english_home).order_by("path").values_list("title", flat=True))
    assert titles == ["About Hanoi", "News", "Investment", "Contact"]
    pages = Page.objects.count()
    call_command("provision_sites", verbosity=0)
    assert Page.objects.count() == pages


def test_an_english_page_an_editor_gave_a_sections_address_keeps_it(unit):
    english_home = unit(CITY).site.root_page.get_translations().get(locale__language_code="en")
    english_home.get_children().get(slug="investment").delete()
    own = SectionPage(title="Invest in Hanoi", slug="investment")
    english_home.add_child(instance=own)
    call_command("provision_sites", verbosity=0)
    assert [page.title for page in english_home.get_children().filter(slug="investment")] == ["Invest in Hanoi"]


def test_an_english_address_keeps_its_path_after_english(client):
    response = client.get("/english/contact/contact-information/", HTTP_HOST=CITY_HOST)
    assert response.status_code == 301
    assert response["Location"] == "/en/contact/contact-information/"


def test_the_english_contact_page_gives_the_committees_address_in_english(client):
    response = client.get("/en/contact/contact-information/", HTTP_HOST=CITY_HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Contact Hanoi People&#x27;s Committee</h1>" in html
    assert "<dt>Address</dt><dd>12 Le Lai Street, Hoan Kiem Ward, Hanoi, Viet Nam</dd>" in html
    assert "Office hours" in html


def test_the_english_organisation_page_describes_hanoi_peoples_committee(client):
    html = client.get("/en/introduction/organisation/", HTTP_HOST=CITY_HOST).content.decode()
    assert '<html lang="en">' in html
    assert "<h2>Functions and duties</h2>" in html
    assert "executive body of the People&#x27;s Council" in html or "executive body of the People's Council" in html


def test_the_vietnamese_portal_stays_vietnamese_whatever_the_browser_prefers(client):
    html = client.get("/", HTTP_HOST=CITY_HOST, HTTP_ACCEPT_LANGUAGE="en-GB,en").content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Thành phố Hà Nội</h1>" in html
    assert 'href="/gioi-thieu/"' in html
    contact = client.get("/lien-he/thong-tin-lien-he/", HTTP_HOST=CITY_HOST).content.decode()
    assert "Số 12 Lê Lai, phường Hoàn Kiếm, thành phố Hà Nội" in contact


def test_the_english_pages_are_translations_of_the_citys_pages(unit):
    home = unit(CITY).site.root_page
    organisation, contact = english(OrganisationPage), english(ContactPage)
    assert organisation.get_translation(home.locale).title == "Cơ cấu tổ chức"
    assert contact.get_translation(home.locale).address == "Số 12 Lê Lai, phường Hoàn Kiếm, thành phố Hà Nội"
    assert organisation.live and contact.live
    assert [page.locale.language_code for page in home.get_translations(inclusive=True).order_by("id")] == ["vi", "en"]


def test_city_editors_may_edit_the_english_pages_too(member_of):
    editor = member_of(CITY, "editor")
    assert english(ContactPage).permissions_for_user(editor).can_edit()


def test_no_ward_or_department_gets_an_english_portal():
    assert Page.objects.filter(depth=2, locale__language_code="en").count() == 1


def test_provisioning_again_leaves_the_english_portal_as_editors_left_it():
    contact = english(ContactPage)
    contact.title = "Contact us"
    contact.save_revision().publish()
    pages = Page.objects.count()
    call_command("provision_sites", verbosity=0)
    assert Page.objects.count() == pages
    assert english(ContactPage).title == "Contact us"


def test_the_api_serves_the_english_pages_of_the_city(client):
    body = client.get("/api/v2/pages/", {"locale": "en", "fields": "_"}, HTTP_HOST=CITY_HOST).json()
    assert body["meta"]["total_count"] == 7  # the home page, four sections, the organisation and contact pages
    listing = client.get("/api/v2/pages/", {"locale": "en", "type": "home.ContactPage"}, HTTP_HOST=CITY_HOST).json()
    assert [item["title"] for item in listing["items"]] == ["Contact Hanoi People's Committee"]
    assert listing["items"][0]["meta"]["html_url"] == "http://localhost/en/contact/contact-information/"
    assert listing["items"][0]["meta"]["locale"] == "en"


def test_the_api_finds_the_english_translation_of_a_vietnamese_page(client):
    vietnamese = ContactPage.objects.get(locale__language_code="vi")
    response = client.get(
        "/api/v2/pages/",
        {"translation_of": vietnamese.pk, "locale": "en", "type": "home.ContactPage", "fields": "address"},
        HTTP_HOST=CITY_HOST,
    )
    [item] = response.json()["items"]
    assert item["address"] == "12 Le Lai Street, Hoan Kiem Ward, Hanoi, Viet Nam"
    detail = client.get(f"/api/v2/pages/{item['id']}/", HTTP_HOST=CITY_HOST).json()
    assert detail["meta"]["locale"] == "en"
    assert detail["office_hours"] == "Monday to Friday, 8:00–12:00 and 13:00–17:00 (except public holidays)"


def test_a_ward_has_no_english_pages_in_the_api(client):
    body = client.get("/api/v2/pages/", {"locale": "en"}, HTTP_HOST="dongda.localhost").json()
    assert body["meta"]["total_count"] == 0


def test_the_city_board_moderates_the_english_portal_and_a_ward_board_does_not_see_it(member_of):
    from wagtail.models import TaskState

    from sites.models import Unit

    from .conftest import DONG_DA

    contact = english(ContactPage)
    assert Unit.for_page(contact).code == CITY
    contact.get_workflow().start(contact, member_of(CITY, "editor"))
    city_reviewer, ward_head = member_of(CITY, "reviewer"), member_of(DONG_DA, "board_head")
    waiting = {state.workflow_state.object_id for state in TaskState.objects.reviewable_by(city_reviewer)}
    assert str(contact.pk) in waiting
    assert not TaskState.objects.reviewable_by(ward_head).exists()


def test_a_ward_without_an_english_version_answers_404_under_en_not_its_vietnamese_pages(client):
    assert client.get("/en/", HTTP_HOST="dongda.localhost").status_code == 404
    assert client.get("/en/tin-tuc-su-kien/", HTTP_HOST="dongda.localhost").status_code == 404
    assert client.get("/", HTTP_HOST="dongda.localhost").status_code == 200
    assert client.get("/en/", HTTP_HOST=CITY_HOST).status_code == 200


def test_the_english_pages_are_found_by_search_on_the_city_site(client):
    found = client.get("/api/search/", {"q": "Hanoi People's Committee", "site": CITY_HOST}).json()
    assert "Hanoi People's Committee" in [result["title"] for result in found["results"]]
    assert (
        client.get("/api/search/", {"q": "Hanoi People's Committee", "site": "dongda.localhost"}).json()["total"] == 0
    )
