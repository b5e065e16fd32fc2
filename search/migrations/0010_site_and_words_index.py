"""PostgreSQL: the entries' full-text index also holds their site (btree_gin), so that a search on one site finds its
matches in that one index: "kết hôn" on Đống Đa at a million pages read its syllables' 15,362 matches in every site
from the words' index and its 37,434 entries from the site's index, then kept the 118 in both (BitmapAnd, 11 ms);
in one index, 2.3 ms. A search of every site uses the same index, by its words alone, so it replaces the words' own.

btree_gin ships with PostgreSQL (contrib, beside unaccent, which the search configuration needs already) and is a
trusted extension: the database's owner may create it."""

from django.db import migrations

from ._postgresql import on_postgresql

EXTENSION = "CREATE EXTENSION IF NOT EXISTS btree_gin"
NAME = "search_entry_site_words"
INDEX = f"CREATE INDEX IF NOT EXISTS {NAME} ON search_searchentry USING gin (site_id, folded_vector)"
WORDS_NAME = "search_entry_folded_vector"
WORDS_INDEX = f"CREATE INDEX IF NOT EXISTS {WORDS_NAME} ON search_searchentry USING gin (folded_vector)"


class Migration(migrations.Migration):
    dependencies = [("search", "0009_admin_search_entries_by_object")]

    operations = [
        migrations.RunPython(
            on_postgresql(EXTENSION, INDEX, f"DROP INDEX IF EXISTS {WORDS_NAME}"),
            on_postgresql(WORDS_INDEX, f"DROP INDEX IF EXISTS {NAME}"),
        )
    ]
