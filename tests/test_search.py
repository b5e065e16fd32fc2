"""Citizens search in Vietnamese, typed with or without diacritics, on one site or across the whole portal."""

import datetime
import io
import unicodedata

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from home.models import ArticlePage, ProcedurePage, SectionPage
from search.models import SearchCopy, SearchEntry

from .conftest import CAU_GIAY, CITY, DONG_DA

pytestmark = pytest.mark.django_db

DONGDA = "dongda.localhost"
PASSPORT = "Thủ tục cấp hộ chiếu phổ thông cho công dân"


def section(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def article(parent, title, body="", summary="", published=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)):
    page = parent.add_child(
        instance=ArticlePage(
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{body}</p>")] if body else [],
            author="Nguyễn Văn An",
            source_agency="UBND phường Đống Đa",
            published_at=published,
        )
    )
    page.save_revision().publish()
    return page


def procedure(parent, title, summary):
    page = parent.add_child(instance=ProcedurePage(title=title, summary=summary))
    page.save_revision().publish()
    return page


@pytest.fixture
def corpus(unit):
    dongda, caugiay, city = unit(DONG_DA), unit(CAU_GIAY), unit(CITY)
    news = section(dongda, "news")
    pages = {
        "passport": article(
            news, PASSPORT, "Công dân nộp tờ khai đề nghị cấp hộ chiếu tại Công an thành phố.", "Hồ sơ, lệ phí."
        ),
        # Every syllable of the passport query, scattered: it must rank below the phrase.
        "scattered": article(
            news,
            "Lịch tiếp công dân tháng 3",
            "Thủ trưởng đơn vị tiếp tục nhận kiến nghị của các hộ gia đình về chiếu sáng công cộng.",
        ),
        "lake": article(news, "Làm sạch hồ Văn Chương", "Vớt rác, nạo vét hồ.", published=_moment(2025, 6, 1)),
        "household": article(news, "Cấp nước sạch cho hộ dân", "Hộ dân được cấp nước.", published=_moment(2025, 7, 1)),
        "birth": procedure(section(caugiay, "procedures"), "Đăng ký khai sinh", "Đăng ký khai sinh cho trẻ em."),
        "city": article(section(city, "news"), "Hà Nội cấp hộ chiếu gắn chíp", "Thành phố triển khai hộ chiếu mới."),
    }
    return pages


def _moment(year, month, day):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=datetime.UTC)


