"""A (site, page id) index on the entries: a site's newest matches of a common word are found by walking its own
entries backwards instead of every site's (search/backends/sql.py: PostgresEngine.bounded).

The index on the site alone stays: dropping it would make Django rebuild the table on SQLite, and with it go the
FTS5 triggers of migration 0001 (the full-text index would stop following the entries)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0007_title_index")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["site", "page"], name="search_entry_site_newest"),
        ),
    ]
