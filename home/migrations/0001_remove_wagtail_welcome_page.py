"""Remove the placeholder page and site Wagtail installs; provisioning creates every real site."""

from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(root_page__slug="home", root_page__depth=2, root_page__content_type__model="page").delete()
    Page.objects.filter(slug="home", depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.objects.filter(depth=1).first()
    if root:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0001_initial"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
