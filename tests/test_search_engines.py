"""Citizen search runs on one of three engines; the cluster engine (Elasticsearch) keeps the SQL engines' behaviour.

No Elasticsearch server can run here. The cluster engine is given the real `elasticsearch` client over
`RecordingTransport`, a test double of the server's side of the wire: it records every request the client would
send and returns only what the test scripts (an acknowledgement, or a reply the test writes out in full). It never
matches or ranks anything. So these tests pin the index settings, the mapping and the request bodies; whether a
live cluster ranks as the SQL engines do was never observed.
"""

import datetime
import re
import unicodedata

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import Elasticsearch

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from wagtail.models import PageViewRestriction

from search import engine
from search.backends import base
from search.backends.cluster import ElasticsearchEngine, documents
from search.backends.folding import mapping_rules
from search.backends.sql import PostgresEngine, SQLiteEngine
from search.models import SearchCopy, SearchEntry
from search.promotions import WithoutPages
from search.text import WORD, Query, folded

from .conftest import CAU_GIAY, CITY, DONG_DA
from .test_search import article, procedure, section

URL = "http://search.internal:9200"
INDEX = "hanoi_portal_citizen_search"


class RecordingTransport:
    """The server's side of the wire, as a test double: records (method, target, body), replies what it is told."""

    def __init__(self, node_configs, **options):
        self.requests = []
        self.replies = []

    def perform_request(self, method, target, *, body=None, **options):
        self.requests.append((method, target, body))
        reply = self.replies.pop(0) if self.replies else {"acknowledged": True, "errors": False, "items": []}
        headers = HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"})
        return ApiResponseMeta(200, "1.1", headers, 0.0, NodeConfig("http", "search.internal", 9200)), reply

    def close(self):
        pass


@pytest.fixture
def cluster():
    return ElasticsearchEngine(Elasticsearch(URL, transport_class=RecordingTransport), INDEX)


def sent(cluster):
    return cluster.client.transport.requests


def reply(hits=(), total=0, relation="eq"):
    """A search reply the test writes out: these (page id, score) hits, this total, empty facet buckets."""
    empty = {"buckets": []}
    return {
        "hits": {
            "total": {"value": total, "relation": relation},
            "hits": [{"_id": str(page_id), "_score": score} for page_id, score in hits],
        },
        "aggregations": {"ranked": {"doc_count": total, "site": empty, "type": empty, "year": empty}},
    }


# --- (1) What the cluster engine sends ------------------------------------------------------------------------------


def test_resetting_the_cluster_creates_the_index_with_the_vietnamese_analyzers_and_strict_mapping(cluster):
    cluster.reset()

    (delete, create) = sent(cluster)
    assert delete[:2] == ("DELETE", f"/{INDEX}?ignore_unavailable=true")
    assert create[:2] == ("PUT", f"/{INDEX}")
    settings, mappings = create[2]["settings"], create[2]["mappings"]
    assert settings["number_of_shards"] == 1
    analysis = settings["analysis"]
    assert analysis["tokenizer"] == {
        "vi_syllables": {"type": "pattern", "pattern": "\\w+", "group": 0, "flags": "UNICODE_CHARACTER_CLASS"}
    }
    assert analysis["analyzer"] == {
        "vi_exact": {"type": "custom", "tokenizer": "vi_syllables", "filter": ["lowercase"]},
        "vi_folded": {
            "type": "custom",
            "char_filter": ["vi_folding"],
            "tokenizer": "vi_syllables",
            "filter": ["lowercase", "vi_spelling_1", "vi_spelling_2"],
        },
    }
    # The i/y rule of search.text, per folded token: "ky" -> "ki", "qui" -> "quy".
    assert analysis["filter"] == {
        "vi_spelling_1": {"type": "pattern_replace", "pattern": "^([bdhklmnprstvx])y$", "replacement": "$1i"},
        "vi_spelling_2": {"type": "pattern_replace", "pattern": "^qui$", "replacement": "quy"},
    }
    rules = analysis["char_filter"]["vi_folding"]["mappings"]
    assert analysis["char_filter"]["vi_folding"]["type"] == "mapping"
    assert {"đ => d", "Đ => D", "ộ => o", "Ộ => O", "ư => u", "ỹ => y", "\\u0323 => ", "\\u031b => "} <= set(rules)
    # 12 vowels x 6 tones (no tone included) less the 6 plain ASCII ones, and đ: 67 letters, both cases; 8 marks.
    assert len(rules) == len(set(rules)) == 67 * 2 + 8
    assert mappings == {
        "dynamic": "strict",
        "properties": {
            "page_id": {"type": "long"},
            "site_id": {"type": "integer"},
            "site_ids": {"type": "integer"},
            "content_type_id": {"type": "integer"},
            "section_key": {"type": "keyword"},
            "date": {"type": "date", "format": "strict_date"},
            "year": {"type": "short"},
            "path": {"type": "keyword"},
            "title": {"type": "text", "analyzer": "vi_exact"},
            "text": {"type": "text", "analyzer": "vi_exact"},
            "title_folded": {
                "type": "text",
                "analyzer": "vi_folded",
                "index_prefixes": {"min_chars": 1, "max_chars": 8},
            },
            "text_folded": {"type": "text", "analyzer": "vi_folded"},
        },
    }


