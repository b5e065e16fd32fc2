"""Remove the groups and workflow Wagtail installs by default.

Its "Editors" and "Moderators" groups hold page permissions on the whole tree, and its "Moderators approval"
workflow would send every site's pages to one city-wide group. Every site has its own board here instead.
"""

from django.db import migrations


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name="Moderators approval").delete()
    Task.objects.filter(name="Moderators approval").delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], site_role__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal_sites", "0002_board_tasks"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
