"""The page chooser's search at scale (PostgreSQL): at most RANKED matches ranked and counted, the newest.

Wagtail's chooser searches every page an editor may link to (their own, and every other site's live pages: nearly
the whole portal), ranking and counting every match. PostgreSQL joins the matches to the pages on
`object_id = id::varchar`, which no index serves from the matches' side: it hashed the whole page table and sorted
every match with its vector, 1.9 s at a million pages for "chuyển đổi số" (82,000 matches; docs/performance.md).
As citizen search does with a common word (search/backends/sql.py), the chooser is given the pages of the RANKED
newest matching entries and ranks those: found by walking Wagtail's entries newest first (at most WALKED of them,
where a common word fills RANKED), or, for a rarer word, through the words' index. With RANKED matches or fewer that
is every match, as before; with more the editor is told so and asked for another word
(templates/wagtailadmin/chooser/_search_results.html).
"""

from django.db import connection
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from .backends.base import RANKED
from .backends.database import PortalPostgresSearchBackend, vietnamese
from .backends.sql import PostgresEngine

# The newest entries walked for a common word's RANKED matches, before asking the words' index instead.
WALKED = 20 * RANKED


def newest_matches(text, models=(Page,)):
    """(page ids, whether more pages match) of the RANKED newest pages of these types whose entry matches `text` as
    the chooser's autocomplete matches it; None where this does not apply (another backend, no word to search)."""
    backend = get_search_backend()
    query = vietnamese(text)
    if not isinstance(backend, PortalPostgresSearchBackend) or query == "":
        return None
    compiler = backend.autocomplete_query_compiler_class(Page.objects.all(), query)
    tsquery = compiler.build_tsquery(query, config=backend.autocomplete_config)
    if tsquery is None:
        return None
    types = {pk for model in models for pk in get_descendants_content_types_pks(model)}
    entries = IndexEntry.objects.filter(content_type_id__in=types)
    matching = entries.filter(autocomplete=tsquery).order_by("-pk").values_list("object_id", flat=True)
    # Walk the primary key backwards: the words' index would read every match of a common word first.
    with connection.cursor() as cursor, PostgresEngine().planner_without(cursor, "enable_bitmapscan"):
        floor = entries.order_by("-pk").values("pk")[WALKED - 1 : WALKED]
        found = list(matching.filter(pk__gte=Coalesce(Subquery(floor), 0))[: RANKED + 1])
    if len(found) <= RANKED:
        found = list(matching[: RANKED + 1])  # a rarer word: its index finds its few matches at once
    return [int(page_id) for page_id in found[:RANKED]], len(found) > RANKED