FACET_AGGREGATIONS = {
    "ranked": {
        "sampler": {"shard_size": 1000},
        "aggs": {
            "site": {"terms": {"field": "site_id", "size": 1000}},
            "type": {"terms": {"field": "content_type_id", "size": 1000}},
            "year": {"terms": {"field": "year", "size": 1000}},
        },
    }
}


@pytest.mark.django_db
def test_an_accented_phrase_on_one_site_asks_for_all_folded_syllables_and_boosts_phrase_and_exact_marks(cluster):
    cluster.client.transport.replies.append(reply())

    cluster.search(Query("Hộ CHIẾU"), base.Filters(site_id=7), offset=10, limit=10, facets=True)

    method, target, body = sent(cluster)[0]
    assert (method, target) == ("POST", f"/{INDEX}/_search")
    assert body == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "ho chieu",
                            "type": "cross_fields",
                            "fields": ["title_folded^4", "text_folded"],
                            "operator": "and",
                        }
                    }
                ],
                "should": [
                    {
                        "multi_match": {
                            "query": "ho chieu",
                            "type": "phrase",
                            "fields": ["title_folded^4", "text_folded"],
                            "boost": 2.0,
                        }
                    },
                    {
                        "multi_match": {
                            "query": "hộ chiếu",
                            "type": "best_fields",
                            "fields": ["title^8", "text"],
                            "boost": 1.0,
                        }
                    },
                    {
                        "multi_match": {
                            "query": "hộ chiếu",
                            "type": "phrase",
                            "fields": ["title^8", "text"],
                            "boost": 1.0,
                        }
                    },
                ],
                # A site finds its own pages and the copies it shows: both are in the document's site list.
                "filter": [{"term": {"site_ids": 7}}],
            }
        },
        "sort": [{"_score": "desc"}, {"date": "desc"}, {"page_id": "asc"}],
        "from": 10,
        "size": 10,
        "track_total_hits": 1000,
        "_source": False,
        "aggs": FACET_AGGREGATIONS,
    }


@pytest.mark.django_db
def test_a_query_typed_without_marks_never_asks_for_exact_syllables(cluster):
    cluster.client.transport.replies.append(reply())

    cluster.search(Query("thu tuc"), base.Filters(), offset=0, limit=5, facets=False)

    body = sent(cluster)[0][2]
    assert [clause["multi_match"]["type"] for clause in body["query"]["bool"]["should"]] == ["phrase"]
    assert "aggs" not in body and "filter" not in body["query"]["bool"]


@pytest.mark.django_db
def test_a_single_accented_syllable_asks_for_the_exact_syllable_but_no_phrase(cluster):
    cluster.client.transport.replies.append(reply())

    cluster.search(Query("hộ"), base.Filters(), offset=0, limit=10, facets=False)

    should = sent(cluster)[0][2]["query"]["bool"]["should"]
    exact = {"query": "hộ", "type": "best_fields", "fields": ["title^8", "text"], "boost": 1.0}
    assert should == [{"multi_match": exact}]


