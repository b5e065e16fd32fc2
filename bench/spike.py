"""A news spike: 200 citizens at once on five sites, with the page cache off (the peer) and on, while an editor
publishes, and while PostgreSQL restarts (issues #20 and #15 item 5).

    .venv/bin/python bench/spike.py --pages 3000                    # build pagecache_spike, run every scenario
    .venv/bin/python bench/spike.py --reuse pagecache_spike         # the same database again, no rebuild
    .venv/bin/python bench/spike.py --reuse pagecache_spike --seconds 30 --connections 200
    .venv/bin/python bench/spike.py --reuse scale_1m                # the million pages of bench/scale.py

PostgreSQL (BENCH_POSTGRES_URL's server), Redis db 15 (REDIS_URL, keys under a prefix of this bench only), gunicorn
with 5 workers, DEBUG off, all on loopback; wrk drives it (apt-get install wrk) with a Lua script that picks each
request at random from the mix: five sites (the city, a department, three wards) × home, news section, an
article, RSS, the pages API, a popular citizen search. Scenarios:

  (a) cache off        PORTAL_PAGE_CACHE=0: every page, feed and search rendered (the API keeps its own cache)
  (b) cache on, warm   every URL of the mix requested once first
  (c) publishing       (b) while an editor publishes an article on Đống Đa every 5 s; after each publish the
                       ward's home and news are requested once and must show it
  (d) db restart       (b) while `pg_ctlcluster 15 main restart` runs in the middle, and a citizen searches words
                       nobody searched before (a cache miss and a search log row each): seconds from the database
                       being back to the portal answering such a search, and accepted searches whose row is missing

The database is built once (provision, then `import_content` of generated lines, most of them on the five sites)
and kept: --reuse NAME skips the build.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._api_server import forget_cache, free_port  # noqa: E402
from bench.import_content import sample_records, write_jsonl  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/15"
CACHE_PREFIX = "pagecache-spike"
SITES = ("01", "S03", "00235", "00166", "00070")  # the city, Sở Tài chính, Đống Đa, Cầu Giấy, Hoàn Kiếm
PUBLISH_ON = "00235"
POPULAR_QUERY = "chuyển đổi số"
LUA = """
local targets = {%(targets)s}
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end
request = function()
  local target = targets[math.random(#targets)]
  return wrk.format("GET", target[2], {Host = target[1]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p95_ms": %%f, "max_ms": %%f, '
    .. '"http_errors": %%d, "socket_errors": %%d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def setup_django(database_url):
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.api_settings",
        REDIS_URL=REDIS_URL,
        PORTAL_CACHE_PREFIX=CACHE_PREFIX,
        PORTAL_TASKS="immediate",
    )
    import django

    django.setup()


def database_exists(server, name):
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def build(pages):
    """Provision the 142 sites and import `pages` generated lines, four in five of them on the bench's sites."""
    from django.core.management import call_command

    from provisioning.sites import provision
    from sites.catalogue import load_catalogue
    from sites.models import Unit

    call_command("migrate", verbosity=0)
    provision(load_catalogue())
    units = list(Unit.objects.order_by("pk"))
    # The five sites together weigh four times the 137 others.
    weights = [4 * 137 / 5 if unit.code in SITES else 1 for unit in units]
    path = Path(tempfile.mkdtemp(prefix="spike-")) / "import.jsonl"
    write_jsonl(path, sample_records([(unit.label, unit.display_name) for unit in units], pages, weights=weights))
    started = time.perf_counter()
    call_command("import_content", str(path), verbosity=0)
    took = time.perf_counter() - started
    print(f"built: {pages:,} lines imported in {took:.0f} s ({pages / took:.0f} pages/s)")


def mix():
    """(host, path) of every request in the mix; the article is each site's latest in its news section."""
    from home.models import ArticlePage, SectionPage
    from sites.models import Unit

    targets = []
    for unit in Unit.objects.select_related("site__root_page").filter(code__in=SITES):
        host, root = unit.site.hostname, unit.site.root_page
        news = SectionPage.objects.child_of(root).get(section_key="news")
        latest = ArticlePage.objects.live().child_of(news).order_by("-first_published_at").first()
        api = "/api/v2/pages/?" + urlencode({"type": "home.ArticlePage", "limit": 10, "fields": "summary"})
        paths = ["/", news.relative_url(unit.site), "/rss.xml", api, "/tim-kiem/?q=" + quote(POPULAR_QUERY)]
        if latest:
            paths.append(latest.relative_url(unit.site))
        targets += [(host, path) for path in paths]
    return targets


def get(port, host, path, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def start_gunicorn(database_url, page_cache, log):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORTAL_PAGE_CACHE": "1" if page_cache else "0",
        "PORTAL_SITE_PORT": str(port),
        "DJANGO_DEBUG": "0",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="spike-static-"),  # no collectstatic: nothing static in the mix
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "cms.wsgi", "-w", "5", "-b", f"127.0.0.1:{port}", "--log-level", "error"],
        cwd=ROOT,
        env=env,
        stderr=log,  # the restart's database errors, kept out of the table
    )
    for _ in range(150):
        if get(port, "localhost", "/healthz", timeout=2)[0] == 200:
            return server, port
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(port, targets, seconds, connections):
    lua = LUA % {"targets": ", ".join(f"{{{json.dumps(h)}, {json.dumps(p)}}}" for h, p in targets)}
    script = Path(tempfile.mkdtemp(prefix="spike-")) / "mix.lua"
    script.write_text(lua)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "15s", "-s", str(script)]
    output = subprocess.run([*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def in_background(function, *args):
    box = {}
    thread = threading.Thread(target=lambda: box.update(result=function(*args)))
    thread.start()
    return thread, box


def publish_every_5_seconds(port, stop):
    """An editor publishes on Đống Đa; the ward's home and news must show the article on the next request."""
    from home.models import ArticlePage, SectionPage
    from sites.models import Unit

    unit = Unit.objects.select_related("site__root_page").get(code=PUBLISH_ON)
    news = SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")
    news_path = news.relative_url(unit.site)
    checks = []
    while not stop.is_set():
        title = f"Tin nóng số {random.randrange(10**9)}"  # noqa: S311
        started = time.perf_counter()
        page = ArticlePage(title=title, summary="Tin cập nhật.", author="Biên tập viên", source_agency="UBND")
        news.add_child(instance=page)
        page.save_revision().publish()
        published = time.perf_counter() - started
        seen = [title in get(port, unit.site.hostname, path)[1] for path in ("/", news_path)]
        checks.append((published, all(seen)))
        stop.wait(max(0.0, 5 - (time.perf_counter() - started)))
    return checks


def restart_database_in_the_middle(port, seconds):
    """Unique searches go on all along (each a cache miss and a row); PostgreSQL restarts at half time. They go on
    after the load until the portal has answered one again (30 s at most)."""
    from django.db import connection

    from search.models import SearchQueryDay
    from search.text import query_key

    times = {}

    def restart():
        time.sleep(seconds / 2)
        times["restarted"] = time.monotonic()
        subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True, capture_output=True)
        times["back"] = time.monotonic()

    restarter = threading.Thread(target=restart)
    restarter.start()
    accepted, run, number = [], random.randrange(10**6), 0  # noqa: S311
    deadline, recovered = time.monotonic() + seconds, None
    while time.monotonic() < deadline or (recovered is None and time.monotonic() < times.get("back", 0) + 30):
        number += 1
        words = f"kiemtra{run}x{number}"
        status, _body = get(port, "dongda.localhost", "/tim-kiem/?q=" + words, timeout=5)
        if status == 200:
            accepted.append(words)
            if "back" in times and recovered is None:
                recovered = max(0.0, time.monotonic() - times["back"])
        time.sleep(0.05)
    restarter.join()
    connection.close()  # ours died with the restart
    keys = [query_key(words) for words in accepted]
    found = set(SearchQueryDay.objects.filter(query_folded__in=keys).values_list("query_folded", flat=True))
    return {
        "restart_s": round(times["back"] - times["restarted"], 2),
        "recovery_s": round(recovered, 2) if recovered is not None else "no answer in 30",
        "accepted_writes": len(accepted),
        "lost_writes": len(set(keys) - found),
    }


def row(name, result, extra=""):
    print(
        f"{name:22} {result['rps']:8.0f} {result['p50_ms']:8.1f} {result['p95_ms']:8.1f} {result['max_ms']:8.0f} "
        f"{result['http_errors'] + result['socket_errors']:7d}  {extra}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=3000, help="import lines when building")
    parser.add_argument(
        "--reuse", metavar="NAME", help="an existing database built by this bench, or by bench/scale.py --keep"
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=200)
    args = parser.parse_args()

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = args.reuse or "pagecache_spike"
    if not name.startswith("pagecache") and not (args.reuse and name.startswith("scale")):
        raise SystemExit("this bench builds databases named pagecache… and reuses those or scale… (bench/scale.py)")
    database_url = f"{server.rsplit('/', 1)[0]}/{name}"
    reuse = args.reuse and database_exists(server, name)
    if not reuse:
        from bench._database import fresh_database_url

        database_url = fresh_database_url("postgres", name)
    setup_django(database_url)
    if not reuse:
        build(args.pages)

    from wagtail.models import Page

    targets = mix()
    print(
        f"{Page.objects.count():,} pages; {len(targets)} URLs in the mix; {args.connections} clients, "
        f"{args.seconds} s per scenario; gunicorn 5 workers, PostgreSQL, Redis db 15, DEBUG off"
    )
    print(f"{'scenario':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")

    log = tempfile.NamedTemporaryFile(prefix="spike-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    forget_cache(REDIS_URL, CACHE_PREFIX)
    gunicorn, port = start_gunicorn(database_url, page_cache=False, log=log)
    try:
        row("(a) cache off", wrk(port, targets, args.seconds, args.connections))
    finally:
        gunicorn.terminate()
        gunicorn.wait()

    forget_cache(REDIS_URL, CACHE_PREFIX)
    gunicorn, port = start_gunicorn(database_url, page_cache=True, log=log)
    try:
        for host, path in targets:
            get(port, host, path)
        row("(b) cache on, warm", wrk(port, targets, args.seconds, args.connections))

        stop = threading.Event()
        thread, box = in_background(publish_every_5_seconds, port, stop)
        result = wrk(port, targets, args.seconds, args.connections)
        stop.set()
        thread.join()
        checks = box["result"]
        visible = sum(seen for _took, seen in checks)
        slowest = max(took for took, _seen in checks)
        row(
            "(c) publishing", result, f"{visible}/{len(checks)} publishes visible next request; slowest {slowest:.2f} s"
        )

        thread, box = in_background(restart_database_in_the_middle, port, args.seconds)
        result = wrk(port, targets, args.seconds, args.connections)
        thread.join()
        outcome = box["result"]
        row(
            "(d) db restart",
            result,
            f"restart took {outcome['restart_s']} s; a search answered again {outcome['recovery_s']} s after it; "
            f"{outcome['lost_writes']} of {outcome['accepted_writes']} accepted writes lost",
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait()
    print(f"gunicorn's log (the errors while the database restarted): {log.name}")


if __name__ == "__main__":
    main()
