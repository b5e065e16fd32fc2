"""Editors pin results for a query on their own site, and see what citizens search for there and find nothing for."""

import datetime
import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from search.models import SearchPromotion, SearchQueryDay

from .conftest import CAU_GIAY, CITY, DONG_DA, refused
from .test_search import PASSPORT, api, article, section

pytestmark = pytest.mark.django_db

DONGDA, CAUGIAY = "dongda.localhost", "caugiay.localhost"


def url(action, *args):
    return reverse(f"wagtailsnippets_search_searchpromotion:{action}", args=args)


@pytest.fixture
def pages(unit):
    dongda, caugiay, city = unit(DONG_DA), unit(CAU_GIAY), unit(CITY)
    return {
        "passport": article(section(dongda, "news"), PASSPORT, "Công dân nộp tờ khai đề nghị cấp hộ chiếu."),
        "guide": article(section(dongda, "news"), "Hướng dẫn làm hộ chiếu trực tuyến", "Nộp hồ sơ hộ chiếu qua mạng."),
        "caugiay": article(section(caugiay, "news"), "Cầu Giấy cấp hộ chiếu lưu động", "Tổ lưu động cấp hộ chiếu."),
        "hotline": article(section(city, "news"), "Đường dây nóng của Thành phố", "Gọi 1022 để được hỗ trợ."),
    }


def pin(unit, query, page, **fields):
    return SearchPromotion.objects.create(unit=unit, query=query, page=page, **fields)


def form(unit, page, query="hộ chiếu", **fields):
    return {"unit": unit.pk, "query": query, "page": page.pk, "description": "", "sort_order": 0, **fields}


def test_dong_da_editor_pins_the_passport_page_for_ho_chieu_and_citizens_see_it_first(client, member_of, unit, pages):
    client.force_login(member_of(DONG_DA, "editor"))
    response = client.post(url("add"), form(unit(DONG_DA), pages["guide"], query="Hộ  CHIẾU"))
    assert response.status_code == 302, response.context["form"].errors
    assert SearchPromotion.objects.get().query_folded == "ho chieu"
    client.logout()

    data = api(client, q="ho chieu")

    assert data["results"][0]["title"] == "Hướng dẫn làm hộ chiếu trực tuyến"
    assert data["results"][0]["promoted"] is True
    assert data["promoted"] == 1
    assert all(not result["promoted"] for result in data["results"][1:])
    assert [result["title"] for result in data["results"]].count("Hướng dẫn làm hộ chiếu trực tuyến") == 1
    page = client.get("/tim-kiem/", {"q": "hộ chiếu"}, HTTP_HOST=DONGDA).content.decode()
    assert "Kết quả được đề xuất" in page
    assert page.index("Hướng dẫn làm") < page.index("Thủ tục cấp hộ chiếu")


def test_a_pin_shows_only_on_page_one_and_is_never_repeated_on_later_pages(client, unit, pages):
    pin(unit(DONG_DA), "hộ chiếu", pages["passport"])

    first = api(client, q="ho chieu", per_page=1)
    second = api(client, q="ho chieu", per_page=1, page=2)

    assert [r["title"] for r in first["results"]] == [PASSPORT, "Hướng dẫn làm hộ chiếu trực tuyến"]
    assert first["total"] == 1
    assert second["results"] == []
    assert second["promoted"] == 0


def test_a_pin_stays_on_its_own_site_and_a_narrowed_search_ignores_it(client, unit, pages):
    pin(unit(DONG_DA), "ho chieu", pages["guide"], description="Làm hộ chiếu không cần đến trụ sở.")

    assert not any(result["promoted"] for result in api(client, host=CAUGIAY, q="ho chieu")["results"])
    assert api(client, q="ho chieu")["results"][0]["snippet_html"] == "Làm hộ chiếu không cần đến trụ sở."
    assert not any(result["promoted"] for result in api(client, q="ho chieu", type="articlepage")["results"])