@pytest.mark.django_db
def test_type_section_dates_private_pages_and_pins_become_filters_of_the_request(cluster, unit):
    private = section(unit(DONG_DA), "news")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    cluster.client.transport.replies.append(reply())
    filters = WithoutPages(
        type_ids=[3, 4],
        section="news",
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
        page_ids=[41, 42],
    )

    cluster.search(Query("ho chieu"), filters, offset=0, limit=10, facets=False)

    query = sent(cluster)[0][2]["query"]["bool"]
    assert query["filter"] == [
        {"terms": {"content_type_id": [3, 4]}},
        {"term": {"section_key": "news"}},
        {"range": {"date": {"gte": "2025-01-01", "lte": "2025-12-31"}}},
    ]
    assert query["must_not"] == [{"prefix": {"path": private.path}}, {"terms": {"page_id": [41, 42]}}]


@pytest.mark.django_db
def test_suggestions_ask_for_the_folded_title_with_the_last_syllable_as_a_prefix(cluster):
    cluster.client.transport.replies.append(
        {
            "hits": {
                "total": {"value": 0, "relation": "eq"},
                "hits": [
                    {"_id": "5", "_score": 2.0, "_source": {"title": "Đăng ký khai sinh"}},
                    {"_id": "6", "_score": 1.0, "_source": {"title": "Đăng ký khai sinh"}},
                    {"_id": "7", "_score": 1.0, "_source": {"title": "Đăng ký khai tử"}},
                ],
            }
        }
    )

    titles = cluster.suggest(Query("Đăng ký kh"), base.Filters(site_id=3), limit=5)

    assert sent(cluster)[0][2] == {
        "query": {
            "bool": {
                "must": [{"match_bool_prefix": {"title_folded": {"query": "dang ki kh", "operator": "and"}}}],
                "filter": [{"term": {"site_ids": 3}}],
            }
        },
        "sort": [{"_score": "desc"}, {"date": "desc"}],
        "size": 15,
        "track_total_hits": False,
        "_source": ["title"],
    }
    assert titles == ["Đăng ký khai sinh", "Đăng ký khai tử"]


@pytest.mark.django_db
def test_a_common_word_is_reported_as_more_than_ranked_with_facets_over_the_sampled_matches(cluster):
    cluster.client.transport.replies.append(
        {
            "hits": {"total": {"value": 1000, "relation": "gte"}, "hits": [{"_id": "12", "_score": 3.5}]},
            "aggregations": {
                "ranked": {
                    "doc_count": 1000,
                    "site": {"buckets": [{"key": 2, "doc_count": 600}, {"key": 9, "doc_count": 400}]},
                    "type": {"buckets": [{"key": 30, "doc_count": 1000}]},
                    "year": {"buckets": [{"key": 2026, "doc_count": 1000}]},
                }
            },
        }
    )

    found = cluster.search(Query("thủ tục"), base.Filters(), offset=0, limit=10, facets=True)

    assert found.total == 1000 and found.total_exact is False
    assert found.hits == [(12, 3.5)]
    assert found.facets == {"site": {2: 600, 9: 400}, "type": {30: 1000}, "year": {2026: 1000}}


@pytest.fixture
def collection(unit):
    """A small portal: a ward's articles, a department's procedure, a city article re-posted on the ward's site."""
    dongda, caugiay, city = unit(DONG_DA), unit(CAU_GIAY), unit(CITY)
    news = section(dongda, "news")
    pages = {
        "passport": article(news, "Thủ tục cấp HỘ CHIẾU phổ thông", "Công dân nộp tờ khai tại Công an thành phố."),
        "lake": article(news, "Làm sạch hồ Văn Chương", "Vớt rác, nạo vét hồ; người dân Đống Đa tham gia."),
        "birth": procedure(section(caugiay, "procedures"), "Đăng ký khai sinh", "Đăng ký khai sinh cho trẻ em."),
        "city": article(section(city, "news"), "Hà Nội cấp hộ chiếu gắn chíp", "Thành phố triển khai hộ chiếu mới."),
    }
    pages["copy"] = pages["city"].create_alias(parent=news, update_slug="ha-noi-cap-ho-chieu-gan-chip")
    return pages


