"""Search copies now come from syndication placements as well as Wagtail aliases.

The table holds derived data only (`manage.py rebuild_citizen_search` refills it), so it is recreated rather than
altered: its primary key changes from the alias page to an id.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal_sites", "0004_syndication"),
        ("search", "0002_promotions_and_query_log"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.DeleteModel(name="SearchCopy"),
        migrations.CreateModel(
            name="SearchCopy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "placement",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_copy",
                        to="portal_sites.placement",
                    ),
                ),
                (
                    "alias",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_copy",
                        to="wagtailcore.page",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="copies", to="search.searchentry"
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.site"
                    ),
                ),
            ],
            options={
                "verbose_name": "bản đăng lại",
                "verbose_name_plural": "bản đăng lại",
                "indexes": [models.Index(fields=["site", "entry"], name="search_sear_site_id_c7feae_idx")],
            },
        ),
    ]
