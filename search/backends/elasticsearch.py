"""Elasticsearch 8 with a Vietnamese phrase sub-field: pages holding the typed syllables together score higher."""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.query import PlainText

PHRASE_FIELD = "_all_text.phrases"


class VietnameseMapping(Elasticsearch8Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"]["_all_text"]["fields"] = {"phrases": {"type": "text", "analyzer": "vi_phrase"}}
        return mapping


class VietnameseQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = VietnameseMapping

    def get_inner_query(self):
        query = super().get_inner_query()
        if not isinstance(self.query, PlainText):
            return query
        # Optional: matching syllable pairs only adds to the score of what the stock query matched.
        return {"bool": {"must": query, "should": [{"match": {PHRASE_FIELD: self.query.query_string}}]}}


class VietnameseAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = VietnameseMapping


class VietnameseElasticsearchBackend(Elasticsearch8SearchBackend):
    mapping_class = VietnameseMapping
    query_compiler_class = VietnameseQueryCompiler
    autocomplete_query_compiler_class = VietnameseAutocompleteQueryCompiler


SearchBackend = VietnameseElasticsearchBackend
