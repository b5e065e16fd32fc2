"""A board head creates and publishes every page type of a state portal, each only where it belongs."""

import unicodedata

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import (
    AnnouncementPage,
    ArticlePage,
    ContactPage,
    EventPage,
    LeaderProfilePage,
    LegalDocumentPage,
    OrganisationPage,
    PlanPage,
    ProcedurePage,
    SectionPage,
    StatisticsReportPage,
    WardIntroductionPage,
)

from .conftest import DONG_DA, SO_TAI_CHINH

pytestmark = pytest.mark.django_db

NO_BODY = {"body": streamfield([])}

# Each page type with the fields its form needs, and the standard section it goes in.
PAGE_TYPES = [
    (
        ArticlePage,
        "news",
        {
            "title": "Phường tổ chức Ngày hội đại đoàn kết",
            "summary": "Ngày hội diễn ra tại nhà văn hóa tổ dân phố.",
            "author": "Minh Châu",
            "source_agency": "UBND phường",
            "published_at": "2026-11-20 08:30",
            "tags": "",
            **NO_BODY,
        },
    ),
    (
        LegalDocumentPage,
        "legal_documents",
        {
            "title": "Quyết định về việc tổ chức lại Trung tâm Tin học - Công báo",
            "document_type": "quyet_dinh",
            "number": "4488/QĐ-UBND",
            "issuing_body": "UBND thành phố Hà Nội",
            "signer": "Chủ tịch UBND thành phố",
            "issue_date": "2023-09-11",
            "effective_date": "2023-09-11",
            "status": "in_force",
            "abstract": "Tổ chức lại Trung tâm Tin học - Công báo thành Trung tâm Thông tin điện tử.",
            "attachments": inline_formset([]),
            "related_documents": inline_formset([]),
        },
    ),
    (AnnouncementPage, "news", {"title": "Thông báo lịch tiếp công dân", "summary": "Tháng 12", **NO_BODY}),
    (
        EventPage,
        "news",
        {"title": "Hội nghị tiếp xúc cử tri", "starts_at": "2026-12-01 08:00", "location": "Hội trường", **NO_BODY},
    ),
    (PlanPage, "plans", {"title": "Kế hoạch cải cách hành chính năm 2027", "approval_date": "2026-11-01", **NO_BODY}),
    (
        StatisticsReportPage,
        "statistics",
        {"title": "Số liệu dân số 6 tháng đầu năm", "release_date": "2026-07-15", "period": "6 tháng", **NO_BODY},
    ),
    (
        ProcedurePage,
        "procedures",
        {
            "title": "Đăng ký khai sinh",
            "procedure_code": "1.001193",
            "service_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
            **NO_BODY,
        },
    ),
    (
        OrganisationPage,
        "introduction",
        {"title": "Cơ cấu tổ chức", "functions": rich_text("<p>Chức năng</p>"), "units": inline_formset([])},
    ),
    (
        LeaderProfilePage,
        "introduction",
        {"title": "Nguyễn Văn An", "position": "Chủ tịch UBND phường", "biography": rich_text("<p>Sinh năm 1975.</p>")},
    ),
    (ContactPage, "contact", {"title": "Thông tin liên hệ", "address": "Số 1 phố Thái Hà", "phone": "024 3851 0000"}),
    (
        WardIntroductionPage,
        "introduction",
        {"title": "Giới thiệu phường Đống Đa", "history": rich_text("<p>Lịch sử</p>")},
    ),
]


