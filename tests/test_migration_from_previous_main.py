"""A portal set up by the main before the floor plan moved (230a33a) migrates forward with nothing lost.

The old code, taken from git, provisions the 142 sites, seeds the demo, subscribes a ward to a category and sends an
article to its board, on a database of its own (SQLite file, or a fresh PostgreSQL database when DATABASE_URL
points at PostgreSQL). Today's `migrate` then runs on that database, and today's models must find every page,
placement, subscription, search entry and the board's pending task as the old code left them.
"""

import json
import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

PREVIOUS_MAIN = "230a33a9fd8d3963874f42582db8ff32b7772583"

# Run by the old code once it has provisioned and seeded: what a running portal would have built up besides the demo.
OLD_ACTIVITY = """
from django.contrib.auth import get_user_model
from wagtail.models import Workflow
from home.models import ArticlePage, Category
from sites.models import Subscription, Unit

ward = Unit.objects.get(code="00235")
category, _ = Category.objects.get_or_create(name="Tin chỉ đạo, điều hành")
Subscription.objects.get_or_create(unit=ward, category=category)
article = ArticlePage.objects.filter(path__startswith=ward.site.root_page.path).first()
Workflow.objects.get(name="Ban Biên tập").start(article, get_user_model().objects.get(username="bientap.dongda"))
"""

# Run by each side: what it can see, as plain numbers and names, for the two to be compared.
INVENTORY = """
import json
from django.apps import apps
from wagtail.models import Page, TaskState

def model(*labels):
    for label in labels:
        try:
            return apps.get_model(label)
        except LookupError:
            pass

Placement = model("syndication.Placement", "portal_sites.Placement")
Subscription = model("syndication.Subscription", "portal_sites.Subscription")
SearchEntry, SearchCopy = model("search.SearchEntry"), model("search.SearchCopy")
print(json.dumps({
    "pages": Page.objects.count(),
    "live_pages": Page.objects.live().count(),
    "placements": sorted(Placement.objects.values_list("source_id", "target_unit__code", "state", "slug")),
    "subscriptions": sorted(Subscription.objects.values_list("unit__code", "category__name")),
    "search_entries": SearchEntry.objects.count(),
    "search_copies": SearchCopy.objects.count(),
    "pending_tasks": sorted(
        (state.task.specific.__class__.__name__, state.task.name, state.workflow_state.object_id)
        for state in TaskState.objects.filter(status="in_progress").select_related("workflow_state")
    ),
}, default=str))
"""


def previous_main_source(destination):
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", PREVIOUS_MAIN], capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError as error:
        pytest.fail(f"the previous main {PREVIOUS_MAIN[:7]} is not in this clone's history: {error.stderr!r}")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


@pytest.fixture
def database_url(tmp_path):
    """A database of the test's own: a fresh PostgreSQL database beside the suite's, else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'previous-main.sqlite3'}"
        return
    import psycopg

    name = f"portal_migration_{os.getpid()}"
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(source, database_url, *args):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "PYTHONPATH": str(source),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=source, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, (
        f"manage.py {args[0]} in {source} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done.stdout


def inventory(source, database_url):
    return json.loads(manage(source, database_url, "shell", "-c", INVENTORY).strip().splitlines()[-1])


def test_a_portal_set_up_by_the_previous_main_migrates_forward_with_nothing_lost(tmp_path, database_url):
    old = previous_main_source(tmp_path / "previous-main")
    manage(old, database_url, "migrate", "--noinput", "-v0")
    manage(old, database_url, "provision_sites")
    manage(old, database_url, "seed_demo")
    manage(old, database_url, "shell", "-c", OLD_ACTIVITY)
    before = inventory(old, database_url)
    assert before["placements"] and before["subscriptions"] and before["pending_tasks"], before

    manage(ROOT, database_url, "migrate", "--noinput", "-v0")
    after = inventory(ROOT, database_url)

    assert after == before
    assert [task[0] for task in after["pending_tasks"]] == ["BoardTask"], "the board's task must still be a BoardTask"
    assert after["pages"] > 142 * 10
