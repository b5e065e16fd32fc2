"""Wagtail's database search backend (admin search, `Page.search()`) speaking Vietnamese as citizen search does, with
no whole-index work on publish, on SQLite and PostgreSQL alike.

- What is indexed is folded with the i/y rule (`search.text.indexed`: 'Đăng ký hộ tịch' -> 'dang ki ho tich'), in
  Python, before Wagtail writes its entry: SQLite's FTS5 tokenizer keeps đ and the letters with two marks (ộ), and
  PostgreSQL's `vi_unaccent` folds marks but knows nothing of i/y.
- What is asked is matched the same way (`vietnamese`): folded, i/y made one, and a word typed in Telex or VNI with
  the input method off ("ddaast") tried decoded beside as typed, so "dang ky ho tich", "qui hoach" and
  "ddaast ddai" find "Đăng ký hộ tịch", "Quy hoạch" and "Đất đai".

Entries written before this need `manage.py update_index` (docs/search.md).
"""

import sys
from functools import cache

from django.db import connection

from modelsearch.backends.database import SearchBackend as stock_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from ..text import Query, indexed


class TitleNormsOnRebuildOnly:
    def _refresh_title_norms(self, full=False):
        # Stock Wagtail averages every title's length over the whole index after each publish; here only a rebuild
        # (`update_index`) does. New entries keep the neutral norm 1.0 until then.
        if full:
            super()._refresh_title_norms(full=True)


class FoldingIndexer:
    """Every value of an entry (title, autocomplete, body, and PostgreSQL's plain texts) as citizen search indexes
    it. Recursion over lists and dicts goes through this method too: `indexed` of an indexed text is the same text."""

    folds_vietnamese = True

    def prepare_value(self, value):
        return indexed(super().prepare_value(value))


def fold_what_is_indexed(stock_index_class):
    """Make the entries of this modelsearch index class folded. Its `add_items` builds them with its module's
    `ObjectIndexer` and has no attribute to name another one, so that name is replaced, once per process."""
    module = sys.modules[stock_index_class.__module__]
    if not getattr(module.ObjectIndexer, "folds_vietnamese", False):
        module.ObjectIndexer = type("FoldingIndexer", (FoldingIndexer, module.ObjectIndexer), {})


def _words(text, operator):
    """PlainText of these folded words, or None when nothing was typed that is a word ('!!!')."""
    return PlainText(" ".join(text), operator=operator) if text else None


def vietnamese(query, operator=None):
    """The query as what is indexed is matched: a string or PlainText folded, i/y made one; where some word decodes
    (Telex or VNI typed with the input method off), the words as typed OR the words decoded, so that "tax" or
    "VNeID" still find themselves. A phrase is matched as meant (decoded); other queries are rewritten part by part.
    "" when there is no word to search."""
    if isinstance(query, str):
        query = PlainText(query, operator=operator or PlainText.DEFAULT_OPERATOR)
    if isinstance(query, PlainText):
        words = Query(query.query_string)
        typed = _words([choices[0] for choices in words.choices], query.operator)
        if typed is None:
            return ""
        return Or([typed, _words(words.folded_words, query.operator)]) if words.alternatives else typed
    if isinstance(query, Phrase | Fuzzy):
        meant = " ".join(Query(query.query_string).folded_words)
        return Phrase(meant) if isinstance(query, Phrase) else Fuzzy(meant, query.operator, query.unaccent)
    if isinstance(query, And | Or):
        parts = [vietnamese(part) for part in query.subqueries]
        return type(query)([part for part in parts if part != ""]) if any(parts) else ""
    if isinstance(query, Not | Boost):
        inner = vietnamese(query.subquery)
        if inner == "":
            return ""
        return Not(inner) if isinstance(query, Not) else Boost(inner, query.boost)
    return query  # MatchAll


class VietnameseQueries:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().search(vietnamese(query, operator), model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = vietnamese(query, operator)
        return super().autocomplete(query, model_or_queryset, fields, operator, order_by_relevance)


class PortalPostgresIndex(TitleNormsOnRebuildOnly, PostgresIndex):
    pass


class PortalPostgresSearchBackend(VietnameseQueries, PostgresSearchBackend):
    index_class = PortalPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # Stock autocomplete uses 'simple' to avoid stemming; vi_unaccent does not stem either, and folds.
        self.autocomplete_config = self.config


@cache
def _portal_class(stock_class):
    """The stock SQLite backend class speaking Vietnamese, with title norms refreshed on rebuild only."""
    index_class = type("PortalSQLiteIndex", (TitleNormsOnRebuildOnly, stock_class.index_class), {})
    return type(f"Portal{stock_class.__name__}", (VietnameseQueries, stock_class), {"index_class": index_class})


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        fold_what_is_indexed(PostgresIndex)
        return PortalPostgresSearchBackend(params)
    # On SQLite, the FTS5 backend, whose module is SQLite-only and so not imported here.
    backend = stock_backend(params)
    if connection.vendor != "sqlite" or not hasattr(backend.index_class, "_refresh_title_norms"):
        return backend  # the fallback without FTS5 matches the models' own columns: there is no entry to fold
    fold_what_is_indexed(backend.index_class)
    return _portal_class(type(backend))(params)
