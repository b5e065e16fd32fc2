"""Placement now lives in the syndication app; its table is the same, so only the migration state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_copies_of_placements"),
        ("syndication", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchcopy",
                    name="placement",
                    field=models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_copy",
                        to="syndication.placement",
                    ),
                ),
            ],
        ),
    ]