@pytest.mark.django_db
def test_publishing_sends_the_pages_document_to_the_cluster_after_the_commit(
    cluster, unit, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(engine, "current", lambda: cluster)
    news = section(unit(DONG_DA), "news")

    with django_capture_on_commit_callbacks(execute=True):
        page = article(news, "Đăng ký tạm trú", "Người dân đăng ký tại công an phường.")

    bulk = [body for method, target, body in sent(cluster) if target == "/_bulk"]
    assert bulk[-1][0] == {"index": {"_index": INDEX, "_id": str(page.pk)}}
    assert bulk[-1][1]["title_folded"] == "dang ki tam tru"  # i/y made one: "ký" and "kí" are both "ki"
    assert bulk[-1][1]["site_ids"] == [unit(DONG_DA).site_id]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert [body for method, target, body in sent(cluster) if target == "/_bulk"][-1] == [
        {"delete": {"_index": INDEX, "_id": str(page.pk)}}
    ]


@pytest.mark.django_db
def test_a_copy_withdrawn_from_a_site_resends_its_sources_document_without_that_site(
    cluster, collection, unit, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(engine, "current", lambda: cluster)
    source = collection["city"]
    assert documents([source.pk])[source.pk]["site_ids"] == [unit(CITY).site_id, unit(DONG_DA).site_id]

    with django_capture_on_commit_callbacks(execute=True):
        collection["copy"].delete()

    (bulk,) = [body for method, target, body in sent(cluster) if target == "/_bulk"]
    assert bulk[0] == {"index": {"_index": INDEX, "_id": str(source.pk)}}
    assert bulk[1]["site_ids"] == [unit(CITY).site_id]


@pytest.mark.django_db
def test_the_api_answers_from_the_cluster_when_it_is_the_selected_engine(client, cluster, collection, monkeypatch):
    monkeypatch.setattr(engine, "current", lambda: cluster)
    passport = collection["passport"]
    # The search, the suggestions, and (one page found: fewer than 3) the closest titles for "Có phải bạn muốn tìm".
    cluster.client.transport.replies += [reply([(passport.pk, 4.25)], total=1), reply(), reply()]

    body = client.get("/api/search/", {"q": "ho chieu", "site": "all"}).json()

    assert [(hit["title"], hit["score"]) for hit in body["results"]] == [("Thủ tục cấp HỘ CHIẾU phổ thông", 4.25)]
    assert body["total"] == 1 and body["total_exact"] is True
    assert body["did_you_mean"] == ""
    assert [target for method, target, _ in sent(cluster)] == [f"/{INDEX}/_search"] * 3


def test_the_setting_selects_the_engine(settings):
    settings.PORTAL_SEARCH_ENGINE = "auto"
    assert type(engine.current()) is (PostgresEngine if connection.vendor == "postgresql" else SQLiteEngine)
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.PORTAL_SEARCH_URL, settings.PORTAL_SEARCH_INDEX = URL, "portal_test"
    chosen = engine.current()
    assert isinstance(chosen, ElasticsearchEngine) and chosen.index_name == "portal_test"
    settings.PORTAL_SEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured):
        engine.current()
    settings.PORTAL_SEARCH_ENGINE = "solr"
    with pytest.raises(ImproperlyConfigured):
        engine.current()


# --- (2) One fold: Python's and the cluster analyzer's --------------------------------------------------------------


def apply_mapping_char_filter(rules, text):
    """Elasticsearch's `mapping` char_filter, in Python: parse 'key => value' (with \\uXXXX escapes), then replace
    the longest key at each position, left to right."""

    def unescape(value):
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value.strip())

    table = {}
    for rule in rules:
        key, value = rule.split("=>", 1)
        table[unescape(key)] = unescape(value)
    longest = max(len(key) for key in table)
    out, i = [], 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + size] in table:
                out.append(table[text[i : i + size]])
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def cluster_fold(text):
    """The `vi_folded` analyzer's char_filter and lowercase, as the settings sent to the cluster define them."""
    return apply_mapping_char_filter(mapping_rules(), text).lower()