def test_a_city_wide_pin_shows_on_a_wards_search_after_the_wards_own(client, unit, pages):
    pin(unit(CITY), "ho chieu", pages["hotline"], everywhere=True)
    pin(unit(CAU_GIAY), "ho chieu", pages["caugiay"], sort_order=5)
    pin(unit(CITY), "khai sinh", pages["passport"])  # city only: not on the wards

    caugiay = api(client, host=CAUGIAY, q="hộ chiếu")
    portal = api(client, q="ho chieu", site="all")

    promoted = [r["title"] for r in caugiay["results"] if r["promoted"]]
    assert promoted == ["Cầu Giấy cấp hộ chiếu lưu động", "Đường dây nóng của Thành phố"]
    assert caugiay["results"][1]["site"]["hostname"] == "localhost"
    assert [r["title"] for r in portal["results"] if r["promoted"]] == ["Đường dây nóng của Thành phố"]
    assert not any(r["promoted"] for r in api(client, host=CAUGIAY, q="khai sinh")["results"])


def test_an_unpublished_page_is_no_longer_pinned(client, unit, pages):
    pin(unit(DONG_DA), "ho chieu", pages["guide"])
    pages["guide"].unpublish()

    assert api(client, q="ho chieu")["promoted"] == 0


def test_cau_giay_editor_cannot_see_or_edit_dong_das_pins(client, member_of, unit, pages):
    dong_da_pin = pin(unit(DONG_DA), "ho chieu", pages["passport"])
    client.force_login(member_of(CAU_GIAY, "editor"))

    assert "Thủ tục cấp hộ chiếu" not in client.get(url("list")).content.decode()
    for action in ("edit", "delete", "history"):
        assert refused(client.get(url(action, dong_da_pin.pk))), action
    assert refused(client.post(url("edit", dong_da_pin.pk), form(unit(CAU_GIAY), pages["caugiay"])))
    assert refused(client.post(url("delete", dong_da_pin.pk)))
    dong_da_pin.refresh_from_db()
    assert (dong_da_pin.unit.code, dong_da_pin.page_id) == (DONG_DA, pages["passport"].pk)


def test_a_ward_editor_cannot_pin_for_another_ward_nor_for_every_site(client, member_of, unit, pages):
    client.force_login(member_of(CAU_GIAY, "editor"))

    other_ward = client.post(url("add"), form(unit(DONG_DA), pages["caugiay"]))
    everywhere = client.post(url("add"), form(unit(CAU_GIAY), pages["caugiay"], everywhere="on"))

    assert "unit" in other_ward.context["form"].errors
    assert everywhere.context["form"].errors["everywhere"] == ["Chỉ ghim của Thành phố mới được áp dụng cho mọi trang."]
    assert not SearchPromotion.objects.exists()


def test_a_city_editor_pins_for_every_site(client, member_of, unit, pages):
    client.force_login(member_of(CITY, "editor"))

    response = client.post(url("add"), form(unit(CITY), pages["hotline"], everywhere="on"))

    assert response.status_code == 302
    assert SearchPromotion.objects.get().everywhere


def test_only_a_live_public_page_with_a_real_query_can_be_pinned(client, member_of, unit, pages):
    pages["guide"].unpublish()
    client.force_login(member_of(DONG_DA, "editor"))

    unpublished = client.post(url("add"), form(unit(DONG_DA), pages["guide"]))
    no_words = client.post(url("add"), form(unit(DONG_DA), pages["passport"], query=" ?! "))

    assert unpublished.context["form"].errors["page"] == ["Chỉ ghim được trang đang xuất bản và công khai."]
    assert "query" in no_words.context["form"].errors
    assert not SearchPromotion.objects.exists()


