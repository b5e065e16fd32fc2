"""The admin's page search on a database built by bench/scale.py, in process: Wagtail's search view and the portal's
(search/admin_search.py, bounded by the user's sites) side by side, as Đống Đa's editor, a small ward's editor and a
superuser, in one run, with the SQL time and query count of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_50k .venv/bin/python bench/admin_page_search.py

It adds a superuser and an editor of Ba Đình to the bench database if they are missing (a bench database's own).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.cache import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.admin.views.pages.search import SearchView  # noqa: E402

from search.admin_search import OwnSitesSearchView  # noqa: E402
from sites.models import Unit  # noqa: E402

QUERIES = ("vệ sinh môi trường", "phường")
RUNS, WARMUPS = 10, 2
User = get_user_model()


def small_ward_editor():
    user, _ = User.objects.get_or_create(username="bench.bientap.badinh")
    user.groups.add(Unit.objects.get(code="00004").roles.get(role="editor").group)
    return user


def users():
    superuser, _ = User.objects.get_or_create(username="bench.superuser", defaults={"is_superuser": True})
    return {"Đống Đa editor": User.objects.get(username="bientap.dongda"), "Ba Đình editor": small_ward_editor(),
            "superuser": superuser}  # fmt: skip


def search(view, user, query):
    request = RequestFactory().get("/admin/pages/search/results/", {"q": query})
    request.user = User.objects.get(pk=user.pk)  # nothing cached on the user from the run before
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    view(request).render()


def main():
    views = {"Wagtail": SearchView.as_view(results_only=True), "portal": OwnSitesSearchView.as_view(results_only=True)}
    people = users()
    for query in QUERIES:
        for name, user in people.items():
            for label, view in views.items():
                times, sql = [], []
                for run in range(WARMUPS + RUNS):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        search(view, user, query)
                        elapsed = (time.perf_counter() - started) * 1000
                    if run >= WARMUPS:
                        times.append(elapsed)
                        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
                print(
                    f"{query!r:22} {name:15} {label:8} p50 {statistics.median(times):6.0f} ms"
                    f"  SQL {statistics.median(sql):5.0f} ms, {len(queries.captured_queries)} queries",
                    flush=True,
                )


if __name__ == "__main__":
    main()
