"""From the attacker's side: a Đống Đa editor crafting admin requests for Cầu Giấy's drafts, media and snippets.

Every admin surface (page chooser, snippet chooser, admin API, report filters, the page form, search pins) keeps
to the editor's own unit and what the city shares; rules in sites/admin_scope.py.
"""

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from home.models import ArticlePage, ContactCard, LegalDocumentPage, SectionPage
from search.models import SearchPromotion

from .conftest import CAU_GIAY, CITY, DONG_DA

pytestmark = pytest.mark.django_db


def news(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")


def article(section, title, publish=True):
    page = section.add_child(instance=ArticlePage(title=title, author="A", source_agency="B", live=publish))
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def cau_giay(unit):
    cg = unit(CAU_GIAY)
    draft = article(news(cg), "Dự thảo bí mật Cầu Giấy", publish=False)
    private = article(news(cg), "Trang nội bộ Cầu Giấy")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="mk")
    public = article(news(cg), "Tin công khai Cầu Giấy")
    pending = article(news(cg), "Tin đã đăng Cầu Giấy")
    pending.title = "Bản sửa chưa duyệt Cầu Giấy"
    pending.save_revision()
    return {
        "unit": cg,
        "draft": draft,
        "private": private,
        "public": public,
        "pending": pending,
        "image": Image.objects.create(title="Ảnh Cầu Giấy", file=get_test_image_file(), collection=cg.collection),
        "document": Document.objects.create(
            title="Tài liệu Cầu Giấy", file=ContentFile(b"x", name="cg.txt"), collection=cg.collection
        ),
        "card": ContactCard.objects.create(unit=cg, title="Một cửa Cầu Giấy"),
    }


@pytest.fixture
def editor(client, member_of):
    client.force_login(member_of(DONG_DA, "editor"))
    return client


SECRETS = ("Dự thảo bí mật", "Trang nội bộ", "Bản sửa chưa duyệt")


def shows(response, text):
    return text in response.content.decode("unicode_escape") or text in response.content.decode()


def test_the_page_chooser_offers_another_wards_public_pages_but_none_of_its_drafts_or_private_pages(editor, cau_giay):
    browse = editor.get(reverse("wagtailadmin_choose_page_child", args=[news(cau_giay["unit"]).pk]))
    search = editor.get(reverse("wagtailadmin_choose_page_search"), {"q": "Cầu Giấy"})

    for response in (browse, search):
        assert response.status_code == 200
        assert shows(response, "Tin công khai Cầu Giấy")
        assert not any(shows(response, secret) for secret in SECRETS)
    assert editor.get(reverse("wagtailadmin_choose_page_child", args=[cau_giay["draft"].pk])).status_code == 404
    chosen = editor.get(
        reverse("wagtailadmin_choose_page_chosen_multiple"),
        {"id": [cau_giay[key].pk for key in ("draft", "private", "pending", "public")]},
    )
    assert [item["id"] for item in chosen.json()["result"]] == [cau_giay["public"].pk]


def test_a_crafted_snippet_chooser_request_never_returns_another_wards_card(editor, cau_giay):
    card = cau_giay["card"]
    chosen = editor.get(reverse("wagtailsnippetchoosers_home_contactcard:chosen", args=[card.pk]))
    multiple = editor.get(reverse("wagtailsnippetchoosers_home_contactcard:chosen_multiple"), {"id": [card.pk]})

    assert chosen.status_code == 404
    assert multiple.json()["result"] == []


def test_the_admin_api_lists_only_the_editors_own_and_the_citys_media(editor, unit, cau_giay):
    own = Image.objects.create(title="Ảnh Đống Đa", file=get_test_image_file(), collection=unit(DONG_DA).collection)
    city = Image.objects.create(title="Ảnh Thành phố", file=get_test_image_file(), collection=unit(CITY).collection)

    images = {item["id"] for item in editor.get("/admin/api/main/images/").json()["items"]}
    documents = {item["id"] for item in editor.get("/admin/api/main/documents/").json()["items"]}

    assert {own.pk, city.pk} <= images and cau_giay["image"].pk not in images
    assert cau_giay["document"].pk not in documents
    assert editor.get(f"/admin/api/main/images/{cau_giay['image'].pk}/").status_code == 404


