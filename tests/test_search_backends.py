"""Each search backend folds Vietnamese: PostgreSQL through vi_unaccent and an index the query uses, Elasticsearch
through its analysis chain. No Elasticsearch server runs here: these tests check the settings, the mapping and the
request body the backend would send, never a live cluster."""

import copy

import pytest

from django.db import connection

from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

from home.models import ArticlePage, ProcedurePage, SectionPage
from search.backends.analysis import VIETNAMESE_ANALYSIS, backend_settings
from search.backends.elasticsearch import VietnameseElasticsearchBackend
from search.engine import Filters, PostgresEngine
from search.text import Query

from .conftest import CAU_GIAY

ES_URL = "http://search.internal:9200"
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def es_backend():
    return VietnameseElasticsearchBackend(copy.deepcopy(backend_settings({"ELASTICSEARCH_URL": ES_URL}, "sqlite")))


def test_elasticsearch_url_selects_the_vietnamese_elasticsearch_backend():
    settings = backend_settings({"ELASTICSEARCH_URL": ES_URL}, "django.db.backends.postgresql")

    assert settings["BACKEND"] == "search.backends.elasticsearch"
    assert settings["URLS"] == [ES_URL]
    assert backend_settings({"OPENSEARCH_URL": ES_URL}, "")["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert backend_settings({}, "django.db.backends.postgresql") == {
        "BACKEND": "search.backends.database",
        "SEARCH_CONFIG": "vi_unaccent",
    }
    assert backend_settings({}, "django.db.backends.sqlite3") == {"BACKEND": "search.backends.database"}


def test_the_elasticsearch_index_folds_with_preserve_original_and_keeps_wagtails_own_analysers():
    analysis = es_backend().settings["settings"]["analysis"]

    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert analysis["analyzer"]["default"]["filter"] == ["lowercase", "vi_folding"]
    assert analysis["analyzer"]["vi_phrase"]["filter"][-1] == "vi_syllable_pairs"
    assert analysis["filter"]["vi_syllable_pairs"]["output_unigrams"] is False
    # Wagtail's autocomplete analysers (asciifolding + edge n-grams) are still there, merged, not replaced.
    assert analysis["analyzer"]["edgengram_analyzer"]["filter"] == ["asciifolding", "lowercase", "edgengram"]
    assert analysis["analyzer"]["default"] == VIETNAMESE_ANALYSIS["analyzer"]["default"]


def test_the_elasticsearch_mapping_adds_a_shingled_phrase_field_to_the_catch_all_text():
    mapping = es_backend().mapping_class(ArticlePage).get_mapping()

    assert mapping["properties"]["_all_text"]["fields"] == {"phrases": {"type": "text", "analyzer": "vi_phrase"}}


def test_the_elasticsearch_query_rewards_syllable_phrases_without_requiring_them():
    backend = es_backend()
    compiler = backend.query_compiler_class(ArticlePage.objects.all(), PlainText("thu tuc ho chieu"))

    body = compiler.get_query()
    inner = body["bool"]["must"]

    assert inner["bool"]["should"] == [{"match": {"_all_text.phrases": "thu tuc ho chieu"}}]
    assert inner["bool"]["must"]["multi_match"]["query"] == "thu tuc ho chieu"


@on_postgres
def test_postgres_uses_vi_unaccent_for_wagtails_own_search_and_autocomplete(db):
    backend = get_search_backend()

    assert backend.config == "vi_unaccent"
    assert backend.autocomplete_config == "vi_unaccent"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vi_unaccent', 'Đăng ký HỘ CHIẾU')::text")
        assert cursor.fetchone()[0] == "'chieu':4 'dang':1 'ho':3 'ky':2"


@on_postgres
def test_wagtails_own_page_search_finds_dang_ky_khai_sinh_typed_without_diacritics(db, unit):
    section = SectionPage.objects.child_of(unit(CAU_GIAY).site.root_page).get(section_key="procedures")
    page = section.add_child(instance=ProcedurePage(title="Đăng ký khai sinh", summary="Cho trẻ em."))
    page.save_revision().publish()

    assert list(ProcedurePage.objects.live().search("dang ky khai sinh")) == [page]
    assert list(ProcedurePage.objects.live().autocomplete("dang k")) == [page]


@on_postgres
def test_the_postgres_match_can_use_the_gin_index_of_the_sites_and_words(db):
    sql, params = PostgresEngine().matched(Query("thu tuc ho chieu"), Filters(), "e.page_id")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "search_entry_site_words" in plan
