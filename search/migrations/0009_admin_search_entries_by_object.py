"""PostgreSQL: an index on Wagtail's admin search entries by object id, so that a site's staff searching their own
pages reach each page's entry directly (search/admin_search.py) instead of hashing the whole portal's matches.
Wagtail's own unique index leads with the content type, which a page's entry is looked up with sixteen of."""

from django.db import migrations

from ._postgresql import on_postgresql

INDEX = (
    "CREATE INDEX IF NOT EXISTS portal_indexentry_object ON wagtailsearch_indexentry (object_id, content_type_id)"
)
DROP = "DROP INDEX IF EXISTS portal_indexentry_object"


class Migration(migrations.Migration):
    dependencies = [("search", "0008_site_newest_index"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(on_postgresql(INDEX), on_postgresql(DROP))]
