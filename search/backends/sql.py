"""The SQL engines of citizen search: SQLite (FTS5) and PostgreSQL (tsvector + GIN), over `SearchEntry` itself.

Both match the folded syllables (all of them, anywhere in the title or text), then rank:
- the syllables as one phrase above the same syllables scattered;
- when the citizen typed diacritics, pages holding the exact syllables ("hộ") above folded look-alikes ("hồ");
- the title above the text.

A query matching more than RANKED pages (a common word: "thủ tục" is in a third of the portal) is not ranked over
every match: the exact ranking runs over the RANKED newest matches (highest page id: most recently created) and the
RANKED newest matches holding every syllable in their title, and the total and facets count the RANKED newest
matches, flagged `total_exact=False` ("more than RANKED"). Every query's cost is thus bounded by RANKED rows, not
by the size of the portal; below RANKED matches everything is exact.

The database keeps these indexes itself (FTS5 triggers and generated tsvector columns, migration 0001), so writing
an entry row is indexing it: `index`, `remove` and `reset` have nothing more to do.
"""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date

from django.db import connections, router

from ..models import SearchEntry
from . import base as interface
from .base import Engine, Results

# bm25 weights of the FTS5 columns: title, text (exact), title_folded, text_folded.
SQLITE_WEIGHTS = (8.0, 1.0, 4.0, 1.0)
# PostgreSQL: a phrase or an exact match adds to ts_rank (0..1 per vector).
PHRASE_BONUS, EXACT_WEIGHT, EXACT_PHRASE_BONUS = 1.0, 0.5, 0.5
# PostgreSQL: how many of an arm's newest entries a common word's walk reads at most (PostgresEngine.bounded).
WALKED = 20 * interface.RANKED
# PostgreSQL: the planner's estimate of a query's matches from which it is taken as common without counting them.
COMMON = 5 * interface.RANKED
# PostgreSQL, titles for suggestions and "Có phải bạn muốn tìm" (PostgresEngine.titles_sql): the newest pages walked,
# and the title index migration 0007 makes (the expression must be the index's, word for word).
TITLE_WINDOW = interface.RANKED
TITLE_VECTOR = "to_tsvector('vi_unaccent', e.title_folded)"


@dataclass
class _Computed:
    """Filters whose SQL was computed once for the several statements of one search (`base.Filters`): whole, and
    split into arms."""

    sql: tuple
    split: list | None = None  # None: an arm, which is its own one arm

    @classmethod
    def of(cls, filters):
        conditions = filters.conditions()
        return cls(filters.where(conditions), [cls(arm) for arm in filters.arms(conditions)])

    def where(self):
        return self.sql

    def arms(self):
        return [self] if self.split is None else self.split


@dataclass
class _Counted:
    """What PostgreSQL's count of a query's matches found when they were all (`PostgresEngine.bounded`): their number,
    their facet counts and every one's (page id, date, score)."""

    total: int
    facets: list
    scored: list


def connection():
    return connections[router.db_for_read(SearchEntry)]


