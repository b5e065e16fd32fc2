"""The cluster engine of citizen search: Elasticsearch 8, one index of documents built from the `SearchEntry` rows.

The same behaviour as the SQL engines (search/backends/sql.py), in the query DSL:
- a page matches when it holds every folded syllable, in the title or the text (`cross_fields`, operator `and`,
  over the folded fields);
- optional `should` clauses only add to the score: the folded syllables as a phrase, and, when the citizen typed
  any diacritic, the exact syllables and the exact phrase;
- the title weighs more than the text (the FTS5 weights: exact title 8, folded title 4, texts 1); among equals,
  newer first;
- a site finds its own pages and the copies it shows: each document lists its sites (`site_ids`), the source's and
  its copies' (`SearchCopy`), re-sent whenever they change;
- common words: `track_total_hits` stops counting at RANKED (the total is then RANKED, `total_exact` false) and the
  facets count the RANKED best matches (a `sampler` aggregation over one shard), so no query costs in proportion to
  the portal.

Documents carry their folded text as `search.text.folded` makes it (exactly what SQLite stores); the folded fields'
analyzer folds again with a table generated from the same fold (search/backends/folding.py), so text reaching the
cluster unfolded is folded alike. Pins (search/promotions.py) are SQL and apply to every engine.
"""

from elasticsearch import Elasticsearch

from ..models import SearchCopy, SearchEntry
from ..text import SPELLING_RULES, indexed
from . import base as interface
from .base import Engine, Results, restricted_paths
from .folding import mapping_rules

# Field weights, as the FTS5 engine's bm25 weights (search/backends/sql.py: SQLITE_WEIGHTS).
EXACT_FIELDS = ["title^8", "text"]
FOLDED_FIELDS = ["title_folded^4", "text_folded"]
# What the optional clauses add: the phrase, the exact syllables, the exact phrase.
PHRASE_BOOST, EXACT_BOOST, EXACT_PHRASE_BOOST = 2.0, 1.0, 1.0
# Tokens are what search/text.py's WORD finds: \w+ over Unicode letters and digits.
TOKENIZER = {"type": "pattern", "pattern": "\\w+", "group": 0, "flags": "UNICODE_CHARACTER_CLASS"}
# The i/y rule of search.text (kí/ký -> ki, qui -> quy), the same patterns, anchored on each folded token.
SPELLING_FILTERS = {
    f"vi_spelling_{number}": {"type": "pattern_replace", "pattern": f"^{pattern}$", "replacement": replacement}
    for number, (pattern, _, replacement) in enumerate(SPELLING_RULES, start=1)
}
INDEX_SETTINGS = {
    # One shard: the `sampler` of the facets then takes exactly the RANKED best matches; a portal of a million
    # pages fits one shard well.
    "number_of_shards": 1,
    "analysis": {
        "char_filter": {"vi_folding": {"type": "mapping", "mappings": mapping_rules()}},
        "tokenizer": {"vi_syllables": TOKENIZER},
        "filter": SPELLING_FILTERS,
        "analyzer": {
            "vi_exact": {"type": "custom", "tokenizer": "vi_syllables", "filter": ["lowercase"]},
            "vi_folded": {
                "type": "custom",
                "char_filter": ["vi_folding"],
                "tokenizer": "vi_syllables",
                "filter": ["lowercase", *SPELLING_FILTERS],
            },
        },
    },
}
MAPPINGS = {
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
        # Prefixes of the folded title are indexed too: suggestions complete the last syllable typed.
        "title_folded": {"type": "text", "analyzer": "vi_folded", "index_prefixes": {"min_chars": 1, "max_chars": 8}},
        "text_folded": {"type": "text", "analyzer": "vi_folded"},
    },
}


def document(entry, site_ids):
    """The document of one entry: its fields, its folded text and every site that shows it (its own first)."""
    return {
        "page_id": entry.page_id,
        "site_id": entry.site_id,
        "site_ids": [entry.site_id, *sorted(set(site_ids) - {entry.site_id})] if entry.site_id else sorted(site_ids),
        "content_type_id": entry.content_type_id,
        "section_key": entry.section_key,
        "date": entry.date.isoformat(),
        "year": entry.year,
        "path": entry.path,
        "title": entry.title,
        "text": entry.text,
        "title_folded": indexed(entry.title),
        "text_folded": indexed(entry.text),
    }


def documents(page_ids):
    """{page id: document} of the pages that have an entry row, with their copies' sites."""
    entries = SearchEntry.objects.filter(page_id__in=page_ids)
    copies = {}
    for entry_id, site_id in SearchCopy.objects.filter(entry_id__in=page_ids).values_list("entry_id", "site_id"):
        copies.setdefault(entry_id, set()).add(site_id)
    return {entry.page_id: document(entry, copies.get(entry.page_id, ())) for entry in entries}


def filter_clauses(filters):
    """(filter, must_not) clauses of a `base.Filters`: the SQL engines' `Filters.where()` in the query DSL."""
    clauses = []
    if filters.site_id is not None:
        clauses.append({"term": {"site_ids": filters.site_id}})
    if filters.type_ids:
        clauses.append({"terms": {"content_type_id": list(filters.type_ids)}})
    if filters.section:
        clauses.append({"term": {"section_key": filters.section}})
    dates = {}
    if filters.date_from:
        dates["gte"] = filters.date_from.isoformat()
    if filters.date_to:
        dates["lte"] = filters.date_to.isoformat()
    if dates:
        clauses.append({"range": {"date": dates}})
    excluded = [{"prefix": {"path": path}} for path in restricted_paths()]
    if filters.excluded_page_ids():
        excluded.append({"terms": {"page_id": list(filters.excluded_page_ids())}})
    return clauses, excluded


