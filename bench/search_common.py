"""What the search benches share: a fresh database with the 142 sites, and publishing pages into it."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(engine, name):
    """A fresh, migrated, provisioned database (SQLite file or PostgreSQL) with Django set up."""
    from bench._database import fresh_database_url

    # BENCH_DATABASE_NAME: another name, so that two checkouts can run the bench on one server at once.
    os.environ["DATABASE_URL"] = fresh_database_url(engine, os.environ.get("BENCH_DATABASE_NAME", name))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("provision_sites", verbosity=0)


def news_sections():
    """hostname -> the news section of that site, for every site."""
    from home.models import SectionPage
    from sites.models import Unit

    sections = {}
    for unit in Unit.objects.select_related("site__root_page").order_by("sort_order"):
        sections[unit.hostname] = SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")
    return sections


def publish(section, title, body, **fields):
    from home.models import ArticlePage

    page = section.add_child(
        instance=ArticlePage(
            title=title,
            summary="",
            body=[("paragraph", f"<p>{body}</p>")],
            author="Ban Biên tập",
            source_agency="Ủy ban nhân dân",
            **fields,
        )
    )
    page.save_revision().publish()
    return page