class SQLEngine(Engine):
    """What the two SQL engines share: the statements of one search, run on the entries' own database."""

    def index(self, page_ids):
        pass  # the entry row is the index (FTS5 triggers, generated tsvector columns)

    def remove(self, page_ids):
        pass

    def reset(self):
        pass

    # What `bounded` found while counting the matches, when they were all (PostgresEngine): a `_Counted`.
    counted = None

    def search(self, query, filters, offset, limit, facets):
        filters = _Computed.of(filters)
        with connection().cursor() as cursor:
            bounded = self.bounded(cursor, query, filters)
            counted = self.counted
            # Over RANKED matches the candidates are known by id: read them by primary key, not through the index
            # of the words again (which PostgreSQL would otherwise pick, reading every match).
            by_id = self.planner_without(cursor, "enable_bitmapscan") if bounded else nullcontext()
            with by_id:
                hits = [
                    (page_id, float(score))
                    for page_id, score in _ranked(self, cursor, query, filters, limit, offset, bounded, counted)
                ]
                extra = ("", []) if bounded is None else bounded[0]
                counts = {"site": {}, "type": {}, "year": {}}
                if facets:
                    rows = counted.facets if counted else None
                    if rows is None:
                        cursor.execute(*facets_sql(self, query, filters, extra))
                        rows = cursor.fetchall()
                    for facet, value, count in rows:
                        counts[facet][value] = count
            if facets:
                total = sum(counts["site"].values())
            elif bounded is not None:
                total = interface.RANKED
            elif counted:
                total = counted.total
            else:
                count_sql, count_params = self.matched(query, filters, "1", self.base(query))
                cursor.execute(f"SELECT COUNT(*) FROM ({count_sql}) AS m", count_params)  # noqa: S608
                total = cursor.fetchone()[0]
        return Results(total=total, hits=hits, facets=counts if facets else {}, total_exact=bounded is None)

    def explained(self, query, filters):
        """The SQL statements of one search, for EXPLAIN in the speed bench: (sql, params, plan type turned off)."""
        filters = _Computed.of(filters)
        with connection().cursor() as cursor:
            bounded = self.bounded(cursor, query, filters)
        if self.counted:
            return self.ran  # the count found every match: it scored them and counted their facets
        extra, by_id = ("", []), None
        if bounded is not None:
            extra, by_id = bounded[0], "enable_bitmapscan"
        return [
            *self.ran,
            (*hits_sql(self, query, filters, 10, 0, extra), by_id),
            (*facets_sql(self, query, filters, extra), by_id),
        ]

    def closest(self, query, filters, limit):
        filters = _Computed.of(filters)
        with connection().cursor() as cursor:
            cursor.execute(*self.closest_sql(cursor, query, filters, limit))
            return [title for (title,) in cursor.fetchall()]

    def suggest(self, query, filters, limit):
        filters = _Computed.of(filters)
        with connection().cursor() as cursor:
            cursor.execute(*self.suggested(cursor, query, filters, limit * 3))
            titles = []
            for (title,) in cursor.fetchall():
                if title not in titles:
                    titles.append(title)
        return titles[:limit]


def _quote(text):
    return '"' + text.replace('"', '""') + '"'


def _either(choices):
    """FTS5: one syllable, any of its spellings ("kys" or the "ki" it decodes to)."""
    return _quote(choices[0]) if len(choices) == 1 else f"({' OR '.join(_quote(choice) for choice in choices)})"