def test_each_first_page_search_counts_once_per_site_day_and_folded_query(client, unit, pages):
    api(client, q="Hộ chiếu")
    api(client, q="ho  CHIEU")
    api(client, q="ho chieu", page=2, per_page=1)  # paging: not a new search
    api(client, q="")
    client.get("/api/search/suggest/", {"q": "ho chi"}, HTTP_HOST=DONGDA)
    api(client, q="giay phep xay dung")

    rows = {row.query_folded: row for row in SearchQueryDay.objects.filter(site=unit(DONG_DA).site)}
    assert set(rows) == {"ho chieu", "giay phep xay dung"}
    assert (rows["ho chieu"].searches, rows["ho chieu"].empty_searches) == (2, 0)
    assert (rows["giay phep xay dung"].searches, rows["giay phep xay dung"].empty_searches) == (1, 1)


def test_counting_a_search_touches_one_row(client, pages, django_assert_max_num_queries):
    api(client, q="ho chieu")
    with django_assert_max_num_queries(30) as captured:
        api(client, q="ho chieu")
    log = [q["sql"] for q in captured.captured_queries if "search_searchqueryday" in q["sql"]]
    assert len(log) == 1 and log[0].startswith("UPDATE")


def report(client, **params):
    return client.get(reverse("search_popular_queries"), params)


def log(site, query, searches, empty=0, days_ago=0):
    SearchQueryDay.objects.create(
        site=site,
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        query_folded=query,
        searches=searches,
        empty_searches=empty,
    )


def test_dong_da_editor_reads_their_popular_queries_with_zero_result_ones_flagged(client, member_of, unit):
    dongda, caugiay = unit(DONG_DA).site, unit(CAU_GIAY).site
    log(dongda, "ho chieu", 12)
    log(dongda, "ho chieu", 3, days_ago=5)
    log(dongda, "giay phep xay dung", 4, empty=4)
    log(dongda, "cap nuoc", 50, days_ago=40)
    log(caugiay, "bi mat cau giay", 99)
    client.force_login(member_of(DONG_DA, "editor"))

    week = report(client, period="7")
    quarter = report(client, period="90")

    rows = [(row["query_folded"], row["total_searches"]) for row in week.context["object_list"]]
    assert rows == [("ho chieu", 15), ("giay phep xay dung", 4)]
    assert [row["no_results"] for row in week.context["object_list"]] == [False, True]
    html = week.content.decode()
    assert "không có kết quả" in html and "bi mat cau giay" not in html
    assert "cap nuoc" in quarter.content.decode()
    only_empty = report(client, no_results="true").context["object_list"]
    assert [row["query_folded"] for row in only_empty] == ["giay phep xay dung"]


def test_a_ward_editor_cannot_read_another_wards_queries_even_by_asking(client, member_of, unit):
    log(unit(CAU_GIAY).site, "bi mat cau giay", 9)
    client.force_login(member_of(DONG_DA, "editor"))

    response = report(client, site=unit(CAU_GIAY).site.pk)

    assert "bi mat cau giay" not in response.content.decode()


def test_the_operator_reads_every_site_and_filters_by_site(client, member_of, unit):
    log(unit(DONG_DA).site, "ho chieu", 3)
    log(unit(CAU_GIAY).site, "khai sinh", 2)
    operator = member_of(CITY, "operator")
    client.force_login(operator)

    everything = report(client).content.decode()
    cau_giay = report(client, site=unit(CAU_GIAY).site.pk).content.decode()

    assert "ho chieu" in everything and "khai sinh" in everything
    assert "khai sinh" in cau_giay and "ho chieu" not in cau_giay


def test_an_admin_user_without_a_site_cannot_open_the_report_or_the_pins(client, django_user_model):
    user = django_user_model.objects.create_user("khach", password="mat-khau-thu-nghiem")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert refused(report(client))
    assert refused(client.get(url("list")))


def test_the_report_exports_and_shrugs_off_bad_filters(client, member_of, unit):
    log(unit(DONG_DA).site, "giay phep xay dung", 4, empty=4)
    client.force_login(member_of(DONG_DA, "editor"))

    csv = report(client, export="csv")
    bad = report(client, period="abc", site="xyz", no_results="maybe")

    assert csv.status_code == 200
    assert "giay phep xay dung,4,4" in b"".join(csv.streaming_content).decode()
    assert bad.status_code == 200


