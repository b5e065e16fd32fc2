"""An index on Wagtail's page table for a site's newest pages of one type: (content type, newest first).

A home page's "Thủ tục hành chính" block asks for the site's five newest procedures. With only Wagtail's index on
the publication date, PostgreSQL walked every page of the portal from the newest, dropping the ward's 32,000 news
items one by one until five procedures came (105 ms at a million pages, on every render of Đống Đa's home). Walking
this index within the procedures' type, it reads a few hundred (0.5 ms). The order is the blocks' own
(home/home_blocks.py: newest first, pages never published last): SQLite puts NULL last in a descending order by
itself and does not accept NULLS LAST in an index; PostgreSQL is told. That order also keeps PostgreSQL off Wagtail's
date index: read backwards, it gives NULLS FIRST, and for that order the planner, misled by its lower estimate, chose
it over this one.
"""

from django.db import migrations

INDEX = "portal_page_type_published"


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON wagtailcore_page (content_type_id, first_published_at DESC{nulls}, id DESC)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal_sites", "0007_page_depth_path_index")]

    operations = [migrations.RunPython(create, drop)]
