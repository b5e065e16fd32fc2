"""A (site, page id) index on the entries: a site's newest matches of a common word are found by walking its own
entries backwards instead of every site's (search/backends/sql.py: PostgresEngine.bounded). It replaces the index
on the site alone, which it serves as well; it is created before that one is dropped."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0007_title_index"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["site", "page"], name="search_entry_site_newest"),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="site",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="trang",
            ),
        ),
    ]
