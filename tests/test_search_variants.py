"""Citizens type Vietnamese as they really do: i or y ("dang ki", "lí lịch"), Telex or VNI with the input method
off ("ddawng kys", "d9a8ng ky1"), tone slips; English words and document numbers still match as typed."""

import pytest
from elasticsearch import Elasticsearch

from search.backends import base
from search.backends.cluster import ElasticsearchEngine
from search.text import Query

from .conftest import CAU_GIAY, DONG_DA
from .test_search import DONGDA, api, article, procedure, section
from .test_search_engines import INDEX, URL, RecordingTransport, sent

pytestmark = pytest.mark.django_db

BIRTH = "Đăng ký khai sinh cho trẻ em"
RECORD = "Phiếu lý lịch tư pháp số 1"
RECORD_I = "Cấp phiếu lí lịch tư pháp cho người nước ngoài"


@pytest.fixture
def pages(unit):
    dongda = unit(DONG_DA)
    news, procedures = section(dongda, "news"), section(dongda, "procedures")
    return {
        "birth": procedure(procedures, BIRTH, "Hồ sơ đăng ký khai sinh nộp tại bộ phận một cửa."),
        "record": procedure(procedures, RECORD, "Cấp phiếu lý lịch tư pháp cho công dân Việt Nam."),
        "record_i": article(news, RECORD_I, "Sở Tư pháp cấp phiếu cho người nước ngoài cư trú."),
        "fine_arts": article(news, "Triển lãm mĩ thuật Hà Nội", "Tác phẩm của các họa sĩ trẻ."),
        "quarter": article(news, "Kết quả thu ngân sách quí I", "Số thu quí I vượt dự toán."),
        "fire": article(news, "Diễn tập chữa cháy tại chợ Đồng Xuân", "Phòng cháy, chữa cháy riêng lẻ từng hộ."),
        "vneid": article(news, "Hướng dẫn kích hoạt tài khoản VNeID mức 2", "Cài ứng dụng VNeID trên điện thoại."),
        "decision": article(
            news, "Quyết định 4488/QĐ-UBND về giá đất", "Ban hành kèm theo Quyết định số 4488/QĐ-UBND."
        ),
        "welfare": article(news, "Chính sách y tế cho người cao tuổi", "Người cao tuổi được cấp thẻ bảo hiểm y tế."),
        "water": article(news, "Thủy lợi nội đồng vụ đông", "Nạo vét kênh mương."),
    }


@pytest.fixture
def cluster():
    return ElasticsearchEngine(Elasticsearch(URL, transport_class=RecordingTransport), INDEX)


def titles(client, q, **params):
    return [result["title"] for result in api(client, q=q, **params)["results"]]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dang ki khai sinh", BIRTH),
        ("đăng kí khai sinh", BIRTH),
        ("phiếu lí lịch tư pháp số 1", RECORD),
        ("cap phieu ly lich tu phap cho nguoi nuoc ngoai", RECORD_I),
        ("mỹ thuật", "Triển lãm mĩ thuật Hà Nội"),
        ("hoa sy tre", "Triển lãm mĩ thuật Hà Nội"),
        ("thu ngân sách quý I", "Kết quả thu ngân sách quí I"),
    ],
)
def test_a_page_is_found_whichever_of_i_or_y_the_citizen_types(client, pages, typed, expected):
    assert titles(client, typed)[:1] == [expected]


def test_the_spelling_the_citizen_typed_with_marks_ranks_first(client, pages):
    both = "phiếu lý lịch tư pháp"
    assert titles(client, both)[:2] == [RECORD, RECORD_I]
    assert titles(client, "phiếu lí lịch tư pháp")[:2] == [RECORD_I, RECORD]


def test_y_as_a_word_and_uy_are_not_mistaken_for_i(client, pages):
    assert titles(client, "y tế") == ["Chính sách y tế cho người cao tuổi"]
    # "thui" (to singe) is not "thủy": no page about irrigation for it.
    assert titles(client, "thui") == []
    assert titles(client, "thuy loi") == ["Thủy lợi nội đồng vụ đông"]


@pytest.mark.parametrize(
    "typed",
    [
        "ddawng kys khai sinh",  # Telex, the tone at the end
        "ddangw kys khai sinh",  # Telex, the breve typed late
        "d9a8ng ky1 khai sinh",  # VNI
        "dang ky1 khai sinh",  # half VNI
    ],
)
def test_telex_or_vni_typed_with_the_input_method_off_finds_the_page(client, pages, typed):
    found = api(client, q=typed)
    assert [result["title"] for result in found["results"]][:1] == [BIRTH]
    assert "<mark>Đăng ký khai sinh</mark>" in found["results"][0]["title_html"]


