"""Wagtail's database search backend (admin search, `Page.search()`), with no whole-index work on publish, and on
PostgreSQL folding Vietnamese (`vi_unaccent`) in search and autocomplete alike."""

from django.db import connection

from modelsearch.backends.database import SearchBackend as stock_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend


class TitleNormsOnRebuildOnly:
    def _refresh_title_norms(self, full=False):
        # Stock Wagtail averages every title's length over the whole index after each publish; here only a rebuild
        # (`update_index`) does. New entries keep the neutral norm 1.0 until then.
        if full:
            super()._refresh_title_norms(full=True)


class PortalPostgresIndex(TitleNormsOnRebuildOnly, PostgresIndex):
    pass


class PortalPostgresSearchBackend(PostgresSearchBackend):
    index_class = PortalPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # Stock autocomplete uses 'simple' to avoid stemming; vi_unaccent does not stem either, and folds.
        self.autocomplete_config = self.config


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        return PortalPostgresSearchBackend(params)
    backend = stock_backend(params)
    if connection.vendor == "sqlite" and hasattr(backend.index_class, "_refresh_title_norms"):
        # The FTS5 index (the fallback without FTS5 has no title norms); its module is SQLite-only, not imported here.
        backend.index_class = type("PortalSQLiteIndex", (TitleNormsOnRebuildOnly, backend.index_class), {})
    return backend