def search_body(query, filters, offset, limit, facets):
    """The request body of one search."""
    folded, exact = " ".join(query.folded_words), " ".join(query.exact_words)
    should = []
    if len(query.words) > 1:
        should.append(_multi_match(folded, FOLDED_FIELDS, "phrase", PHRASE_BOOST))
    if query.has_marks:
        should.append(_multi_match(" ".join(query.exact_any), EXACT_FIELDS, "best_fields", EXACT_BOOST))
        if len(query.words) > 1:
            should.append(_multi_match(exact, EXACT_FIELDS, "phrase", EXACT_PHRASE_BOOST))
    clauses, excluded = filter_clauses(filters)
    matched = {"must": _folded_match(query)}
    for key, value in (("should", should), ("filter", clauses), ("must_not", excluded)):
        if value:
            matched[key] = value
    body = {
        "query": {"bool": matched},
        "sort": [{"_score": "desc"}, {"date": "desc"}, {"page_id": "asc"}],
        "from": offset,
        "size": limit,
        "track_total_hits": interface.RANKED,
        "_source": False,
    }
    if facets:
        terms = {name: {"terms": {"field": field, "size": interface.RANKED}} for name, field in FACETS.items()}
        body["aggs"] = {"ranked": {"sampler": {"shard_size": interface.RANKED}, "aggs": terms}}
    return body


FACETS = {"site": "site_id", "type": "content_type_id", "year": "year"}


def _folded_match(query):
    """Every folded syllable in the title or text; a decoded syllable as typed or as decoded ("kys" or "ki")."""
    if not query.alternatives:
        return [_multi_match(" ".join(query.folded_words), FOLDED_FIELDS, "cross_fields", operator="and")]
    return [
        _multi_match(choices[0], FOLDED_FIELDS, "cross_fields")
        if len(choices) == 1
        else {"bool": {"should": [_multi_match(choice, FOLDED_FIELDS, "cross_fields") for choice in choices]}}
        for choices in query.choices
    ]


def _multi_match(text, fields, kind, boost=None, **options):
    clause = {"query": text, "type": kind, "fields": fields, **options}
    if boost is not None:
        clause["boost"] = boost
    return {"multi_match": clause}


def _titles_body(match, filters, limit):
    """A request for titles only: `match` on the folded title, filtered; best first, then newest."""
    clauses, excluded = filter_clauses(filters)
    matched = {"must": [match]}
    if clauses:
        matched["filter"] = clauses
    if excluded:
        matched["must_not"] = excluded
    return {
        "query": {"bool": matched},
        "sort": [{"_score": "desc"}, {"date": "desc"}],
        "size": limit,
        "track_total_hits": False,
        "_source": ["title"],
    }


def suggest_body(query, filters, limit):
    """Titles holding every folded syllable typed, the last one as a prefix; best first, then newest."""
    words = " ".join(query.folded_words)
    return _titles_body({"match_bool_prefix": {"title_folded": {"query": words, "operator": "and"}}}, filters, limit)


def closest_body(query, filters, limit):
    """Titles holding any folded syllable (or its decoding), best first."""
    forms = " ".join(form for choices in query.choices for form in choices)
    return _titles_body({"match": {"title_folded": {"query": forms, "operator": "or"}}}, filters, limit)


def results(response, facets):
    """Results of a search response: hits by page id, the total bounded at RANKED, the sampled facet counts."""
    total = response["hits"]["total"]
    counts = {}
    if facets:
        sampled = response["aggregations"]["ranked"]
        counts = {name: {bucket["key"]: bucket["doc_count"] for bucket in sampled[name]["buckets"]} for name in FACETS}
    return Results(
        total=total["value"],
        hits=[(int(hit["_id"]), float(hit["_score"] or 0.0)) for hit in response["hits"]["hits"]],
        facets=counts,
        total_exact=total["relation"] == "eq",
    )


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, client, index_name):
        self.client = client
        self.index_name = index_name

    @classmethod
    def at(cls, url, index_name, **client_options):
        return cls(Elasticsearch(url, **client_options), index_name)

    def index(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        found = documents(page_ids)
        operations = []
        for page_id in page_ids:
            if page_id in found:
                operations += [{"index": {"_index": self.index_name, "_id": str(page_id)}}, found[page_id]]
            else:
                operations.append({"delete": {"_index": self.index_name, "_id": str(page_id)}})
        self.client.bulk(operations=operations)

    def remove(self, page_ids):
        operations = [{"delete": {"_index": self.index_name, "_id": str(page_id)}} for page_id in page_ids]
        if operations:
            self.client.bulk(operations=operations)

    def reset(self):
        self.client.indices.delete(index=self.index_name, ignore_unavailable=True)
        self.client.indices.create(index=self.index_name, settings=INDEX_SETTINGS, mappings=MAPPINGS)

    def search(self, query, filters, offset, limit, facets):
        response = self.client.search(index=self.index_name, body=search_body(query, filters, offset, limit, facets))
        return results(response, facets)

    def closest(self, query, filters, limit):
        response = self.client.search(index=self.index_name, body=closest_body(query, filters, limit))
        return [hit["_source"]["title"] for hit in response["hits"]["hits"]]

    def suggest(self, query, filters, limit):
        response = self.client.search(index=self.index_name, body=suggest_body(query, filters, limit * 3))
        titles = []
        for hit in response["hits"]["hits"]:
            if hit["_source"]["title"] not in titles:
                titles.append(hit["_source"]["title"])
        return titles[:limit]