def test_tone_slips_and_half_accented_queries_still_find_the_page(client, pages):
    assert titles(client, "chửa cháy riêng lẽ")[:1] == ["Diễn tập chữa cháy tại chợ Đồng Xuân"]
    assert titles(client, "đang ky khai sinh")[:1] == [BIRTH]


def test_english_words_names_and_document_numbers_match_as_typed(client, pages):
    assert titles(client, "VNeID") == ["Hướng dẫn kích hoạt tài khoản VNeID mức 2"]
    assert titles(client, "vneid muc 2") == ["Hướng dẫn kích hoạt tài khoản VNeID mức 2"]
    assert titles(client, "4488/QĐ-UBND") == ["Quyết định 4488/QĐ-UBND về giá đất"]
    assert titles(client, "4488/QD-UBND") == ["Quyết định 4488/QĐ-UBND về giá đất"]


def test_a_decoded_query_on_another_site_finds_nothing_there(client, pages, unit):
    caugiay = unit(CAU_GIAY)
    procedure(section(caugiay, "procedures"), "Đăng ký kết hôn", "Hồ sơ đăng ký kết hôn.")
    assert titles(client, "ddawng kys khai sinh", site=caugiay.hostname) == []
    assert titles(client, "ddawng kys keets hoon", site=DONGDA) == []


# --- "Có phải bạn muốn tìm …" ---------------------------------------------------------------------------------------


def test_a_query_typed_in_telex_is_offered_with_its_marks(client, pages):
    found = api(client, q="ddawng kys khai sinh")
    assert found["total"] == 1
    assert found["did_you_mean"] == "đăng ký khai sinh"


def test_a_query_finding_nothing_is_offered_in_the_closest_titles_wording(client, pages):
    found = api(client, q="dang ky khai sihn")
    assert found["total"] == 0
    assert found["did_you_mean"] == "đăng ký khai sinh"
    # A syllable no title comes near is left out.
    assert api(client, q="phieu li lich tu phap qxzw")["did_you_mean"] == "phiếu lý lịch tư pháp"


def test_a_query_finding_enough_or_nothing_near_gets_no_suggestion(client, pages):
    assert api(client, q="cấp")["total"] >= 3
    assert api(client, q="cấp")["did_you_mean"] == ""
    assert api(client, q="xqzv wkrp")["did_you_mean"] == ""
    # Half the words near a title is not what the citizen meant: no "đăng ký" for this.
    assert api(client, q="dang ky xqzv wkrp")["did_you_mean"] == ""


def test_the_search_page_offers_the_suggestion_as_a_link_that_searches_it(client, pages):
    response = client.get("/tim-kiem/", {"q": "dang ky khai sihn", "site": "all"}, HTTP_HOST=DONGDA)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<p class="did-you-mean">Có phải bạn muốn tìm <a href="?q=%C4%91%C4%83ng+k%C3%BD+khai+sinh&amp;site=all" '
        'lang="vi">“đăng ký khai sinh”</a>?</p>'
    ) in html
    assert "did-you-mean" not in client.get("/tim-kiem/", {"q": "cấp"}, HTTP_HOST=DONGDA).content.decode()


@pytest.mark.django_db
def test_the_cluster_engine_asks_for_titles_holding_any_syllable_typed_or_decoded(cluster):
    cluster.client.transport.replies.append({"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})

    cluster.closest(Query("ddawng ky khai"), base.Filters(site_id=3), limit=5)

    body = sent(cluster)[0][2]
    assert body["query"]["bool"]["must"] == [
        {"match": {"title_folded": {"query": "ddawng dang ki khai", "operator": "or"}}}
    ]
    assert body["query"]["bool"]["filter"] == [{"term": {"site_ids": 3}}]
    assert (body["size"], body["_source"]) == (5, ["title"])


@pytest.mark.django_db
def test_the_cluster_engine_matches_a_decoded_syllable_as_typed_or_decoded(cluster):
    cluster.client.transport.replies.append(
        {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}
    )

    cluster.search(Query("ddawng ky"), base.Filters(), offset=0, limit=10, facets=False)

    body = sent(cluster)[0][2]
    folded_fields = ["title_folded^4", "text_folded"]
    assert body["query"]["bool"]["must"] == [
        {
            "bool": {
                "should": [
                    {"multi_match": {"query": "ddawng", "type": "cross_fields", "fields": folded_fields}},
                    {"multi_match": {"query": "dang", "type": "cross_fields", "fields": folded_fields}},
                ]
            }
        },
        {"multi_match": {"query": "ki", "type": "cross_fields", "fields": folded_fields}},
    ]
    # Decoded, the query has marks: "đăng" ranks exact matches higher, as typed marks would.
    assert body["query"]["bool"]["should"][1] == {
        "multi_match": {"query": "ddawng ky đăng", "type": "best_fields", "fields": ["title^8", "text"], "boost": 1.0}
    }
