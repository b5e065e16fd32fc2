"""The city's English portal (Quy chế Art. 5.2.a) and the city pages it translates.

Provisioning gives the city its organisation page (under Giới thiệu) and its contact page (under Liên hệ) when
they are missing, then, once, an English tree made of Wagtail translations of the city's home page, of those two
sections and of those two pages (same `translation_key`, locale `en`), so the admin shows them as translations
and `?locale=en` / `translation_of=` find them. The English tree is created only when the city's home page has no
English translation yet: afterwards it belongs to the editors, and a re-run costs one query.

Served at /en/ (Django's language prefix, Wagtail's own routing of translation trees); /english redirects there.
"""

from django.conf import settings

from wagtail.models import Locale

from home.models import ContactPage, OrganisationPage, SectionPage
from home.sections import SectionKey

ENGLISH = "en"
ADDRESS_VI = "Số 12 Lê Lai, phường Hoàn Kiếm, thành phố Hà Nội"
ADDRESS_EN = "12 Le Lai Street, Hoan Kiem Ward, Hanoi, Viet Nam"

ORGANISATION_VI = {
    "title": "Cơ cấu tổ chức",
    "functions": (
        "<p>Ủy ban nhân dân thành phố Hà Nội do Hội đồng nhân dân thành phố bầu, là cơ quan chấp hành của Hội đồng "
        "nhân dân thành phố, cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Nhân dân Thủ đô, "
        "Hội đồng nhân dân thành phố và cơ quan hành chính nhà nước cấp trên.</p>"
        "<p>Ủy ban nhân dân thành phố tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân "
        "thành phố, quyết định các vấn đề thuộc thẩm quyền và thực hiện các nhiệm vụ, quyền hạn của chính quyền "
        "Thủ đô theo Luật Thủ đô.</p>"
    ),
    "body": (
        "<p>Ủy ban nhân dân thành phố gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên. Giúp việc Ủy ban nhân dân "
        "thành phố có Văn phòng Ủy ban nhân dân thành phố và các sở, cơ quan chuyên môn; ở cơ sở là Ủy ban nhân "
        "dân 126 phường, xã.</p>"
    ),
}
CONTACT_VI = {
    "title": "Thông tin liên hệ",
    "address": ADDRESS_VI,
    "office_hours": "Thứ Hai đến Thứ Sáu: 8 giờ – 12 giờ và 13 giờ – 17 giờ (trừ ngày nghỉ lễ)",
}

HOME_EN = {
    "title": "Hanoi City",
    "intro": (
        "<p>Welcome to the English portal of Hanoi, the capital of the Socialist Republic of Viet Nam, published by "
        "Hanoi People's Committee.</p>"
    ),
}
SECTIONS_EN = {
    "introduction": {"title": "Introduction", "slug": "introduction", "intro": ""},
    "contact": {"title": "Contact", "slug": "contact", "intro": ""},
}
ORGANISATION_EN = {
    "title": "Hanoi People's Committee",
    "slug": "organisation",
    "functions": (
        "<p>Hanoi People's Committee is elected by Hanoi People's Council. It is the executive body of the People's "
        "Council and the state administrative authority of the city, accountable to the people of the capital, to "
        "the People's Council and to the state administrative authorities above it.</p>"
        "<p>The Committee implements the Constitution, the laws and the resolutions of the People's Council, "
        "decides on the matters within its competence and exercises the duties and powers given to the "
        "capital's government by the Law on the Capital.</p>"
    ),
    "body": (
        "<p>The Committee consists of the Chairman, the Vice Chairmen and its members. It is assisted by the Office "
        "of the People's Committee and by the city's departments and specialised agencies; locally, the People's "
        "Committees of the city's 126 wards and communes govern.</p>"
    ),
}
CONTACT_EN = {
    "title": "Contact Hanoi People's Committee",
    "slug": "contact-information",
    "address": ADDRESS_EN,
    "office_hours": "Monday to Friday, 8:00–12:00 and 13:00–17:00 (except public holidays)",
}


def english_locale():
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    return Locale.objects.filter(language_code=ENGLISH).first() if ENGLISH in codes else None


def ensure_city_pages(home):
    """The city's organisation and contact pages, and its English portal; returns (English home or None, changes)."""
    locale = english_locale()
    if locale is None:
        return None, []
    english_home = home.get_translations().filter(locale=locale).first()
    if english_home is not None:
        return english_home, []

    sections = {section.section_key: section for section in SectionPage.objects.child_of(home)}
    introduction, contact = sections.get(SectionKey.INTRODUCTION), sections.get(SectionKey.CONTACT)
    if introduction is None or contact is None:
        return None, []
    organisation = _first_or_publish(introduction, OrganisationPage, ORGANISATION_VI)
    contact_page = _first_or_publish(contact, ContactPage, CONTACT_VI)

    english_home = _translate(home, locale, HOME_EN)
    _translate(introduction, locale, SECTIONS_EN["introduction"])
    _translate(contact, locale, SECTIONS_EN["contact"])
    _translate(organisation, locale, ORGANISATION_EN)
    _translate(contact_page, locale, CONTACT_EN)
    return english_home, ["cổng tiếng Anh: tạo trang chủ, Giới thiệu, Liên hệ, cơ cấu tổ chức và thông tin liên hệ"]


def _first_or_publish(section, model, values):
    page = model.objects.child_of(section).first()
    if page is None:
        page = model(**values)
        section.add_child(instance=page)
        page.save_revision().publish()
    return page


def _translate(page, locale, values):
    """A Wagtail translation of `page` (its parent must be translated already), in English, published."""
    translation = page.copy_for_translation(locale)
    for name, value in values.items():
        setattr(translation, name, value)
    translation.draft_title = translation.title
    translation.save()
    translation.save_revision().publish()
    return translation
