"""Board tasks move to the `boards` app and syndication's models to the `syndication` app (state only).

Their tables and rows stay where they are (each model names its table in `Meta.db_table`); this migration only
takes them out of this app's state, after the new apps have taken them in and search points at the new Placement.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0001_initial"),
        ("portal_sites", "0004_syndication"),
        ("search", "0004_placements_in_syndication"),
        ("syndication", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BoardTask"),
                migrations.DeleteModel(name="Placement"),
                migrations.DeleteModel(name="Subscription"),
            ],
        ),
        migrations.AlterField(
            model_name="siterole",
            name="role",
            field=models.CharField(
                choices=[
                    ("editor", "Biên tập viên"),
                    ("reviewer", "Thành viên Ban Biên tập"),
                    ("board_head", "Trưởng ban Biên tập"),
                    ("site_admin", "Quản trị trang"),
                    ("operator", "Đơn vị vận hành Cổng"),
                ],
                max_length=32,
            ),
        ),
    ]