FOLDING_CASES = [
    ("Đăng ký khai sinh", "dang ky khai sinh"),
    ("đường Đê La Thành", "duong de la thanh"),
    ("Hộ CHIẾU", "ho chieu"),
    ("THỦ TỤC HÀNH CHÍNH", "thu tuc hanh chinh"),
    ("ộ ơ ư Ơ Ư Ộ", "o o u o u o"),
    ("Phường Đống Đa, quận Hoàn Kiếm", "phuong dong da, quan hoan kiem"),
    ("Nguyễn Thị Ngọc Ánh", "nguyen thi ngoc anh"),
    ("Sở Tài chính 2026", "so tai chinh 2026"),
    ("thu tuc", "thu tuc"),
    ("Chợ Tết, mùa mưa, sổ đỏ, sơ đồ", "cho tet, mua mua, so do, so do"),
    ("Trường học, trưởng ban, lương, lượng", "truong hoc, truong ban, luong, luong"),
    ("Khuyến nông - Ỷ Lan - ỹ ỵ", "khuyen nong - y lan - y y"),
]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize(("typed", "expected"), FOLDING_CASES)
def test_python_and_the_cluster_analyzer_fold_vietnamese_alike(typed, expected, form):
    text = unicodedata.normalize(form, typed)

    assert folded(text) == expected
    assert cluster_fold(text) == expected


BASE_OF = {"a": "aăâ", "e": "eê", "i": "i", "o": "oôơ", "u": "uư", "y": "y"}
TONE_MARKS = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def every_vietnamese_letter():
    """(letter, its ASCII base) for every vowel with every tone, and đ; lower and upper case; NFC and NFD."""
    for plain, vowels in BASE_OF.items():
        for vowel in vowels:
            for tone in TONE_MARKS:
                for cased, base_letter in ((vowel, plain), (vowel.upper(), plain.upper())):
                    for form in ("NFC", "NFD"):
                        yield unicodedata.normalize(form, cased + tone), base_letter
    for letter, base_letter in (("đ", "d"), ("Đ", "D")):
        yield letter, base_letter


def test_every_vietnamese_letter_with_every_tone_folds_to_its_base_in_python_and_in_the_cluster():
    letters = list(every_vietnamese_letter())
    assert len(letters) == 12 * 6 * 2 * 2 + 2

    wrong = [
        (letter, base_letter, folded(letter), cluster_fold(letter))
        for letter, base_letter in letters
        if not folded(letter) == cluster_fold(letter) == base_letter.lower()
    ]
    assert wrong == []
    # The char_filter alone keeps the case; the `lowercase` filter after it lowers it.
    assert apply_mapping_char_filter(mapping_rules(), "ĐỘ") == "DO"


# --- (3) The SQL index and the cluster's documents agree ------------------------------------------------------------


def folded_words_of(document):
    return set(WORD.findall(f"{document['title_folded']} {document['text_folded']}"))


@pytest.mark.django_db
def test_the_cluster_documents_hold_the_folded_text_and_sites_the_sql_index_holds(collection):
    entries = {entry.pk: entry for entry in SearchEntry.objects.all()}
    docs = documents(list(entries))
    assert set(docs) == set(entries) and collection["copy"].pk not in docs

    for page_id, entry in entries.items():
        doc = docs[page_id]
        copies = set(SearchCopy.objects.filter(entry_id=page_id).values_list("site_id", flat=True))
        assert doc["site_ids"][0] == entry.site_id
        assert set(doc["site_ids"]) == {entry.site_id} | copies
        assert (doc["title"], doc["text"], doc["date"]) == (entry.title, entry.text, entry.date.isoformat())
        if connection.vendor == "sqlite":
            assert (doc["title_folded"], doc["text_folded"]) == (entry.title_folded, entry.text_folded)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT folded_vector FROM search_searchentry WHERE page_id = %s", [page_id])
                lexemes = set(re.findall(r"'([^']+)'", cursor.fetchone()[0]))
            assert folded_words_of(doc) == lexemes


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ho chieu", "Hộ chiếu", "dong da", "dang ky khai sinh"])
def test_on_each_site_the_sql_engine_finds_exactly_the_documents_holding_every_folded_syllable(collection, unit, typed):
    docs = documents(list(SearchEntry.objects.values_list("pk", flat=True)))
    words = set(Query(typed).folded_words)
    for site_id in (None, unit(DONG_DA).site_id, unit(CITY).site_id, unit(CAU_GIAY).site_id):
        found = {page_id for page_id, _ in engine.search(typed, base.Filters(site_id=site_id), limit=50).hits}
        held = {
            page_id
            for page_id, doc in docs.items()
            if words <= folded_words_of(doc) and (site_id is None or site_id in doc["site_ids"])
        }
        assert found == held, site_id
