"""The city's English portal (Quy chế Art. 5.2.a) and the city pages it translates.

A state portal's English part: About Hanoi (with the Government: Hanoi People's Committee), News, Investment and
Contact, in its own menu. Provisioning gives the city its organisation page (under Giới thiệu) and its contact page
(under Liên hệ) when they are missing, then, once, an English tree made of Wagtail translations of the city's home
page, of those sections and of those two pages (same `translation_key`, locale `en`), so the admin shows them as
translations and `?locale=en` / `translation_of=` find them. Afterwards the tree belongs to the editors: a re-run
only adds an English section whose Vietnamese section has no translation yet (as the Vietnamese standard sections
are added when missing), never touches one that exists, and costs a handful of queries.

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
ABOUT_HANOI = (
    "<p>Hanoi, the capital of Viet Nam for more than a thousand years (Thang Long, 1010), is the country's political "
    "and administrative centre and one of its two largest economic centres. The city lies on both banks of the Red "
    "River and is home to more than eight million people.</p>"
    "<p>Since 1 July 2025 the city has been governed at two levels: the city's People's Council and People's "
    "Committee, and the People's Councils and People's Committees of its 126 wards and communes.</p>"
)
INVESTMENT = (
    "<p>Information for investors: the city's plans and the projects it calls investment for, investment "
    "incentives and the procedures to follow. Investors are received and assisted by Hanoi Department of "
    "Finance; the procedures can be followed on the National Public Service Portal (dichvucong.gov.vn).</p>"
)
# The English menu, in its order: the Vietnamese section each translates, with its English title, slug and intro.
SECTIONS_EN = (
    (SectionKey.INTRODUCTION, {"title": "About Hanoi", "slug": "introduction", "intro": ABOUT_HANOI}),
    (SectionKey.NEWS, {"title": "News", "slug": "news", "intro": ""}),
    (SectionKey.PLANS, {"title": "Investment", "slug": "investment", "intro": INVESTMENT}),
    (SectionKey.CONTACT, {"title": "Contact", "slug": "contact", "intro": ""}),
)
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
    sections = {section.section_key: section for section in SectionPage.objects.child_of(home)}
    english_home = home.get_translations().filter(locale=locale).first()
    changes = []
    if english_home is None:
        introduction, contact = sections.get(SectionKey.INTRODUCTION), sections.get(SectionKey.CONTACT)
        if introduction is None or contact is None:
            return None, []
        organisation = _first_or_publish(introduction, OrganisationPage, ORGANISATION_VI)
        contact_page = _first_or_publish(contact, ContactPage, CONTACT_VI)
        english_home = _translate(home, locale, HOME_EN)
        _add_sections(english_home, sections, locale)
        _translate(organisation, locale, ORGANISATION_EN)
        _translate(contact_page, locale, CONTACT_EN)
        return english_home, ["cổng tiếng Anh: tạo trang chủ, các chuyên mục, cơ cấu tổ chức và thông tin liên hệ"]
    added = _add_sections(english_home, sections, locale)
    if added:
        changes.append(f"cổng tiếng Anh: thêm chuyên mục {', '.join(added)}")
    return english_home, changes


def _add_sections(english_home, sections, locale):
    """Translate the English menu's sections that have none yet, each placed before the English contact section
    (the menu's last); a section whose slug an editor's English page already takes is left out. Returns titles."""
    keys = [section.translation_key for section in sections.values()]
    translated = set(
        SectionPage.objects.filter(locale=locale, translation_key__in=keys).values_list("translation_key", flat=True)
    )
    slugs = set(english_home.get_children().values_list("slug", flat=True))
    contact = sections.get(SectionKey.CONTACT)
    english_contact = contact.get_translations().filter(locale=locale).first() if contact else None
    added = []
    for key, values in SECTIONS_EN:
        section = sections.get(key)
        if section is None or section.translation_key in translated or values["slug"] in slugs:
            continue
        english = _translate(section, locale, values)
        if english_contact is not None and key != SectionKey.CONTACT:
            english.move(english_contact, pos="left")
        added.append(values["title"])
    return added


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
