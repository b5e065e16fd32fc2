"""A ward editor's page search in the admin understands Vietnamese as it is typed (no marks, i or y, Telex with the
input method off), finds drafts of their own site, and never another site's pages; its work is bounded by the
editor's own site (issue #19, issue #15). On SQLite and PostgreSQL alike (the suite runs on both)."""

import inspect
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.views.pages.search import SearchView
from wagtail.models import Page

from home.models import ProcedurePage, SectionPage
from search import admin_chooser
from search.backends.database import vietnamese

from .conftest import CAU_GIAY, DONG_DA

pytestmark = pytest.mark.django_db


def procedures(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="procedures")


def procedure(parent, title, publish=True):
    page = parent.add_child(instance=ProcedurePage(title=title, summary="Hồ sơ, trình tự, thời hạn giải quyết."))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def found_titles(client, query):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    ids = {int(page_id) for page_id in re.findall(r'href="/admin/pages/(\d+)/edit/"', response.content.decode())}
    return set(Page.objects.filter(pk__in=ids).values_list("title", flat=True))


@pytest.fixture
def dong_da_editor(client, member_of, unit):
    own = procedures(unit(DONG_DA))
    for title in ("Đăng ký hộ tịch", "Quy hoạch", "Đất đai", "Hướng dẫn cài ứng dụng VNeID"):
        procedure(own, title)
    procedure(own, "Cấp phiếu lý lịch tư pháp", publish=False)  # a draft: the editor's own, found too
    for title in ("Đăng ký hộ tịch", "Quy hoạch", "Đất đai"):
        procedure(procedures(unit(CAU_GIAY)), f"{title} Cầu Giấy")
    client.force_login(member_of(DONG_DA, "editor"))
    return client


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("dang ky ho tich", "Đăng ký hộ tịch"),  # without marks
        ("dang ki ho tich", "Đăng ký hộ tịch"),  # i for y
        ("qui hoach", "Quy hoạch"),  # the older spelling of quy
        ("ddaast ddai", "Đất đai"),  # Telex typed with the input method off
        ("d9a61t d9ai", "Đất đai"),  # VNI
        ("Đăng ký hộ", "Đăng ký hộ tịch"),  # as written, the last word being typed
        ("phieu li lich", "Cấp phiếu lý lịch tư pháp"),
        ("VNeID", "Hướng dẫn cài ứng dụng VNeID"),  # a name, matched as typed
    ],
)
def test_a_ward_editor_finds_their_page_however_its_title_is_typed(dong_da_editor, typed, title):
    assert found_titles(dong_da_editor, typed) == {title}


def test_a_ward_editor_never_finds_another_wards_page_of_the_same_title(dong_da_editor):
    for typed in ("dang ky ho tich", "Quy hoạch", "ddaast ddai", "Cầu Giấy"):
        assert not any("Cầu Giấy" in title for title in found_titles(dong_da_editor, typed)), typed


def test_an_operator_still_searches_every_site(client, unit, dong_da_editor, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("van-hanh", password="mat-khau-thu-nghiem"))
    assert found_titles(client, "dat dai") == {"Đất đai", "Đất đai Cầu Giấy"}


def test_the_editors_search_is_bounded_by_one_path_prefix_of_their_site_not_wagtails_permission_conditions(
    dong_da_editor, unit
):
    home = unit(DONG_DA).site.root_page
    with CaptureQueriesContext(connection) as queries:
        found_titles(dong_da_editor, "dang ky")
    searches = [q["sql"] for q in queries.captured_queries if "indexentry" in q["sql"]]

    assert searches
    for sql in searches:
        assert f"LIKE '{home.path}%'" in sql.replace('"', "") or f"LIKE '{home.path}%' ESCAPE" in sql, sql
        # Wagtail's own scoping: a path condition per permission, and every ancestor of each permitted page.
        assert "depth" not in sql.split("indexentry", 1)[1].split("ORDER BY")[0], sql


def test_wagtails_search_view_still_scopes_through_the_policy_we_replace():
    # search/admin_search.py gives the view its own permission policy; Wagtail must still ask it.
    assert "explorable_instances" in inspect.getsource(SearchView.get_queryset)


def test_a_query_typed_in_telex_is_tried_as_typed_and_as_decoded():
    either = vietnamese("ddawng kys")

    assert [part.query_string for part in either.subqueries] == ["ddawng kys", "dang ki"]
    assert vietnamese("Quy hoạch").query_string == "quy hoach"
    assert vietnamese("!!!") == ""


# ---------------------------------------------------------------------------------------- the page chooser's search


def chooser_titles(client, query, **params):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    ids = [int(page_id) for page_id in re.findall(r'data-id="(\d+)"', html)]
    return [Page.objects.get(pk=page_id).title for page_id in dict.fromkeys(ids)], html


@pytest.fixture
def permits(unit):
    own = procedures(unit(DONG_DA))
    return [procedure(own, f"Cấp giấy phép xây dựng nhà ở số {number}") for number in range(1, 6)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bound is PostgreSQL's (search/admin_chooser.py)")
@pytest.mark.parametrize("walked", [100, 2], ids=["newest entries walked", "a rarer word: through its index"])
def test_a_chooser_search_matching_more_pages_than_are_ranked_offers_the_newest_and_says_there_are_more(
    dong_da_editor, permits, monkeypatch, walked
):
    monkeypatch.setattr(admin_chooser, "RANKED", 3)
    monkeypatch.setattr(admin_chooser, "WALKED", walked)

    titles, html = chooser_titles(dong_da_editor, "giay phep xay dung")

    assert sorted(titles) == [f"Cấp giấy phép xây dựng nhà ở số {number}" for number in (3, 4, 5)]
    assert "Có hơn 3 trang phù hợp" in html and "hãy gõ thêm từ để thu hẹp" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bound is PostgreSQL's (search/admin_chooser.py)")
def test_a_chooser_search_with_no_more_matches_than_are_ranked_offers_every_one_and_counts_them(
    dong_da_editor, permits, monkeypatch
):
    monkeypatch.setattr(admin_chooser, "RANKED", 5)

    titles, html = chooser_titles(dong_da_editor, "giay phep xay dung")
    only_types, _html = chooser_titles(dong_da_editor, "giay phep xay dung", page_type="home.articlepage")

    assert len(titles) == 5
    assert "Có hơn" not in html
    assert only_types == []


def test_the_admin_search_shows_how_many_pages_match_without_counting_them_again(dong_da_editor, permits):
    url = reverse("wagtailadmin_pages:search")
    with CaptureQueriesContext(connection) as queries:
        response = dong_da_editor.get(url, {"q": "giay phep xay dung"})
    searches = [q["sql"] for q in queries.captured_queries if "indexentry" in q["sql"] or "search_fts" in q["sql"]]
    html = response.content.decode()
    of_one_type = dong_da_editor.get(url, {"q": "giay phep xay dung", "content_type": "home.articlepage"})

    assert re.search(r"Tất cả \(5\)", html) and "5 trang" in html
    # The page types' counts, then the page of results: nothing counted twice.
    assert len(searches) == 2, searches
    assert of_one_type.status_code == 200 and "giấy phép" not in of_one_type.content.decode().split("</nav>")[-1]