def test_a_ward_editor_opens_the_pin_form_with_their_unit_chosen(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))

    response = client.get(url("add"))

    assert response.status_code == 200
    assert response.context["form"].fields["unit"].initial == unit(DONG_DA)


def test_a_pin_for_quy_hoach_fires_for_qui_hoach_and_one_for_dang_ky_for_dang_ki(client, unit, pages):
    pin(unit(DONG_DA), "quy hoạch", pages["guide"])
    pin(unit(DONG_DA), "đăng ký", pages["passport"])

    older_spelling = api(client, q="qui hoạch")
    textbook_spelling = api(client, q="dang ki")

    assert [r["title"] for r in older_spelling["results"] if r["promoted"]] == ["Hướng dẫn làm hộ chiếu trực tuyến"]
    assert [r["title"] for r in textbook_spelling["results"] if r["promoted"]] == [PASSPORT]


def test_quy_hoach_and_qui_hoach_are_counted_as_one_popular_query(client, unit, pages):
    api(client, q="Quy hoạch")
    api(client, q="qui hoach")
    api(client, q="đăng ký")
    api(client, q="dang ki")

    rows = SearchQueryDay.objects.filter(site=unit(DONG_DA).site).order_by("query_folded")
    assert [(row.query_folded, row.searches) for row in rows] == [("dang ki", 2), ("quy hoach", 2)]


def test_pins_and_counts_stored_before_the_i_y_rule_are_rekeyed_and_merged_without_losing_a_search(unit, pages):
    rekeying = importlib.import_module("search.migrations.0006_pins_and_query_log_on_one_spelling_of_i_and_y")
    dongda, caugiay = unit(DONG_DA).site, unit(CAU_GIAY).site
    old_pin = pin(unit(DONG_DA), "Đăng ký", pages["passport"])
    SearchPromotion.objects.filter(pk=old_pin.pk).update(query_folded="dang ky")  # as saved before the rule
    log(dongda, "dang ki", 5, empty=1)  # already counted on the new key today: "dang ky" is merged into it
    log(dongda, "dang ky", 7, empty=2)
    log(dongda, "dang ky", 3, days_ago=1)  # another day: renamed, not merged
    log(dongda, "qui hoach", 2)
    log(dongda, "quy hoach", 4)
    log(caugiay, "dang ky", 1)  # another site
    log(dongda, "y te", 6)  # "y" as a word is no i/y spelling

    migration_state = SimpleNamespace(connection=connection)
    rekeying.rekey_pins(django_apps, migration_state)
    rekeying.rekey_query_log(django_apps, migration_state)

    assert SearchPromotion.objects.get().query_folded == "dang ki"
    today, yesterday = timezone.localdate(), timezone.localdate() - datetime.timedelta(days=1)
    rows = SearchQueryDay.objects.all()
    assert {(row.site_id, row.day, row.query_folded, row.searches, row.empty_searches) for row in rows} == {
        (dongda.pk, today, "dang ki", 12, 3),
        (dongda.pk, yesterday, "dang ki", 3, 0),
        (dongda.pk, today, "quy hoach", 6, 0),
        (dongda.pk, today, "y te", 6, 0),
        (caugiay.pk, today, "dang ki", 1, 0),
    }


def test_a_citizen_told_how_many_results_counts_the_pinned_one_above_them(client, unit, pages):
    # On Đống Đa's site only the city's hotline answers "đường dây nóng", and only because the city pinned it.
    pin(unit(CITY), "đường dây nóng", pages["hotline"], everywhere=True)

    html = client.get("/tim-kiem/", {"q": "duong day nong"}, HTTP_HOST=DONGDA).content.decode()

    assert "Kết quả được đề xuất" in html
    assert "1 kết quả cho “duong day nong”" in html
    assert "0 kết quả" not in html
