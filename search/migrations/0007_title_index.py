"""PostgreSQL: a full-text index of the titles alone, so that suggestions and "Có phải bạn muốn tìm" read only the
pages whose title matches, and stop after RANKED of them (search/backends/sql.py: PostgresEngine.titles_sql). The
folded vector's index holds the text too: a title query had to read every page holding the syllables anywhere."""

from django.db import migrations

from ._postgresql import on_postgresql

INDEX = (
    "CREATE INDEX IF NOT EXISTS search_entry_title_vector ON search_searchentry"
    " USING gin (to_tsvector('vi_unaccent', title_folded))"
)
DROP = "DROP INDEX IF EXISTS search_entry_title_vector"


class Migration(migrations.Migration):
    dependencies = [("search", "0006_pins_and_query_log_on_one_spelling_of_i_and_y")]

    operations = [migrations.RunPython(on_postgresql(INDEX), on_postgresql(DROP))]
