"""The folded columns hold one spelling of i/y (search.text.indexed: "ký" and "kí" are both "ki"; syllables one
space apart), on every database: PostgreSQL's folded vector is now made from them instead of folding the text
itself, so that the i/y rule is one rule, in Python, for SQLite, PostgreSQL and the cluster engine."""

from django.db import migrations

from ._postgresql import on_postgresql

from search.text import indexed

# The folded vector, dropped before the rows are refolded (so that PostgreSQL does not recompute it for each
# update), then made again from the folded columns.
DROP_VECTOR = "ALTER TABLE search_searchentry DROP COLUMN folded_vector"
FOLDED_VECTOR = """ALTER TABLE search_searchentry ADD COLUMN folded_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('vi_unaccent', title_folded), 'A') || setweight(to_tsvector('vi_unaccent', text_folded), 'B')
) STORED"""
INDEX = "CREATE INDEX search_entry_folded_vector ON search_searchentry USING gin (folded_vector)"
# As migration 0001 made it: from the text, folded by vi_unaccent.
OLD_VECTOR = """ALTER TABLE search_searchentry ADD COLUMN folded_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('vi_unaccent', title), 'A') || setweight(to_tsvector('vi_unaccent', text), 'B')
) STORED"""
BATCH = 2000


def refold(apps, schema_editor):
    """Every entry's folded columns as search.text.indexed makes them now, a batch at a time."""
    entries = apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias)
    last = 0
    while True:
        batch = list(entries.filter(page_id__gt=last).order_by("page_id").only("page_id", "title", "text")[:BATCH])
        if not batch:
            return
        for entry in batch:
            entry.title_folded, entry.text_folded = indexed(entry.title), indexed(entry.text)
        entries.bulk_update(batch, ["title_folded", "text_folded"])
        last = batch[-1].page_id


class Migration(migrations.Migration):
    dependencies = [("search", "0004_placements_in_syndication")]

    operations = [
        migrations.RunPython(on_postgresql(DROP_VECTOR), on_postgresql(DROP_VECTOR, OLD_VECTOR, INDEX)),
        migrations.RunPython(refold, migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(FOLDED_VECTOR, INDEX), migrations.RunPython.noop),
    ]
