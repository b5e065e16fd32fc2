"""Wagtail's work after a publish waits for the task worker instead of holding up the editor's request.

With PORTAL_TASKS=database (production and `./portal up`) a publish only queues Wagtail's follow-up work: where each
image is used (the reference index behind "Sử dụng" and the warning before deleting an image) and the admin's own
search index. `manage.py db_worker` does it; until then the admin simply does not know yet.
"""

import os
import subprocess
import sys

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.test import override_settings

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ReferenceIndex

from cms.settings.base import task_settings
from home.models import ArticlePage, SectionPage

from .conftest import DONG_DA
from .servers import ROOT

pytestmark = pytest.mark.django_db

DATABASE, IMMEDIATE = "django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"
TITLE = "Phường Đống Đa ra quân tổng vệ sinh môi trường"


@pytest.fixture
def worker(monkeypatch):
    """Tasks go to the database queue, as in production, instead of running inline as the test settings do;
    worker() is one pass of `manage.py db_worker`: everything queued, then exit."""
    # Between tasks the worker closes stale connections, as a request does. Inside the test's transaction that
    # would close the very connection holding the test's data (on PostgreSQL; SQLite in memory ignores it).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS=task_settings("database")):
        yield lambda: call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


def publish_article_with_photo(unit):
    photo = Image.objects.create(title="Lễ ra quân", file=get_test_image_file(), collection=unit.collection)
    news = SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")
    article = news.add_child(
        instance=ArticlePage(title=TITLE, author="Minh Châu", source_agency="UBND phường Đống Đa", hero_image=photo)
    )
    article.save_revision().publish()
    return article, photo


def pages_using(image):
    return {reference.object_id for reference in ReferenceIndex.get_references_to(image)}


def queued_reference_updates_for(page):
    return [
        task
        for task in DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
        if task.args_kwargs["args"] == ["home", "articlepage", str(page.pk)]
    ]


def test_the_photo_of_a_published_article_shows_its_use_only_after_the_worker_ran(unit, worker):
    article, photo = publish_article_with_photo(unit(DONG_DA))

    assert pages_using(photo) == set(), "the publish itself did not index the article's references"
    queued = queued_reference_updates_for(article)
    assert queued and {task.status for task in queued} == {"READY"}

    worker()

    assert pages_using(photo) == {str(article.pk)}
    assert {task.status for task in queued_reference_updates_for(article)} == {"SUCCESSFUL"}
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists(), "every queued task ran and succeeded"


def test_the_admin_search_finds_a_new_article_once_the_worker_has_indexed_it(unit, worker):
    article, _ = publish_article_with_photo(unit(DONG_DA))
    assert list(ArticlePage.objects.search("tổng vệ sinh")) == []

    worker()

    assert list(ArticlePage.objects.search("tổng vệ sinh")) == [article]


def test_without_a_worker_the_test_settings_still_do_the_work_inside_the_publish(unit):
    article, photo = publish_article_with_photo(unit(DONG_DA))

    assert pages_using(photo) == {str(article.pk)}
    assert not DBTaskResult.objects.exists()


def settings_in(module, **environ):
    """The task backend a fresh process of `module` settings chooses, or its error, with PORTAL_TASKS as given."""
    env = {key: value for key, value in os.environ.items() if key != "PORTAL_TASKS"}
    env.update(DJANGO_SETTINGS_MODULE=module, **environ)
    code = "import django; django.setup(); from django.conf import settings; print(settings.TASKS['default'])"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def test_the_portal_queues_tasks_for_a_worker_unless_told_to_run_them_inline():
    assert settings_in("cms.settings.dev") == str({"BACKEND": DATABASE})
    assert settings_in("cms.settings.dev", PORTAL_TASKS="immediate") == str({"BACKEND": IMMEDIATE})
    assert settings_in("cms.settings.test") == str({"BACKEND": IMMEDIATE})
    mistyped = settings_in("cms.settings.dev", PORTAL_TASKS="databse")
    assert mistyped.endswith("ImproperlyConfigured: PORTAL_TASKS must be one of database, immediate, not 'databse'.")
