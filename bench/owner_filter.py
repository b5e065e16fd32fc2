"""The explorer's "Chủ sở hữu" filter at scale: the index probe per member of staff beside the scan it replaced.

    .venv/bin/python bench/owner_filter.py pagecache_spike     # any PostgreSQL database built by a bench

Runs against an existing database beside BENCH_POSTGRES_URL's server. If it has fewer than 100 staff, it adds 500
(bench-owner-N) and makes each site's pages owned by three of them, as a portal's are; then it times, five times
each, the filter's query for a ward editor (Đống Đa) and for the whole portal, beside the peer: the distinct owners
of the site's pages, read from every page (what sites/explorer_filters.py did before migration 0006).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    os.environ["DATABASE_URL"] = f"{server.rsplit('/', 1)[0]}/{sys.argv[1]}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from wagtail.models import Page

    from sites.explorer_filters import _in, owners
    from sites.models import Unit

    call_command("migrate", verbosity=0)
    if get_user_model().objects.count() < 100:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
                "is_active, date_joined) SELECT '!', false, 'bench-owner-' || g, '', '', '', true, true, now() "
                "FROM generate_series(1, 500) g"
            )
            # Three owners per site: the site is the page's first 8 path characters (depth 2).
            cursor.execute(
                "UPDATE wagtailcore_page SET owner_id = (SELECT min(id) FROM auth_user WHERE username LIKE "
                "'bench-owner-%%') + (('x' || substr(md5(substr(path, 1, 8)), 1, 6))::bit(24)::int %% 142) * 3 "
                "+ id %% 3"
            )
            cursor.execute("ANALYZE")

    def scan(paths):
        pages = Page.objects.order_by()
        if paths is not None:
            pages = pages.filter(_in(paths))
        return get_user_model().objects.filter(pk__in=pages.values_list("owner_id", flat=True).distinct())

    ward = Unit.objects.get(code="00235")
    editor, _ = get_user_model().objects.get_or_create(username="bench-ward-editor")
    editor.groups.add(ward.roles.get(role="editor").group)
    operator, _ = get_user_model().objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True})
    print(f"{Page.objects.count():,} pages, {get_user_model().objects.count()} staff")
    for who, user, paths in (("ward editor", editor, [ward.site.root_page.path]), ("whole portal", operator, None)):
        request = RequestFactory().get("/")
        request.user = user
        for name, query, argument in (("scan (peer)", scan, paths), ("index probe", owners, request)):
            found = len(list(query(argument)))
            started = time.perf_counter()
            for _ in range(5):
                list(query(argument))
            print(f"{who:13} {name:12} {(time.perf_counter() - started) / 5 * 1000:8.1f} ms  {found} owners")


if __name__ == "__main__":
    main()