def section_of(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def form_errors(response):
    form = response.context and response.context.get("form")
    return (form.errors, [f.errors for f in form.formsets.values()]) if form else response


def create(client, model, parent, fields, publish=True):
    # The editor's browser fills the slug from the title (tests/browser checks it folds Vietnamese to ASCII).
    data = nested_form_data({"slug": "trang-moi", **fields})
    if publish:
        data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    return client.post(url, data)


@pytest.mark.parametrize(("model", "section_key", "fields"), PAGE_TYPES, ids=lambda v: getattr(v, "__name__", ""))
def test_a_board_head_creates_and_publishes_each_page_type_in_its_section(
    client, member_of, unit, model, section_key, fields
):
    client.force_login(member_of(DONG_DA, "board_head"))
    section = section_of(unit(DONG_DA), section_key)

    response = create(client, model, section, fields)

    assert response.status_code == 302, form_errors(response)
    page = model.objects.child_of(section).get(title=fields["title"])
    assert page.live
    assert client.get(page.url, HTTP_HOST="dongda.localhost").status_code == 200


def test_content_pages_cannot_be_created_directly_under_a_home_page():
    home_types = Page.objects.type(SectionPage).first().get_parent().specific.allowed_subpage_models()
    assert home_types == [SectionPage]
    assert ArticlePage.allowed_parent_page_models() == [SectionPage]


def test_a_ward_introduction_exists_only_on_ward_and_commune_sites(unit):
    assert WardIntroductionPage.can_create_at(section_of(unit(DONG_DA), "introduction"))
    assert not WardIntroductionPage.can_create_at(section_of(unit(SO_TAI_CHINH), "introduction"))


def test_a_title_pasted_in_decomposed_unicode_is_stored_composed(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    nfd_title = unicodedata.normalize("NFD", "Thông báo tuyển dụng công chức")
    fields = dict(PAGE_TYPES[0][2], title=nfd_title, summary=unicodedata.normalize("NFD", "Hồ sơ nộp trực tiếp"))
    section = section_of(unit(DONG_DA), "news")

    assert create(client, ArticlePage, section, fields, publish=False).status_code == 302

    page = ArticlePage.objects.child_of(section).get(title="Thông báo tuyển dụng công chức")
    assert page.summary == "Hồ sơ nộp trực tiếp"
    assert unicodedata.is_normalized("NFC", page.get_latest_revision().content["title"])


def test_a_vietnamese_title_gets_an_ascii_slug_unique_within_its_section(unit):
    section = section_of(unit(DONG_DA), "procedures")
    for _ in range(2):
        section.add_child(instance=ProcedurePage(title="Đăng ký khai sinh"))
    slugs = sorted(ProcedurePage.objects.child_of(section).values_list("slug", flat=True))
    assert slugs == ["dang-ky-khai-sinh", "dang-ky-khai-sinh-2"]


def test_a_unicode_slug_from_an_import_is_folded_to_ascii(unit):
    section = section_of(unit(DONG_DA), "procedures")
    page = section.add_child(instance=ProcedurePage(title="Cấp đổi căn cước", slug="cấp-đổi-căn-cước"))
    assert page.slug == "cap-doi-can-cuoc"


def test_an_image_without_alt_text_is_refused_with_a_vietnamese_message(client, member_of, unit):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Ảnh", file=get_test_image_file(), collection=unit(DONG_DA).collection)
    client.force_login(member_of(DONG_DA, "editor"))
    body = streamfield([("image", {"image": image.pk, "alt_text": "", "caption": "Lễ ra quân"})])
    fields = dict(PAGE_TYPES[0][2], title="Bài có ảnh thiếu mô tả", body=body)

    response = create(client, ArticlePage, section_of(unit(DONG_DA), "news"), fields, publish=False)

    assert response.status_code == 200
    block_error = response.context["form"].errors["body"].as_data()[0].block_errors[0].block_errors["alt_text"]
    assert "Ảnh phải có mô tả (alt) để người khiếm thị đọc được" in block_error.messages[0]
    assert not ArticlePage.objects.filter(title="Bài có ảnh thiếu mô tả").exists()


def test_a_legal_document_number_in_the_wrong_form_cannot_be_published(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "board_head"))
    fields = dict(PAGE_TYPES[1][2], number="so 4488 QD")
    response = create(client, LegalDocumentPage, section_of(unit(DONG_DA), "legal_documents"), fields)
    assert response.status_code == 200
    assert "Số, ký hiệu chưa đúng dạng" in response.content.decode()


def test_an_article_without_its_source_cannot_be_published(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "board_head"))
    fields = dict(PAGE_TYPES[0][2], title="Bài thiếu nguồn", source_agency="")
    response = create(client, ArticlePage, section_of(unit(DONG_DA), "news"), fields)
    assert response.status_code == 200
    assert "source_agency" in response.context["form"].errors
    assert not ArticlePage.objects.filter(title="Bài thiếu nguồn").exists()
