"""Matching and ranking over the citizen search index, on SQLite (FTS5) or PostgreSQL (tsvector + GIN).

Both backends match the folded syllables (all of them, anywhere in the title or text), then rank:
- the syllables as one phrase above the same syllables scattered;
- when the citizen typed diacritics, pages holding the exact syllables ("hộ") above folded look-alikes ("hồ");
- the title above the text.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connections, router

from wagtail.models import PageViewRestriction

from .models import SearchEntry
from .text import Query

# bm25 weights of the FTS5 columns: title, text (exact), title_folded, text_folded.
SQLITE_WEIGHTS = (8.0, 1.0, 4.0, 1.0)
# PostgreSQL: a phrase or an exact match adds to ts_rank (0..1 per vector).
PHRASE_BONUS, EXACT_WEIGHT, EXACT_PHRASE_BONUS = 1.0, 0.5, 0.5


@dataclass
class Filters:
    site_id: int | None = None  # None: every site
    type_ids: list[int] = field(default_factory=list)
    section: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def where(self):
        """SQL conditions on the entry `e`, and their parameters; private pages (and below) are never found."""
        clauses, params = [], []
        if self.site_id is not None:
            clauses.append(
                "(e.site_id = %s OR e.page_id IN (SELECT entry_id FROM search_searchcopy WHERE site_id = %s))"
            )
            params += [self.site_id, self.site_id]
        if self.type_ids:
            clauses.append(f"e.content_type_id IN ({', '.join(['%s'] * len(self.type_ids))})")
            params += self.type_ids
        if self.section:
            clauses.append("e.section_key = %s")
            params.append(self.section)
        if self.date_from:
            clauses.append("e.date >= %s")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("e.date <= %s")
            params.append(self.date_to)
        for path in PageViewRestriction.objects.values_list("page__path", flat=True).distinct():
            clauses.append("e.path NOT LIKE %s")
            params.append(f"{path}%")
        return "".join(f" AND {clause}" for clause in clauses), params


@dataclass
class Results:
    total: int
    hits: list[tuple[int, float]]  # (page id, score), best first
    facets: dict[str, dict] = field(default_factory=dict)  # "site" / "type" / "year" -> {value: count}


def _quote(text):
    return '"' + text.replace('"', '""') + '"'


class SQLiteEngine:
    FOLDED, EXACT = "{title_folded text_folded}", "{title text}"

    def match(self, query):
        """The FTS5 expression: every folded syllable; optional branches only add to bm25."""
        base = f"{self.FOLDED}: ({' AND '.join(_quote(word) for word in query.folded_words)})"
        boosts = []
        if len(query.folded_words) > 1:
            boosts.append(f"{self.FOLDED}: {_quote(' '.join(query.folded_words))}")
        if query.has_marks:
            boosts.append(f"{self.EXACT}: ({' OR '.join(_quote(word) for word in query.words)})")
            if len(query.words) > 1:
                boosts.append(f"{self.EXACT}: {_quote(' '.join(query.words))}")
        if not boosts:
            return base
        # The last branch always holds, so the optional ones never narrow the match.
        return f"{base} AND ({' OR '.join([*boosts, f'{self.FOLDED}: {_quote(query.folded_words[0])}'])})"

    def matched(self, query, filters, columns):
        where, params = filters.where()
        sql = (
            # Fixed SQL fragments only: what citizens type is always a parameter.
            f"SELECT {columns} FROM search_fts JOIN search_searchentry e ON e.page_id = search_fts.rowid"  # noqa: S608
            f" WHERE search_fts MATCH %s{where}"
        )
        return sql, [self.match(query), *params]

    def score_for(self, query):
        return f"-bm25(search_fts, {', '.join(str(weight) for weight in SQLITE_WEIGHTS)})", []

    def suggest_match(self, query):
        words = [_quote(word) for word in query.folded_words]
        words[-1] += " *"
        return f"title_folded: ({' AND '.join(words)})"

    def suggested(self, query, filters, limit):
        where, params = filters.where()
        sql = (
            "SELECT e.title FROM search_fts JOIN search_searchentry e ON e.page_id = search_fts.rowid"  # noqa: S608
            f" WHERE search_fts MATCH %s{where} ORDER BY bm25(search_fts), e.date DESC LIMIT %s"
        )
        return sql, [self.suggest_match(query), *params, limit]


class PostgresEngine:
    FOLDED = "plainto_tsquery('vi_unaccent', %s)"

    def matched(self, query, filters, columns):
        where, params = filters.where()
        sql = f"SELECT {columns} FROM search_searchentry e WHERE e.folded_vector @@ {self.FOLDED}{where}"  # noqa: S608
        return sql, [" ".join(query.words), *params]

    def score_for(self, query):
        text = " ".join(query.words)
        parts = [f"ts_rank(e.folded_vector, {self.FOLDED})"]
        params = [text]
        if len(query.words) > 1:
            parts.append(
                f"CASE WHEN e.folded_vector @@ phraseto_tsquery('vi_unaccent', %s) THEN {PHRASE_BONUS} ELSE 0 END"
            )
            params.append(text)
        if query.has_marks:
            parts.append(f"{EXACT_WEIGHT} * ts_rank(e.exact_vector, to_tsquery('simple', %s))")
            params.append(" | ".join(f"'{word}'" for word in query.words))
            if len(query.words) > 1:
                parts.append(
                    f"CASE WHEN e.exact_vector @@ phraseto_tsquery('simple', %s) THEN {EXACT_PHRASE_BONUS} ELSE 0 END"
                )
                params.append(text)
        return " + ".join(parts), params

    def suggested(self, query, filters, limit):
        where, params = filters.where()
        words = [f"'{word}':A" for word in query.words]
        words[-1] = words[-1].replace(":A", ":*A")
        tsquery = "to_tsquery('vi_unaccent', %s)"
        sql = (
            f"SELECT e.title FROM search_searchentry e WHERE e.folded_vector @@ {tsquery}{where}"  # noqa: S608
            f" ORDER BY ts_rank(e.folded_vector, {tsquery}) DESC, e.date DESC LIMIT %s"
        )
        term = " & ".join(words)
        return sql, [term, *params, term, limit]


def _connection():
    return connections[router.db_for_read(SearchEntry)]


def _engine(connection):
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


def hits_sql(engine, query, filters, limit, offset):
    """The query for one page of results, best first (newest first among equals)."""
    score_sql, score_params = engine.score_for(query)
    matched_sql, matched_params = engine.matched(query, filters, f"e.page_id, {score_sql} AS score")
    return (
        f"{matched_sql} ORDER BY score DESC, e.date DESC, e.page_id LIMIT %s OFFSET %s",
        [*score_params, *matched_params, limit, offset],
    )


def search(text, filters=None, offset=0, limit=10, facets=True):
    """The matching pages' ids and scores, best first, with the total and (optionally) facet counts."""
    query = Query(text)
    if not query:
        return Results(total=0, hits=[])
    filters = filters or Filters()
    connection = _connection()
    engine = _engine(connection)
    with connection.cursor() as cursor:
        cursor.execute(*hits_sql(engine, query, filters, limit, offset))
        hits = [(page_id, float(score)) for page_id, score in cursor.fetchall()]
        counts = {"site": {}, "type": {}, "year": {}}
        if facets:
            facet_sql, facet_params = engine.matched(query, filters, "e.site_id, e.content_type_id, e.year")
            cursor.execute(
                f"WITH m AS MATERIALIZED ({facet_sql})"  # noqa: S608
                " SELECT 'site', site_id, COUNT(*) FROM m GROUP BY site_id"
                " UNION ALL SELECT 'type', content_type_id, COUNT(*) FROM m GROUP BY content_type_id"
                " UNION ALL SELECT 'year', year, COUNT(*) FROM m GROUP BY year",
                facet_params,
            )
            for facet, value, count in cursor.fetchall():
                counts[facet][value] = count
            total = sum(counts["site"].values())
        else:
            count_sql, count_params = engine.matched(query, filters, "1")
            cursor.execute(f"SELECT COUNT(*) FROM ({count_sql}) AS m", count_params)  # noqa: S608
            total = cursor.fetchone()[0]
    return Results(total=total, hits=hits, facets=counts if facets else {})


def suggest(text, filters=None, limit=8):
    """Titles that complete what is being typed, folded: 'dang ky kh' -> 'Đăng ký khai sinh cho trẻ em'."""
    query = Query(text)
    if not query:
        return []
    connection = _connection()
    sql, params = _engine(connection).suggested(query, filters or Filters(), limit * 3)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        titles = []
        for (title,) in cursor.fetchall():
            if title not in titles:
                titles.append(title)
    return titles[:limit]
