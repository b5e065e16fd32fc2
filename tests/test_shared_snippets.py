"""Shared snippets: per-site ones stay with their site, city-wide ones with the city (enforced on the server)."""

import pytest

from django.urls import reverse

from home.models import Category, ContactCard, Notice

from .conftest import CAU_GIAY, CITY, DONG_DA, refused

pytestmark = pytest.mark.django_db


def url(model, action, *args):
    return reverse(f"wagtailsnippets_home_{model._meta.model_name}:{action}", args=args)


@pytest.fixture
def cau_giay_notice(unit):
    return Notice.objects.create(unit=unit(CAU_GIAY), title="Lịch tiếp dân của Cầu Giấy")


def test_a_ward_editor_cannot_edit_a_city_wide_category(client, member_of):
    category = Category.objects.create(name="Tuyên truyền")
    client.force_login(member_of(DONG_DA, "editor"))

    assert refused(client.get(url(Category, "edit", category.pk)))
    assert refused(client.post(url(Category, "edit", category.pk), {"name": "Đã bị sửa"}))
    assert refused(client.post(url(Category, "delete", category.pk)))
    category.refresh_from_db()
    assert category.name == "Tuyên truyền"


def test_a_city_editor_manages_city_wide_categories(client, member_of):
    client.force_login(member_of(CITY, "editor"))
    response = client.post(url(Category, "add"), {"name": "Chỉ đạo điều hành"})
    assert response.status_code == 302
    assert Category.objects.get(name="Chỉ đạo điều hành").slug == "chi-dao-dieu-hanh"


def test_a_ward_editor_cannot_see_edit_or_delete_another_wards_notice(client, member_of, cau_giay_notice):
    client.force_login(member_of(DONG_DA, "editor"))

    assert "Lịch tiếp dân của Cầu Giấy" not in client.get(url(Notice, "list")).content.decode()
    for action in ("edit", "delete", "history", "usage"):
        assert refused(client.get(url(Notice, action, cau_giay_notice.pk))), action
    assert refused(client.post(url(Notice, "edit", cau_giay_notice.pk), {"title": "Sửa trộm"}))
    assert refused(client.post(url(Notice, "delete", cau_giay_notice.pk)))
    assert Notice.objects.get(pk=cau_giay_notice.pk).title == "Lịch tiếp dân của Cầu Giấy"


def test_a_ward_editor_cannot_file_a_notice_under_another_ward(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    response = client.post(
        url(Notice, "add"), {"unit": unit(CAU_GIAY).pk, "title": "Thông báo giả", "level": 0, "audience": "own"}
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Notice.objects.filter(title="Thông báo giả").exists()


def test_a_ward_editor_manages_their_own_wards_snippets(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    form = client.get(url(ContactCard, "add")).context["form"]
    assert list(form.fields["unit"].queryset) == [unit(DONG_DA)]

    response = client.post(url(ContactCard, "add"), {"unit": unit(DONG_DA).pk, "title": "Bộ phận Một cửa"})
    assert response.status_code == 302
    card = ContactCard.objects.get(title="Bộ phận Một cửa")
    assert client.get(url(ContactCard, "edit", card.pk)).status_code == 200
    assert "Bộ phận Một cửa" in client.get(url(ContactCard, "list")).content.decode()


def test_only_the_city_may_send_a_notice_to_other_sites(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    response = client.post(
        url(Notice, "add"), {"unit": unit(DONG_DA).pk, "title": "Gửi mọi trang", "level": 0, "audience": "all"}
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(title="Gửi mọi trang").exists()


def test_a_city_wide_notice_appears_on_a_wards_site_and_in_its_api(unit):
    from django.test import Client

    Notice.objects.create(
        unit=unit(CITY), title="Lịch nghỉ Tết Nguyên đán", audience=Notice.Audience.WARDS_AND_COMMUNES
    )
    Notice.objects.create(unit=unit(CAU_GIAY), title="Cầu Giấy cắt điện")
    client = Client()

    ward_page = client.get("/", HTTP_HOST="dongda.localhost").content.decode()
    department_page = client.get("/", HTTP_HOST="sotaichinh.localhost").content.decode()
    api = client.get("/api/v2/notices/", HTTP_HOST="dongda.localhost").json()
    by_parameter = client.get("/api/v2/notices/", {"site": "dongda.localhost"}, HTTP_HOST="localhost").json()

    assert "Lịch nghỉ Tết Nguyên đán" in ward_page
    assert "Cầu Giấy cắt điện" not in ward_page
    assert "Lịch nghỉ Tết Nguyên đán" not in department_page
    assert [item["title"] for item in api["items"]] == ["Lịch nghỉ Tết Nguyên đán"]
    assert [item["title"] for item in by_parameter["items"]] == ["Lịch nghỉ Tết Nguyên đán"]


def test_an_expired_notice_is_no_longer_shown(unit):
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.now() - timedelta(days=1)
    Notice.objects.create(unit=unit(DONG_DA), title="Đã hết hạn", ends_at=yesterday)
    assert not Notice.objects.shown_on(unit(DONG_DA)).filter(title="Đã hết hạn").exists()


def test_a_ward_editors_contact_card_chooser_offers_their_own_and_the_citys_cards_only(client, member_of, unit):
    ContactCard.objects.create(unit=unit(DONG_DA), title="Bộ phận Một cửa Đống Đa")
    ContactCard.objects.create(unit=unit(CITY), title="Đường dây nóng Thành phố")
    other = ContactCard.objects.create(unit=unit(CAU_GIAY), title="Bộ phận Một cửa Cầu Giấy")
    client.force_login(member_of(DONG_DA, "editor"))
    chooser = "wagtailsnippetchoosers_home_contactcard"
    listed = client.get(reverse(f"{chooser}:choose")).json()["html"]  # the modal's content, as Wagtail sends it
    assert "Bộ phận Một cửa Đống Đa" in listed and "Đường dây nóng Thành phố" in listed
    assert "Cầu Giấy" not in listed
    assert "Cầu Giấy" not in client.get(reverse(f"{chooser}:choose_results"), {"q": "Cầu Giấy"}).content.decode()
    assert client.get(reverse(f"{chooser}:chosen", args=[other.pk])).status_code == 404


def test_the_site_history_report_shows_a_ward_only_its_own_snippets_changes(client, member_of, unit):
    from wagtail.log_actions import log

    own = Notice.objects.create(unit=unit(DONG_DA), title="Lịch tiếp dân của Đống Đa")
    other = Notice.objects.create(unit=unit(CAU_GIAY), title="Lịch tiếp dân của Cầu Giấy")
    for notice in (own, other):
        log(instance=notice, action="wagtail.create", user=member_of(CITY, "operator"))
    client.force_login(member_of(DONG_DA, "editor"))
    report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Lịch tiếp dân của Đống Đa" in report
    assert "Cầu Giấy" not in report
    client.force_login(member_of(CITY, "operator"))
    assert "Lịch tiếp dân của Cầu Giấy" in client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
