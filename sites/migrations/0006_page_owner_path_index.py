"""An index on Wagtail's page table for the explorer's "Chủ sở hữu" filter (sites/explorer_filters.py).

The filter lists the people owning a page in the user's sites: for each member of staff, one probe of this index
(owner, then the site's path prefix). Without it the list read every page of the site on each explorer request:
393 ms for a ward editor at 200,000 pages, 6.7 ms with it (docs/performance.md). The path column's collation is C,
so a plain index serves the prefix match on PostgreSQL as on SQLite.
"""

from django.db import migrations

INDEX = "portal_page_owner_path"


class Migration(migrations.Migration):
    dependencies = [
        ("portal_sites", "0005_features_move_out"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON wagtailcore_page (owner_id, path)",
            f"DROP INDEX {INDEX}",
        ),
    ]