def test_the_workflow_report_does_not_name_another_wards_staff(editor, member_of, cau_giay):
    author = member_of(CAU_GIAY, "editor")
    author.first_name, author.last_name = "Lã Thị", "Cầu"
    author.save()
    cau_giay["draft"].save_revision(user=author)
    cau_giay["draft"].get_workflow().start(cau_giay["draft"], author)

    report = editor.get(reverse("wagtailadmin_reports:workflow"))

    assert report.status_code == 200
    assert "Lã Thị" not in report.content.decode()


def page_form(page, **fields):
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": "Tóm tắt",
        "author": "Văn phòng",
        "source_agency": "UBND phường Đống Đa",
        "published_at": "2026-11-22 09:00",
        "body-count": "0",
        **fields,
    }


def block(kind, **value):
    fields = {"body-count": "1", "body-0-type": kind, "body-0-deleted": "", "body-0-order": "0", "body-0-id": ""}
    if kind == "contact":
        fields["body-0-value"] = value["id"]
    else:
        fields.update({f"body-0-value-{name}": item for name, item in value.items()})
    return fields


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (lambda cg: {"hero_image": cg["image"].pk}, "Không được dùng ảnh “Ảnh Cầu Giấy”: ảnh thuộc đơn vị khác."),
        (lambda cg: block("image", image=cg["image"].pk, alt_text="Ảnh", caption=""), "Không được dùng ảnh"),
        (lambda cg: block("document", document=cg["document"].pk, title=""), "Không được dùng tài liệu"),
        (lambda cg: block("contact", id=cg["card"].pk), "nội dung dùng chung này thuộc đơn vị khác"),
    ],
)
def test_the_page_form_refuses_another_wards_image_document_or_contact_card(editor, unit, cau_giay, fields, message):
    page = article(news(unit(DONG_DA)), "Tin Đống Đa")

    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page, **fields(cau_giay)))

    assert response.status_code == 200
    assert any(message in error for errors in response.context["form"].errors.values() for error in errors)
    page.refresh_from_db()
    assert page.hero_image_id is None and page.get_latest_revision().content.get("hero_image") is None


def test_the_page_form_accepts_the_citys_image_and_a_link_to_another_wards_public_page(editor, unit, cau_giay):
    page = article(news(unit(DONG_DA)), "Tin Đống Đa")
    city_image = Image.objects.create(title="Ảnh chung", file=get_test_image_file(), collection=unit(CITY).collection)

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page, hero_image=city_image.pk)
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().hero_image_id == city_image.pk


def test_a_legal_document_may_not_attach_another_wards_file(editor, unit, cau_giay):
    section = SectionPage.objects.child_of(unit(DONG_DA).site.root_page).get(section_key="legal_documents")
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=["home", "legaldocumentpage", section.pk]),
        {
            "title": "Quyết định về lịch tiếp dân",
            "slug": "quyet-dinh-lich-tiep-dan",
            "document_type": "quyet_dinh",
            "number": "12/QĐ-UBND",
            "issuing_body": "UBND phường Đống Đa",
            "issue_date": "2026-01-05",
            "status": "in_force",
            "abstract": "Lịch tiếp công dân",
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "attachments-0-document": cau_giay["document"].pk,
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
            "related_documents-TOTAL_FORMS": "0",
            "related_documents-INITIAL_FORMS": "0",
            "related_documents-MIN_NUM_FORMS": "0",
            "related_documents-MAX_NUM_FORMS": "1000",
        },
    )

    attachment = response.context["form"].formsets["attachments"].forms[0]
    assert attachment.errors["document"] == [
        "Không được dùng tài liệu “Tài liệu Cầu Giấy”: tài liệu thuộc đơn vị khác."
    ]
    assert not LegalDocumentPage.objects.filter(slug="quyet-dinh-lich-tiep-dan").exists()


def test_a_search_pin_may_only_point_at_the_units_own_public_pages(editor, unit, cau_giay):
    response = editor.post(
        reverse("wagtailsnippets_search_searchpromotion:add"),
        {
            "unit": unit(DONG_DA).pk,
            "query": "một cửa",
            "page": cau_giay["public"].pk,
            "description": "",
            "sort_order": 0,
        },
    )

    assert response.context["form"].errors["page"] == [
        "Chỉ ghim được trang đang xuất bản, công khai của chính trang đơn vị mình."
    ]
    assert not SearchPromotion.objects.exists()