def _lexeme(word, weight=""):
    """A quoted lexeme of to_tsquery ('ki':A); quotes and backslashes doubled."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + weight


def _any_lexeme(choices, weight=""):
    lexemes = [_lexeme(choice, weight) for choice in choices]
    return lexemes[0] if len(lexemes) == 1 else f"({' | '.join(lexemes)})"


class SQLiteEngine(SQLEngine):
    name = "sqlite"

    def planner_without(self, cursor, plans):
        return nullcontext()

    FOLDED, EXACT = "{title_folded text_folded}", "{title text}"
    ROWID = "search_fts.rowid"

    def base(self, query, columns=FOLDED):
        """Every folded syllable, in the title or text (or only in `columns`): what a page must hold to match."""
        return f"{columns}: ({' AND '.join(_either(choices) for choices in query.choices)})"

    def title_match(self, query):
        return self.base(query, "{title_folded}")

    def match(self, query):
        """The FTS5 expression: every folded syllable; optional branches only add to bm25."""
        base = self.base(query)
        boosts = []
        if len(query.folded_words) > 1:
            boosts.append(f"{self.FOLDED}: {_quote(' '.join(query.folded_words))}")
        if query.has_marks:
            boosts.append(f"{self.EXACT}: ({' OR '.join(_quote(word) for word in query.exact_any)})")
            if len(query.words) > 1:
                boosts.append(f"{self.EXACT}: {_quote(' '.join(query.exact_words))}")
        if not boosts:
            return base
        # The last branch always holds, so the optional ones never narrow the match.
        return f"{base} AND ({' OR '.join([*boosts, f'{self.FOLDED}: {_either(query.choices[0])}'])})"

    def matched(self, query, filters, columns, expression=None, extra=("", [])):
        """SELECT `columns` of the entries `e` matching the query (or `expression`), filtered, and `extra`."""
        where, params = filters.where()
        sql = (
            # Fixed SQL fragments only: what citizens type is always a parameter.
            f"SELECT {columns} FROM search_fts JOIN search_searchentry e ON e.page_id = search_fts.rowid"  # noqa: S608
            f" WHERE search_fts MATCH %s{extra[0]}{where}"
        )
        return sql, [expression or self.match(query), *extra[1], *params]

    def score_for(self, query):
        return f"-bm25(search_fts, {', '.join(str(weight) for weight in SQLITE_WEIGHTS)})", []

    def bounded(self, cursor, query, filters):
        """FTS5 walks its matches by rowid (page id), newest first, without ranking them: cheap at any size."""
        self.ran = [(*newest_sql(self, query, filters, offset=interface.RANKED), None)]
        cursor.execute(*self.ran[0][:2])
        row = cursor.fetchone()
        if row is None:
            return None
        bound = row[0]
        self.ran.append((*newest_sql(self, query, filters, self.title_match(query), limit=interface.RANKED), None))
        cursor.execute(*self.ran[1][:2])
        titled = [page_id for (page_id,) in cursor.fetchall() if page_id <= bound]
        return (f" AND {self.ROWID} > %s", [bound]), titled

    def closest_sql(self, cursor, query, filters, limit):
        """Titles holding any syllable, ranked by bm25 over the RANKED newest such pages."""
        forms = [_quote(form) for choices in query.choices for form in choices]
        return self.titles_sql(cursor, query, filters, f"title_folded: ({' OR '.join(forms)})", limit)

    def suggested(self, cursor, query, filters, limit):
        words = [_quote(word) for word in query.folded_words]
        words[-1] += " *"
        return self.titles_sql(cursor, query, filters, f"title_folded: ({' AND '.join(words)})", limit)

    def titles_sql(self, cursor, query, filters, expression, limit):
        """The best `limit` titles matching the FTS5 `expression`, ranked by bm25 over the RANKED newest matches
        only (FTS5 finds the bound by rowid without ranking), newest first among equals."""
        cursor.execute(*newest_sql(self, query, filters, expression, offset=interface.RANKED - 1))
        row = cursor.fetchone()
        sql, params = self.matched(
            query, filters, "e.title", expression, (f" AND {self.ROWID} >= %s", [row[0] if row else 0])
        )
        weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
        return f"{sql} ORDER BY bm25(search_fts, {weights}), e.date DESC LIMIT %s", [*params, limit]


class PostgresEngine(SQLEngine):
    name = "postgresql"

    @contextmanager
    def planner_without(self, cursor, plans):
        """Statements inside run with these plan types turned off ("enable_bitmapscan, enable_seqscan")."""
        for plan in plans.split(", "):
            cursor.execute(f"SET {plan} = off")
        try:
            yield
        finally:
            for plan in plans.split(", "):
                cursor.execute(f"RESET {plan}")

    FOLDED = "plainto_tsquery('vi_unaccent', %s)"
    ROWID = "e.page_id"

    def base(self, query):
        return None  # matching is plainto_tsquery of the words, ranked or not

    def title_match(self, query):
        return " & ".join(_any_lexeme(choices, ":A") for choices in query.choices)

    def folded_tsquery(self, query):
        """The tsquery of every folded syllable (any of its spellings when one was decoded), and its parameters."""
        if not query.alternatives:
            return self.FOLDED, [" ".join(query.folded_words)]
        return "to_tsquery('vi_unaccent', %s)", [" & ".join(_any_lexeme(choices) for choices in query.choices)]

    def matched(self, query, filters, columns, expression=None, extra=("", [])):
        """SELECT `columns` of the entries `e` matching the query (or the tsquery `expression`), filtered, `extra`."""
        where, params = filters.where()
        if expression:
            tsquery, tsquery_params = "to_tsquery('vi_unaccent', %s)", [expression]
        else:
            tsquery, tsquery_params = self.folded_tsquery(query)
        sql = f"SELECT {columns} FROM search_searchentry e WHERE e.folded_vector @@ {tsquery}{extra[0]}{where}"  # noqa: S608
        return sql, [*tsquery_params, *extra[1], *params]

    def score_for(self, query):
        text = " ".join(query.folded_words)
        tsquery, params = self.folded_tsquery(query)
        parts = [f"ts_rank(e.folded_vector, {tsquery})"]
        if len(query.words) > 1:
            parts.append(
                f"CASE WHEN e.folded_vector @@ phraseto_tsquery('vi_unaccent', %s) THEN {PHRASE_BONUS} ELSE 0 END"
            )
            params.append(text)
        if query.has_marks:
            parts.append(f"{EXACT_WEIGHT} * ts_rank(e.exact_vector, to_tsquery('simple', %s))")
            params.append(" | ".join(_lexeme(word) for word in query.exact_any))
            if len(query.words) > 1:
                parts.append(
                    f"CASE WHEN e.exact_vector @@ phraseto_tsquery('simple', %s) THEN {EXACT_PHRASE_BONUS} ELSE 0 END"
                )
                params.append(" ".join(query.exact_words))
        return " + ".join(parts), params

    def bounded(self, cursor, query, filters):
        """Count the matches up to RANKED + 1; over RANKED, take the newest 2 x RANKED matches, walking each arm of
        the filters (`Filters.arms`: a site's own pages by the (site, page id) index, its copies by primary key;
        every site's pages by primary key) backwards with bitmap scans off, but no further than its WALKED newest
        entries. A common word fills the walk within a few thousand entries; a word too rare for that is read
        through the GIN index instead (the bitmap allowed), which finds its matches in any order and sorts them.
        PostgreSQL estimates a conjunction of common syllables as rare (it assumes them independent) and would
        otherwise read every match through the bitmap, or scan the whole table in parallel, to sort them.

        Where the planner's own estimate already says COMMON matches or more, the count is not made: it takes the
        syllables to be independent, and those of a query go together, so it mostly estimates too low; and counting
        up to RANKED + 1 through the GIN index intersects every syllable's entries (50 ms for "vệ sinh môi trường"
        across all sites at a million pages). Should fewer than RANKED + 1 be found after all (common syllables
        rarely together), every match is known and the search is exact, having cost the walk.

        The count scores the matches and counts them by site, type and year as it goes: when it finds them all (a
        rare word), those are the search's results and facets (`counted`), and the search is that one statement
        after the estimate (ranking and facets read the same matches through the words' index again: 8 and 12 ms of
        a ward's search for "kết hôn" at a million pages)."""
        self.ran, self.counted = [], None
        if not self.estimated_common(cursor, [self.matched(query, arm, "1") for arm in filters.arms()]):
            self.counted = self.counted_all(cursor, query, filters)
            if self.counted:
                return None
        rows = self.newest(cursor, query, filters, walked=True)
        if len(rows) < 2 * interface.RANKED:
            rows = self.newest(cursor, query, filters, walked=False)
            if len(rows) <= interface.RANKED:
                return None  # the estimate was wrong: these are all the matches
        newest = [page_id for page_id, _ in rows[: interface.RANKED]]
        titled = [page_id for page_id, in_title in rows[interface.RANKED :] if in_title]
        return (" AND e.page_id = ANY(%s)", [newest]), titled

    def counted_all(self, cursor, query, filters):
        """The matches counted up to RANKED + 1, each arm apart, scored and by facet; a `_Counted` when that was
        all of them, otherwise None."""
        score_sql, score_params = self.score_for(query)
        arms = [
            (sql, [*score_params, *params])
            for sql, params in (
                self.matched(query, arm, f"{FACETED}, e.page_id, e.date, {score_sql} AS score")
                for arm in filters.arms()
            )
        ]
        matches = " UNION ALL ".join(f"({sql} LIMIT %s)" for sql, _params in arms)
        self.ran = [(_faceted(matches, scored=True), _joined(arms, interface.RANKED + 1), None)]
        cursor.execute(*self.ran[0][:2])
        rows = cursor.fetchall()
        facets = [(facet, value, count) for facet, value, count, _day, _score in rows if facet != "hit"]
        total = sum(count for facet, _value, count in facets if facet == "site")  # every match is on one site row
        if total > interface.RANKED:
            return None
        scored = [(page_id, day, score) for facet, page_id, _count, day, score in rows if facet == "hit"]
        return _Counted(total, facets, scored)

    @staticmethod
    def estimated_common(cursor, arms):
        """Whether PostgreSQL's estimate of these statements' rows (its statistics of the syllables; no row read)
        reaches COMMON."""
        union = " UNION ALL ".join(sql for sql, _params in arms)
        cursor.execute(f"EXPLAIN (FORMAT JSON) {union}", [value for _sql, params in arms for value in params])
        return cursor.fetchone()[0][0]["Plan"]["Plan Rows"] >= COMMON  # psycopg reads the JSON

    def newest(self, cursor, query, filters, walked):
        """(page id, holds the syllables in its title) of the newest 2 x RANKED matches: within each arm's WALKED
        newest entries (`walked`: primary keys walked backwards), or all of them (through the GIN index)."""
        columns = "e.page_id, e.folded_vector @@ to_tsquery('vi_unaccent', %s) AS in_title"
        arms = []
        for arm in filters.arms():
            where, where_params = arm.where()
            bound, bound_params = ("", [])
            if walked:
                # The arm's WALKED-th newest entry (from the index alone when no other filter applies): the walk
                # stops there.
                bound = (
                    " AND e.page_id >= COALESCE((SELECT e.page_id FROM search_searchentry e WHERE TRUE"  # noqa: S608
                    f"{where} ORDER BY e.page_id DESC OFFSET %s LIMIT 1), 0)"
                )
                bound_params = [*where_params, WALKED - 1]
            sql, params = self.matched(query, arm, columns, extra=(bound, bound_params))
            arms.append((sql, [self.title_match(query), *params]))
        newest = " UNION ALL ".join(f"({sql} ORDER BY e.page_id DESC LIMIT %s)" for sql, _params in arms)
        sql = f"SELECT page_id, in_title FROM ({newest}) AS m ORDER BY page_id DESC LIMIT %s"  # noqa: S608
        params = [*_joined(arms, 2 * interface.RANKED), 2 * interface.RANKED]
        plan_off = "enable_bitmapscan, enable_seqscan" if walked else "enable_seqscan"
        self.ran.append((sql, params, plan_off))
        with self.planner_without(cursor, plan_off):
            cursor.execute(sql, params)
            return cursor.fetchall()

    def closest_sql(self, cursor, query, filters, limit):
        """Titles holding any syllable, ranked among a bounded number of them (`titles_sql`)."""
        forms = [form for choices in query.choices for form in choices]
        weighted = " | ".join(_lexeme(form, ":A") for form in forms)
        plain = " | ".join(_lexeme(form) for form in forms)
        return self.titles_sql(cursor, filters, weighted, plain, limit)

    def suggested(self, cursor, query, filters, limit):
        # Every syllable in the title, the last one a prefix: "'dang':A & 'ki':A & 'kh':A*".
        weighted = " & ".join(_lexeme(word, ":A") for word in query.folded_words) + "*"
        plain = " & ".join(_lexeme(word) for word in query.folded_words) + ":*"
        return self.titles_sql(cursor, filters, weighted, plain, limit)

    def titles_sql(self, cursor, filters, weighted, plain, limit):
        """The best `limit` titles matching a tsquery (`weighted`: on the title's lexemes, :A; `plain`: the same
        without weights, for the title index), by ts_rank, newest first among equals.

        At most 2 x RANKED matches are ranked, whatever the size of the portal: first, the newest RANKED among the
        TITLE_WINDOW newest pages the filters allow, each arm of them apart (`Filters.arms`: on one site, its own
        newest by the (site, page id) index, and the copies it shows; a common syllable stops the walk early); when
        fewer than `limit` (or RANKED) are there (a rare word), also the first RANKED the title index finds
        (migration 0007), in no better order than the table's. Ranking every match read them all: at 200,000 pages
        the suggestions for "chuyển đổi số" (a fifth of the titles hold it) took 328 ms. The window was once the
        whole portal's 5 x RANKED newest pages, and the title index was asked whenever fewer than RANKED matched
        there: on a ward's site, for every common word (100-130 ms of a search at a million pages, reading 152,050
        titles for "chuyển đổi số")."""
        windows = []
        for arm in filters.arms():
            where, params = arm.where()
            windows.append(
                (f"SELECT * FROM search_searchentry e WHERE TRUE{where} ORDER BY e.page_id DESC", params)  # noqa: S608
            )
        window = " UNION ALL ".join(f"({sql} LIMIT %s)" for sql, _params in windows)
        cursor.execute(
            # Fixed SQL fragments only: what citizens type is always a parameter.
            f"SELECT e.page_id FROM ({window}) AS e"  # noqa: S608
            " WHERE e.folded_vector @@ to_tsquery('vi_unaccent', %s) LIMIT %s",
            [*_joined(windows, TITLE_WINDOW), weighted, interface.RANKED],
        )
        candidates = [page_id for (page_id,) in cursor.fetchall()]
        if len(candidates) < min(limit, interface.RANKED):
            where, params = filters.where()
            cursor.execute(
                f"SELECT e.page_id FROM search_searchentry e WHERE {TITLE_VECTOR} @@ to_tsquery('vi_unaccent', %s)"  # noqa: S608
                f"{where} LIMIT %s",
                [plain, *params, interface.RANKED],
            )
            candidates = list(dict.fromkeys([*candidates, *(page_id for (page_id,) in cursor.fetchall())]))
        return (
            "SELECT e.title FROM search_searchentry e WHERE e.page_id = ANY(%s)"
            " ORDER BY ts_rank(e.folded_vector, to_tsquery('vi_unaccent', %s)) DESC, e.date DESC LIMIT %s",
            [candidates, weighted, limit],
        )


def hits_sql(engine, query, filters, limit, offset=0, extra=("", []), columns="e.page_id"):
    """The query for the best `limit` matches (after `offset`), best first (newest first among equals)."""
    score_sql, score_params = engine.score_for(query)
    matched_sql, matched_params = engine.matched(query, filters, f"{columns}, {score_sql} AS score", extra=extra)
    return (
        f"{matched_sql} ORDER BY score DESC, e.date DESC, e.page_id LIMIT %s OFFSET %s",
        [*score_params, *matched_params, limit, offset],
    )


def newest_sql(engine, query, filters, expression=None, offset=0, limit=1):
    """Page ids of the newest matches (by page id), `limit` of them after `offset`: no ranking."""
    sql, params = engine.matched(query, filters, "e.page_id", expression=expression or engine.base(query))
    return f"{sql} ORDER BY {engine.ROWID} DESC LIMIT %s OFFSET %s", [*params, limit, offset]


FACETED = "e.site_id, e.content_type_id, e.year"


def facets_sql(engine, query, filters, extra=("", [])):
    sql, params = engine.matched(query, filters, FACETED, engine.base(query), extra)
    return _faceted(sql), params


def _faceted(sql, scored=False):
    """(facet, value, count) rows of the matches `sql` selects (FACETED), by site, type and year; `scored` (their
    page id, date and score selected too): (facet, value, count, date, score) rows, and a "hit" row for every match,
    (page id, date, score) in the last three."""
    hits, none = "", ""
    if scored:
        hits, none = " UNION ALL SELECT 'hit', page_id, NULL, date, score FROM m", ", NULL::date, NULL::real"
    return (
        f"WITH m AS MATERIALIZED ({sql})"  # noqa: S608
        f" SELECT 'site', site_id, COUNT(*){none} FROM m GROUP BY site_id"
        f" UNION ALL SELECT 'type', content_type_id, COUNT(*){none} FROM m GROUP BY content_type_id"
        f" UNION ALL SELECT 'year', year, COUNT(*){none} FROM m GROUP BY year{hits}"
    )


def _ranked(engine, cursor, query, filters, limit, offset, bounded, counted):
    if counted:
        rows = list(counted.scored)  # every match, scored by the count
    elif bounded is None:
        cursor.execute(*hits_sql(engine, query, filters, limit, offset))
        return cursor.fetchall()
    else:
        newest, titled = bounded
        rows = []
        extras = [newest]
        if titled:
            extras.append((f" AND {engine.ROWID} IN ({', '.join(['%s'] * len(titled))})", titled))
        for extra in extras:
            cursor.execute(*hits_sql(engine, query, filters, offset + limit, 0, extra, "e.page_id, e.date"))
            rows += cursor.fetchall()
    # The order of hits_sql: score, then the newest date, then the page id.
    rows.sort(key=lambda row: (-row[2], -_day(row[1]), row[0]))
    return [(page_id, score) for page_id, _day_, score in rows[offset : offset + limit]]


def _joined(statements, limit):
    """The parameters of statements joined by UNION ALL, each followed by its LIMIT's."""
    return [value for _sql, params in statements for value in (*params, limit)]


def _day(value):
    """A date column as an ordinal (SQLite returns it as text)."""
    return (value if isinstance(value, date) else date.fromisoformat(value)).toordinal()
