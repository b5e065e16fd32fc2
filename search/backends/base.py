"""The engine interface of citizen search: what every engine (SQLite FTS5, PostgreSQL, Elasticsearch) offers, and the
filters and results they share.

`search.models.SearchEntry` rows (one per live page) and `SearchCopy` rows (the sites showing a syndicated copy) are
the record in every mode: `search/indexing.py` writes them, `search/service.py` reads titles, texts and dates from
them. An engine matches and ranks over them: the SQL engines directly (the database keeps their full-text indexes
itself), the cluster engine over documents built from them and sent on `index`.
"""

from dataclasses import dataclass, field
from datetime import date

from wagtail.models import Page, PageViewRestriction

from ..models import SearchCopy

# Above this many matches, rank and count only a bounded part of them (docs/search.md, "Common words").
RANKED = 1000


@dataclass
class Filters:
    site_id: int | None = None  # None: every site
    type_ids: list[int] = field(default_factory=list)
    section: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # What the conditions read from the database (the copies a site shows, the private pages' paths), by site: it is
    # shared with the filters `dataclasses.replace` makes of these, so that one citizen search (its results, its
    # suggestions, its "Có phải bạn muốn tìm") reads them once, not three times.
    read: dict = field(default_factory=dict, compare=False, repr=False)

    def excluded_page_ids(self):
        """Pages left out of the results (search/promotions.py leaves out the pinned ones)."""
        return []

    def conditions(self):
        """What `where()` and `arms()` are written from, read from the database once: the entries of the copies the
        site shows (none for every site), and the other conditions as (sql, params)."""
        if self.site_id not in self.read:
            copies = []
            if self.site_id is not None:
                copies = list(SearchCopy.objects.filter(site_id=self.site_id).values_list("entry_id", flat=True))
            self.read[self.site_id] = copies, restricted_paths()
        copies, private = self.read[self.site_id]
        return copies, self._others(private)

    def where(self, conditions=None):
        """SQL conditions on the entry `e`, and their parameters; private pages (and below) are never found."""
        copies, (sql, params) = conditions or self.conditions()
        if self.site_id is None:
            return sql, params
        # The copies by id, not by a subquery: an OR with a subquery is tested row by row, where an OR of two
        # indexed conditions lets PostgreSQL combine them with the words' index (BitmapAnd of a BitmapOr).
        site = f"(e.site_id = %s OR e.page_id IN ({_placeholders(copies)}))" if copies else "e.site_id = %s"
        return f" AND {site}{sql}", [self.site_id, *copies, *params]

    def arms(self, conditions=None):
        """`where()` split by where a site's pages come from: its own entries, then the copies it shows, each with
        the other conditions (one arm for every site at once). A statement that walks the matches newest first runs
        the arms apart (UNION ALL): each follows its own index, (site, page id) for the site's pages and the primary
        key for the copies, where their OR could only be walked through every site's entries."""
        copies, (sql, params) = conditions or self.conditions()
        if self.site_id is None:
            return [(sql, params)]
        arms = [(f" AND e.site_id = %s{sql}", [self.site_id, *params])]
        if copies:
            # A copy is of another site's page: never counted twice.
            copied = f" AND e.page_id IN ({_placeholders(copies)}) AND (e.site_id IS NULL OR e.site_id <> %s)"
            arms.append((copied + sql, [*copies, self.site_id, *params]))
        return arms

    def _others(self, private):
        """The conditions other than the site: type, section, dates, the `private` paths, excluded pages."""
        clauses, params = [], []
        if self.type_ids:
            clauses.append(f"e.content_type_id IN ({_placeholders(self.type_ids)})")
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
        for path in private:
            clauses.append("e.path NOT LIKE %s")
            params.append(f"{path}%")
        excluded = self.excluded_page_ids()
        if excluded:
            clauses.append(f"e.page_id NOT IN ({_placeholders(excluded)})")
            params += excluded
        return "".join(f" AND {clause}" for clause in clauses), params


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def restricted_paths():
    """Tree paths of the private pages: they and every page below them are never found."""
    # The restricted pages first, then their paths: joining from the pages made SQLite scan every page.
    restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    if not restricted:
        return []
    return sorted(set(Page.objects.filter(pk__in=restricted).values_list("path", flat=True)))


@dataclass
class Results:
    total: int  # every match when total_exact; otherwise RANKED: there are more
    hits: list[tuple[int, float]]  # (page id, score), best first
    facets: dict[str, dict] = field(default_factory=dict)  # "site" / "type" / "year" -> {value: count}
    total_exact: bool = True


class Engine:
    """Matching and ranking for citizen search. `query` is a `search.text.Query` with at least one syllable."""

    name = ""

    def index(self, page_ids):
        """Bring these pages up to date from their rows as committed (with their copies' sites); a page without
        an entry row is removed."""
        raise NotImplementedError

    def remove(self, page_ids):
        """Forget these pages."""
        raise NotImplementedError

    def reset(self):
        """Start from an empty index (`manage.py rebuild_citizen_search`, before indexing every entry again)."""
        raise NotImplementedError

    def search(self, query, filters, offset, limit, facets):
        """Results: the matching pages best first, `offset` and `limit` applied; the total; facet counts."""
        raise NotImplementedError

    def suggest(self, query, filters, limit):
        """Up to `limit` distinct titles completing `query` (its last syllable a prefix), folded."""
        raise NotImplementedError

    def closest(self, query, filters, limit):
        """Up to `limit` titles holding any syllable of `query` (any of its choices), best first; among the RANKED
        newest such pages only, so that a common syllable costs no more than in a search."""
        raise NotImplementedError
