"""BoardTask moves here from the `sites` app (label portal_sites) with its table and its rows.

State only: the table keeps its name (`Meta.db_table`), and the content type is relabelled so that Wagtail's
`Task.specific` and every permission and log entry pointing at it still find the model.
"""

import django.db.models.deletion
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal_sites", model="boardtask").update(app_label="boards")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="boards", model="boardtask").update(app_label="portal_sites")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal_sites", "0004_syndication"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BoardTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("reviewer", "Thành viên Ban Biên tập"), ("board_head", "Trưởng ban Biên tập")],
                                max_length=32,
                                unique=True,
                                verbose_name="vai trò duyệt",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "bước duyệt của Ban Biên tập",
                        "verbose_name_plural": "bước duyệt của Ban Biên tập",
                        "db_table": "portal_sites_boardtask",
                    },
                    bases=("wagtailcore.task",),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
