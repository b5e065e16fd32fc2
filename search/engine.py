"""Citizen search through the engine `PORTAL_SEARCH_ENGINE` names: what the API, /tim-kiem/ and indexing call.

- "auto" (the default): the engine of the entries' database, SQLite (FTS5) or PostgreSQL (tsvector + GIN);
- "sqlite" or "postgresql": that one (it must be the database's);
- "elasticsearch": the cluster at `PORTAL_SEARCH_URL`, index `PORTAL_SEARCH_INDEX`.

The interface (index, remove, reset, search, suggest), the filters and the results are in search/backends/base.py;
the engines in search/backends/sql.py and search/backends/cluster.py. See docs/search.md.
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .backends.base import RANKED, Engine, Filters, Results
from .backends.cluster import ElasticsearchEngine
from .backends.sql import PostgresEngine, SQLiteEngine, connection
from .text import Query

__all__ = ["RANKED", "Engine", "Filters", "Results", "closest", "current", "explained", "search", "suggest"]

SQL_ENGINES = {"sqlite": SQLiteEngine, "postgresql": PostgresEngine}


@cache
def _cluster(url, index_name):
    return ElasticsearchEngine.at(url, index_name)


def current():
    """The engine the settings select."""
    name = getattr(settings, "PORTAL_SEARCH_ENGINE", "auto") or "auto"
    if name == "auto":
        return SQL_ENGINES.get(connection().vendor, SQLiteEngine)()
    if name in SQL_ENGINES:
        return SQL_ENGINES[name]()
    if name == "elasticsearch":
        if not settings.PORTAL_SEARCH_URL:
            raise ImproperlyConfigured("PORTAL_SEARCH_ENGINE=elasticsearch needs PORTAL_SEARCH_URL.")
        return _cluster(settings.PORTAL_SEARCH_URL, settings.PORTAL_SEARCH_INDEX)
    raise ImproperlyConfigured(f"PORTAL_SEARCH_ENGINE: no engine “{name}” (auto, sqlite, postgresql, elasticsearch).")


def search(text, filters=None, offset=0, limit=10, facets=True):
    """The matching pages' ids and scores, best first, with the total and (optionally) facet counts.

    Over RANKED matches, only a bounded part is ranked and counted: the total is then RANKED and `total_exact`
    False."""
    query = Query(text)
    if not query:
        return Results(total=0, hits=[])
    return current().search(query, filters or Filters(), offset, limit, facets)


def suggest(text, filters=None, limit=8):
    """Titles that complete what is being typed, folded: 'dang ky kh' -> 'Đăng ký khai sinh cho trẻ em'."""
    query = Query(text)
    if not query:
        return []
    return current().suggest(query, filters or Filters(), limit)


def closest(text, filters=None, limit=5):
    """Titles holding any of the query's syllables (folded, or as decoded), best first: what "Có phải bạn muốn
    tìm" rewords the query from (search/did_you_mean.py)."""
    query = Query(text)
    if not query:
        return []
    return current().closest(query, filters or Filters(), limit)


def explained(text, filters=None):
    """The SQL statements of one search on the database's engine, for EXPLAIN in the speed bench."""
    return SQL_ENGINES.get(connection().vendor, SQLiteEngine)().explained(Query(text), filters or Filters())