def api(client, host=DONGDA, **params):
    response = client.get("/api/search/", params, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


@pytest.mark.parametrize(
    "typed",
    ["thu tuc ho chieu", "THỦ TỤC HỘ CHIẾU", unicodedata.normalize("NFD", "thủ tục hộ chiếu")],
    ids=["unaccented", "accented-upper-case", "nfd"],
)
def test_the_passport_article_comes_first_however_the_citizen_types_it(client, corpus, typed):
    data = api(client, q=typed, site="all")

    assert titles(data)[0] == PASSPORT
    assert "Lịch tiếp công dân tháng 3" in titles(data)


def test_a_whole_phrase_ranks_above_the_same_syllables_scattered(client, corpus):
    found = titles(api(client, q="thu tuc ho chieu"))

    assert found.index(PASSPORT) < found.index("Lịch tiếp công dân tháng 3")


def test_a_phrase_in_the_text_ranks_above_a_newer_page_with_the_syllables_apart(client, unit):
    news = section(unit(CAU_GIAY), "news")
    article(news, "Thông báo số 1", "Từ tháng 5, người dân làm thủ tục hộ chiếu tại bộ phận một cửa.")
    article(
        news,
        "Thông báo số 2",
        "Thủ tục mới: hộ gia đình nộp hồ sơ; chiếu theo quy định.",
        published=_moment(2026, 4, 1),
    )

    found = titles(api(client, host="caugiay.localhost", q="thu tuc ho chieu"))

    assert found == ["Thông báo số 1", "Thông báo số 2"]


def test_dang_ky_khai_sinh_finds_dang_ky_khai_sinh_because_d_folds_to_d(client, corpus):
    assert titles(api(client, host="caugiay.localhost", q="dang ky khai sinh")) == ["Đăng ký khai sinh"]
    assert titles(api(client, host="caugiay.localhost", q="ĐĂNG KÝ")) == ["Đăng ký khai sinh"]


def test_the_exact_diacritics_typed_rank_above_folded_look_alikes(client, corpus):
    ho_household = titles(api(client, q="hộ"))
    ho_lake = titles(api(client, q="hồ"))

    assert ho_household.index("Cấp nước sạch cho hộ dân") < ho_household.index("Làm sạch hồ Văn Chương")
    assert ho_lake.index("Làm sạch hồ Văn Chương") < ho_lake.index("Cấp nước sạch cho hộ dân")
    # Typed without marks, both are found.
    assert {"Cấp nước sạch cho hộ dân", "Làm sạch hồ Văn Chương"} <= set(titles(api(client, q="ho")))


def test_a_site_finds_its_own_pages_and_the_copies_it_accepted_but_no_other_site(client, corpus, unit):
    city_article = corpus["city"]
    news = section(unit(DONG_DA), "news")
    copy = city_article.create_alias(parent=news, update_slug="ha-noi-cap-ho-chieu-gan-chip")

    dongda = titles(api(client, host="localhost", q="ho chieu", site="dongda.localhost:8000"))
    caugiay = titles(api(client, host="localhost", q="ho chieu", site="caugiay.localhost"))
    everywhere = api(client, q="ho chieu", site="all")

    assert set(dongda) == {PASSPORT, "Lịch tiếp công dân tháng 3", "Hà Nội cấp hộ chiếu gắn chíp"}
    assert caugiay == []
    # The copy is folded into its source: one result, on the city's site.
    assert titles(everywhere).count("Hà Nội cấp hộ chiếu gắn chíp") == 1
    assert SearchCopy.objects.get(alias=copy).entry_id == city_article.pk
    copy.delete()
    assert "Hà Nội cấp hộ chiếu gắn chíp" not in titles(api(client, q="ho chieu"))


def test_without_a_site_parameter_the_search_stays_on_the_site_asked_for(client, corpus):
    assert titles(api(client, host="caugiay.localhost", q="ho chieu")) == []
    assert titles(api(client, host="localhost", q="ho chieu")) == ["Hà Nội cấp hộ chiếu gắn chíp"]


def test_unpublished_and_private_pages_are_never_found(client, corpus):
    corpus["passport"].unpublish()
    PageViewRestriction.objects.create(page=corpus["scattered"], restriction_type="login")

    found = titles(api(client, q="ho chieu", site="all"))

    assert PASSPORT not in found
    assert "Lịch tiếp công dân tháng 3" not in found
    assert not SearchEntry.objects.filter(page=corpus["passport"]).exists()


def test_republishing_a_page_replaces_its_entry(client, corpus):
    page = corpus["lake"]
    page.title = "Cải tạo hồ Văn Chương"
    page.save_revision().publish()

    assert titles(api(client, q="cai tao ho")) == ["Cải tạo hồ Văn Chương"]
    assert titles(api(client, q="lam sach")) == []


def test_publishing_one_page_touches_only_that_pages_entry(corpus, unit):
    news = section(unit(DONG_DA), "news")
    page = news.add_child(
        instance=ArticlePage(title="Tin mới về hộ chiếu", author="An", source_agency="UBND phường Đống Đa")
    )
    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()

    statements = [q["sql"] for q in queries.captured_queries]
    # Neither our index nor Wagtail's own (its PostgreSQL backend averages every title after each publish).
    assert not [sql for sql in statements if "AVG(" in sql.upper()]
    on_index = [sql for sql in statements if "search_searchentry" in sql]
    assert on_index, "publishing must write the entry"
    for sql in on_index:
        assert "COUNT(" not in sql.upper() and "AVG(" not in sql.upper()
        assert '"page_id" = ' in sql or sql.lstrip().upper().startswith("INSERT"), sql


def test_filters_by_type_section_and_dates_with_the_total_and_pages(client, corpus):
    only_articles = api(client, host="caugiay.localhost", q="dang ky", type="articlepage")
    procedures = api(client, host="caugiay.localhost", q="dang ky", section="procedures", type="procedurepage")
    in_2025 = api(client, q="ho", **{"from": "2025-01-01", "to": "2025-12-31"})
    paged = api(client, q="ho", per_page=1, page=2)

    assert only_articles["total"] == 0
    assert titles(procedures) == ["Đăng ký khai sinh"]
    assert set(titles(in_2025)) == {"Làm sạch hồ Văn Chương", "Cấp nước sạch cho hộ dân"}
    assert paged["total"] == 4 and paged["pages"] == 4 and len(paged["results"]) == 1


def test_results_carry_site_type_date_and_a_highlighted_snippet(client, corpus):
    result = api(client, q="thu tuc ho chieu")["results"][0]

    assert result["site"] == {"name": "Phường Đống Đa", "hostname": "dongda.localhost"}
    assert result["type"] == {"key": "articlepage", "label": "bài viết"}
    assert result["date"] == "2026-03-02"
    assert result["url"].startswith("http://dongda.localhost/")
    assert result["title_html"].startswith("<mark>Thủ tục</mark> cấp <mark>hộ chiếu</mark>")
    assert "<mark>hộ chiếu</mark>" in result["snippet_html"]


def test_facets_count_the_matches_by_site_type_and_year(client, corpus):
    facets = api(client, q="ho", site="all")["facets"]

    assert {(f["hostname"], f["count"]) for f in facets["site"]} == {("dongda.localhost", 4), ("localhost", 1)}
    assert facets["type"] == [{"key": "articlepage", "label": "bài viết", "count": 5}]
    assert facets["year"] == [{"year": 2026, "count": 3}, {"year": 2025, "count": 2}]


def test_suggestions_complete_what_is_typed_without_diacritics(client, corpus):
    response = client.get("/api/search/suggest/", {"q": "dang ky kh", "site": "all"}, HTTP_HOST=DONGDA)

    assert response.json() == {"suggestions": ["Đăng ký khai sinh"]}
    assert api(client, host="caugiay.localhost", q="dang ky")["suggestions"] == ["Đăng ký khai sinh"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"site": "khongco.localhost"}, "Không có trang nào có tên miền “khongco.localhost”."),
        ({"type": "trangla"}, "Không có loại trang “trangla”."),
        ({"page": 0}, "Số trang hoặc số kết quả mỗi trang không hợp lệ."),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "Ngày bắt đầu phải trước ngày kết thúc."),
    ],
)
def test_wrong_parameters_get_a_400_in_vietnamese(client, params, message):
    response = client.get("/api/search/", {"q": "ho chieu", **params}, HTTP_HOST=DONGDA)

    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_the_openapi_description_documents_the_search_parameters(client):
    schema = client.get("/api/search/openapi.json", HTTP_HOST=DONGDA).json()

    parameters = {p["name"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "site", "type", "section", "from", "to", "page"} <= parameters
    assert "/api/search/suggest/" in schema["paths"]


def test_the_search_page_shows_highlighted_results_facets_and_pages(client, corpus):
    response = client.get("/tim-kiem/", {"q": "ho"}, HTTP_HOST=DONGDA)
    html = response.content.decode()

    assert response.status_code == 200
    assert "4 kết quả cho “ho”." in html
    assert "<mark>hộ</mark>" in html or "<mark>hồ</mark>" in html
    assert "Toàn Cổng thông tin" in html
    assert "?q=ho&amp;type=articlepage" in html


def test_a_search_with_few_results_reads_the_sites_copies_and_private_pages_once(client, corpus, unit):
    # Few results: the page also offers completions and "Có phải bạn muốn tìm", each filtered like the results.
    corpus["city"].create_alias(parent=section(unit(DONG_DA), "news"), update_slug="ha-noi-cap-ho-chieu-gan-chip")

    with CaptureQueriesContext(connection) as statements:
        response = client.get("/tim-kiem/", {"q": "ha noi cap"}, HTTP_HOST=DONGDA)

    assert "Hà Nội cấp hộ chiếu gắn chíp" in response.content.decode()
    read = [query["sql"] for query in statements.captured_queries]
    assert len([sql for sql in read if 'FROM "search_searchcopy"' in sql]) == 1
    assert len([sql for sql in read if 'SELECT "wagtailcore_pageviewrestriction"."page_id"' in sql]) == 1


def test_the_search_page_explains_a_wrong_date(client):
    response = client.get("/tim-kiem/", {"q": "ho", "from": "01/02/2026"}, HTTP_HOST=DONGDA)

    assert "Từ ngày phải có dạng năm-tháng-ngày, ví dụ 2026-03-01." in response.content.decode()


def test_the_rebuild_command_indexes_pages_published_before_search_existed(client, corpus):
    SearchEntry.objects.all().delete()
    assert titles(api(client, q="ho chieu", site="all")) == []

    call_command("rebuild_citizen_search", stdout=io.StringIO())

    assert titles(api(client, q="thu tuc ho chieu", site="all"))[0] == PASSPORT
    assert titles(api(client, q="tin tuc su kien", site="all")) == []  # sections are not results
