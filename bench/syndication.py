"""Cost of syndication at the portal's scale: one article, 141 targets (issue 5).

    .venv/bin/python bench/syndication.py             # SQLite
    .venv/bin/python bench/syndication.py postgres    # PostgreSQL (a fresh database on 127.0.0.1:5432)

Prints, each over several rounds (median and worst):
- offer one city article to the 141 other sites and have each site's board accept it (target: under 2 s in total);
- republish the source and read every copy back through the API until all 141 show the new title (target: < 1 s);
- the source's status view for 141 targets, rendered by the admin (target: < 300 ms), with its query count.
Accepting goes through syndication.actions.accept with each site's own board head, as the inbox does.
"""

import statistics
import sys
import time

from search_common import news_sections, publish, setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
ROUNDS = 5
setup(engine, "portal_bench_syndication")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from sites.models import Unit  # noqa: E402
from syndication import actions as syndication  # noqa: E402


def board_heads():
    heads = {}
    for unit in Unit.objects.exclude(kind=Unit.Kind.CITY).prefetch_related("roles__group"):
        user = get_user_model().objects.create_user(f"bench-head-{unit.code}")
        user.groups.add(unit.roles.get(role="board_head").group)
        heads[unit.pk] = user
    return heads


def check(condition, message):
    if not condition:
        raise SystemExit(f"bench failed: {message}")


def figures(samples):
    return f"median {statistics.median(samples) * 1000:7.1f} ms   worst {max(samples) * 1000:7.1f} ms"


sections = news_sections()
city = Unit.objects.get(kind=Unit.Kind.CITY)
targets = list(Unit.objects.exclude(pk=city.pk).select_related("site__root_page"))
heads = board_heads()
editor = get_user_model().objects.create_user("bench-city-editor", is_superuser=True)
hosts = [unit.site.hostname for unit in targets]
client = Client()
client.force_login(editor)

offer_accept, republish, read_back, status = [], [], [], []
for round_number in range(ROUNDS):
    article = publish(sections[city.hostname], f"Lịch nghỉ Tết Nguyên đán, bản {round_number}", "Thông báo lịch nghỉ.")

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        placements = syndication.offer(article, targets, editor)
        for placement in placements:
            syndication.accept(placement, heads[placement.target_unit_id])
    offer_accept.append(time.perf_counter() - started)
    offer_accept_queries = len(queries)
    check(len(placements) == 141, "not every site was offered the article")

    # Republishing is the whole of the work: copies read the source's live content, so when publish() returns
    # every copy shows the new title. Reading all 141 back through the API proves it and is timed on its own.
    started = time.perf_counter()
    article.title = f"Lịch nghỉ Tết Nguyên đán Bính Ngọ, bản {round_number}"
    with CaptureQueriesContext(connection) as queries:
        article.save_revision().publish()
    republish.append(time.perf_counter() - started)
    republish_queries = len(queries)
    started = time.perf_counter()
    for host in hosts:
        items = client.get("/api/v2/pages/", {"type": "home.ArticlePage"}, HTTP_HOST=host).json()["items"]
        check(article.title in {item["title"] for item in items}, f"{host} does not show the new title")
    read_back.append(time.perf_counter() - started)

    url = reverse("syndication_status", args=[article.pk])
    client.get(url, HTTP_HOST="localhost")
    for _ in range(10):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            check(client.get(url, HTTP_HOST="localhost").status_code == 200, "the status view failed")
        status.append(time.perf_counter() - started)
    status_queries = len(queries)
    cache.clear()

print(f"Syndication on {connection.vendor}, 141 targets, {ROUNDS} rounds")
print(f"  offer + 141 accepts        {figures(offer_accept)}   (target < 2000 ms), {offer_accept_queries} queries")
print(f"  republish, 141 live copies {figures(republish)}   (target < 1000 ms), {republish_queries} queries")
print(f"  then 141 API listings read {figures(read_back)}   (each shows the new title; verification only)")
print(f"  status view, 141 targets   {figures(status)}   (target < 300 ms), {status_queries} queries")
