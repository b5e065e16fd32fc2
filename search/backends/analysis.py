"""Which Wagtail search backend the portal uses, with Vietnamese folding; plain dicts, read by the settings.

- SQLite or PostgreSQL: Wagtail's database backend, with the `vi_unaccent` configuration on PostgreSQL (search
  migration 0001); neither averages over the whole index on publish (search/backends/database.py).
- Elasticsearch 8 (ELASTICSEARCH_URL) or OpenSearch (OPENSEARCH_URL): every text field analysed by
  lowercase + asciifolding with preserve_original (so "hộ" indexes both "hộ" and "ho": exact matches score twice),
  and a shingled sub-field of the catch-all text for syllable phrases ("thu tuc" as one term).
"""

POSTGRES_SEARCH_CONFIG = "vi_unaccent"

VIETNAMESE_ANALYSIS = {
    "filter": {
        # Lucene's ASCIIFoldingFilter folds đ to d and every Vietnamese vowel with one or two marks.
        "vi_folding": {"type": "asciifolding", "preserve_original": True},
        "vi_syllable_pairs": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 3,
            "output_unigrams": False,
        },
    },
    "analyzer": {
        "default": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "vi_folding"]},
        "vi_phrase": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "vi_syllable_pairs"],
        },
    },
}


def backend_settings(environ, database_engine):
    """WAGTAILSEARCH_BACKENDS["default"] for this environment."""
    index_settings = {"settings": {"analysis": VIETNAMESE_ANALYSIS}}
    if environ.get("ELASTICSEARCH_URL"):
        return {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "hanoi_portal_"),
            "INDEX_SETTINGS": index_settings,
        }
    if environ.get("OPENSEARCH_URL"):
        return {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [environ["OPENSEARCH_URL"]],
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "hanoi_portal_"),
            "INDEX_SETTINGS": index_settings,
        }
    if database_engine == "django.db.backends.postgresql":
        return {"BACKEND": "search.backends.database", "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG}
    return {"BACKEND": "search.backends.database"}
