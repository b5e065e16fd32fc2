"""The portal at scale: N pages over the 142 sites, measured as a ward editor and as a citizen, through gunicorn.

    .venv/bin/python bench/scale.py sqlite --pages 3000                       # a quick run, built and dropped
    .venv/bin/python bench/scale.py postgres --pages 200000 --keep scale_200k # build once (BENCH_POSTGRES_URL) ...
    .venv/bin/python bench/scale.py postgres --reuse scale_200k               # ... and measure it again

Building: the 142 sites provisioned, then a JSON Lines file imported with `manage.py import_content` (the way
content comes in), skewed as a real portal is: Đống Đa's, the city's, Cầu Giấy's and Hoàn Kiếm's news sections get
15% of the pages each, at most 32,000 (or --big each, as long as 20% is left); the rest is spread over every site
(the city and departments weigh more than a ward) and every section by page type. `--pages 40000 --big 30000`
gives one 30,000-item section quickly. Build time and pages/s are printed.

Measuring: gunicorn (3 workers, Redis cache when REDIS_URL is set), each row requested 2 times to warm up then
20 times, p50 and p95 in ms beside its target: admin views as Đống Đa's editor (a site-role member who signs in
through the login form and passes the second factor with the code of their authenticator device; the board head
publishes), public pages, feeds, sitemap, API (uncached: a cache-busting `_` parameter, as bench/api_load.py) and
citizen search as an anonymous citizen. Đống Đa shows 8 of the city's news items as copies (accepted by its board
before the first measure), as wards do. Then write paths timed once (offering an article to the 141 other sites,
re-running provision_sites) and each gunicorn worker's memory (RSS).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_content import sample_records, write_jsonl  # noqa: E402
from tests.servers import free_port, start_gunicorn, stop  # noqa: E402

WARD = "00235"  # Đống Đa: its editor and board head are the bench's users, its news the big section measured
BIG_UNITS = ("00235", "01", "00166", "00070")  # Đống Đa, the city, Cầu Giấy, Hoàn Kiếm: filled in this order
BIG_SHARE, BIG_MAX = 0.15, 32_000
REST_SHARE = 0.2  # at least this much of the pages go to every site and section
EDITOR, BOARD_HEAD = "bientap.dongda", "truongban.dongda"  # named as provisioning's demo accounts
PASSWORD = "mat-khau-do-tai"  # noqa: S105 - a bench database's own accounts
REPEATS, WORKERS = 20, 3
# Two warm-ups for each gunicorn worker: a worker's first request of a kind loads its code and templates, and two
# warm-ups in all could leave one worker cold. (The rendered RSS feed's p95 of 238 ms against a p50 of 54, which
# this was first meant to explain, was the collector's pauses: cms/wsgi.py.)
WARMUPS = 2 * WORKERS
COPIES = 8  # city news items Đống Đa shows as copies
TARGETS = {"admin": 1000, "public": 200, "api": 200, "rare": 50, "common": 200, "phrase": 300, "publish": 500}


# ------------------------------------------------------------------------------------------------------------ build


def database_url(engine, name, fresh):
    """The bench database `name`: a file in var/bench/ for SQLite, a database beside BENCH_POSTGRES_URL's."""
    if engine == "sqlite":
        path = ROOT / "var" / "bench" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if fresh:
        import psycopg

        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
    return f"{server.rsplit('/', 1)[0]}/{name}"


def drop_database(engine, name):
    if engine == "sqlite":
        (ROOT / "var" / "bench" / f"{name}.sqlite3").unlink(missing_ok=True)
        return
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def skewed_records(units, pages, big):
    """The import lines: `big` articles in each big news section while they leave the rest its share, then the
    rest over every unit, weighted."""
    first = 0
    for seed, code in enumerate(BIG_UNITS):
        if first + big > pages * (1 - REST_SHARE):
            break
        yield from sample_records([units[code]], big, seed=seed, first=first, kinds=["article"])
        first += big
    everyone = list(units.values())
    weights = [4 if code == "01" else 2 if code.startswith("S") else 1 for code in units]
    yield from sample_records(everyone, pages - first, seed=99, weights=weights, first=first)


def build(env, pages, big):
    """Migrate, provision, import `pages` lines, then let the task worker build Wagtail's admin search index the
    import queued (as in production); returns the seconds each took."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "provision_sites", "-v0")
    django_setup(env)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.contrib.auth import get_user_model

    from sites.models import Unit

    ward = Unit.objects.get(code=WARD)
    for username, role in ((EDITOR, "editor"), (BOARD_HEAD, "board_head")):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        user.groups.add(ward.roles.get(role=role).group)
        TOTPDevice.objects.create(user=user, name="Điện thoại đo tải", confirmed=True)  # enrolled: asked for a code
    units = {unit.code: (unit.label, unit.display_name) for unit in Unit.objects.order_by("code")}
    path = Path(tempfile.mkdtemp(prefix="scale-")) / "pages.jsonl"
    write_jsonl(path, skewed_records(units, pages, big))
    started = time.perf_counter()
    manage(env, "import_content", str(path), "-v0", tasks="database")
    seconds = time.perf_counter() - started
    path.unlink()
    started = time.perf_counter()
    manage(
        env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*", "-v0", tasks="database"
    )
    worker_seconds = time.perf_counter() - started
    # The admin index the worker wrote, vacuumed and analysed as `import_content` leaves the rest (its comment says
    # why): without statistics PostgreSQL believed a few dozen pages existed and the page chooser's search took
    # 1.3 s instead of 14 ms.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return seconds, worker_seconds


def manage(env, *command, tasks="immediate"):
    # Provisioning's index updates run inline; the import queues its own for the worker and gunicorn queues them,
    # as in production.
    env = {**env, "PORTAL_TASKS": tasks}
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def django_setup(env):
    os.environ.update(env)
    import django

    django.setup()


# ---------------------------------------------------------------------------------------------------------- measure


def sign_in(base, username):
    """A session signed in through the admin's login form and its second-factor step, as a person would."""
    session = requests.Session()
    form = session.get(f"{base}/admin/login/")
    response = session.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": csrf(form.text), "username": username, "password": PASSWORD, "next": "/admin/"},
    )
    if "/admin/login/" in response.url:
        raise SystemExit(f"{username} could not sign in")
    response = session.post(
        response.url, data={"csrfmiddlewaretoken": csrf(response.text), "code": authenticator_code(username)}
    )
    dashboard = session.get(f"{base}/admin/", allow_redirects=False)
    if dashboard.status_code != 200:
        raise SystemExit(f"{username} did not pass the second factor ({dashboard.status_code})")
    return session


def authenticator_code(username):
    """What the user's authenticator app shows, for a time step the portal has not taken yet (it refuses a code
    twice): the current step or a later one, waiting until the portal's tolerance of one step accepts it."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    step = max(int(time.time()) // device.step, device.last_t + 1)
    while step > int(time.time()) // device.step + device.tolerance:
        time.sleep(1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = step * device.step
    return f"{totp.token():0{device.digits}d}"


def csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def timed(call, repeats=REPEATS, warmups=WARMUPS):
    """p50 and p95 in ms of `call` (which returns a response or None), after the warm-ups; any redirect or error
    stops the bench, as a sign-in that did not hold would otherwise be timed as a fast redirect."""
    for _ in range(warmups):
        call(0)
    times = []
    for number in range(repeats):
        started = time.perf_counter()
        response = call(number + warmups)
        times.append((time.perf_counter() - started) * 1000)
        if response is not None and response.status_code >= 300:
            raise SystemExit(f"{response.request.url} answered {response.status_code}")
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def accept_city_copies(ward):
    """The ward's board takes the city's COPIES newest news items into its news, as wards do (once per database):
    every row about the ward then measures a site that shows copies beside its own pages."""
    from django.contrib.auth import get_user_model

    from home.models import ArticlePage, SectionPage
    from sites.models import Unit
    from syndication import actions as syndication
    from syndication.models import Placement

    if Placement.objects.filter(target_unit=ward, state=Placement.State.ACCEPTED).exists():
        return
    city = Unit.objects.select_related("site__root_page").get(code="01")
    city_news = SectionPage.objects.child_of(city.site.root_page).get(section_key="news")
    head = get_user_model().objects.get(username=BOARD_HEAD)
    for source in ArticlePage.objects.live().child_of(city_news).order_by("-first_published_at")[:COPIES]:
        syndication.accept(syndication.offer(source, [ward], None)[0], head)


def facts():
    """What the rows ask for: the ward's big section, one of its articles, ids for the admin's views."""
    from django.db.models import Max

    from home.models import ArticlePage, SectionPage
    from sites.models import Unit

    ward = Unit.objects.select_related("site__root_page").get(code=WARD)
    accept_city_copies(ward)
    news = SectionPage.objects.child_of(ward.site.root_page).get(section_key="news")
    articles = ArticlePage.objects.live().child_of(news)
    newest = articles.order_by("-first_published_at").first()
    children = news.get_children().count()
    return {
        "ward": ward,
        "news": news,
        "children": children,
        "article": newest,
        "publishable": list(articles.order_by("pk").values_list("pk", flat=True)[: WARMUPS + REPEATS]),
        "deep_explorer": max(1, children // 50 - 1),
        "deep_listing": max(1, children // 50 - 1),
        "deep_offset": max(0, children - 40),
        "pages": ArticlePage.objects.aggregate(Max("pk"))["pk__max"],
    }


def rows(base, f, editor, head, citizen):
    """(group, label, target ms, call) for every measured request."""
    host = f"{f['ward'].site.hostname}:{f['ward'].site.port}"
    news, article = f["news"], f["article"]
    section = news.url_path.split("/", 2)[2]

    def admin(path, session=editor):
        return lambda n: session.get(f"{base}{path}", allow_redirects=False)

    def public(path, bust=False):
        def call(n):
            url = f"{base}{path}"
            if bust:
                url += f"{'&' if '?' in path else '?'}_={n}-{time.monotonic_ns()}"
            return citizen.get(url, headers={"Host": host}, allow_redirects=False)

        return call

    def publish(n):
        page_id = f["publishable"][n]
        url = f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
        form = head.get(url)
        done = head.post(url, data={"csrfmiddlewaretoken": csrf(form.text)}, allow_redirects=False)
        if done.status_code != 302:
            raise SystemExit(f"publishing {page_id} answered {done.status_code}")

    listing = "/api/v2/pages/?type=home.ArticlePage&order=-first_published_at&limit=20&fields=summary,author,tags"
    search = "/admin/pages/search/?q=" + quote("vệ sinh môi trường")
    return [
        ("admin", "dashboard", "admin", admin("/admin/")),
        ("admin", f"explorer, {f['children']:,} children", "admin", admin(f"/admin/pages/{news.pk}/")),
        (
            "admin",
            f"explorer page {f['deep_explorer']}",
            "admin",
            admin(f"/admin/pages/{news.pk}/?p={f['deep_explorer']}"),
        ),
        ("admin", "explorer by title", "admin", admin(f"/admin/pages/{news.pk}/?ordering=title")),
        ("admin", "explorer by date", "admin", admin(f"/admin/pages/{news.pk}/?ordering=-latest_revision_created_at")),
        ("admin", "admin search", "admin", admin(search)),
        ("admin", "chooser browse", "admin", admin(f"/admin/choose-page/{news.pk}/")),
        ("admin", "chooser search", "admin", admin("/admin/choose-page/search/?q=" + quote("chuyển đổi số"))),
        ("admin", "edit view", "admin", admin(f"/admin/pages/{article.pk}/edit/")),
        ("admin", "publish one page (board head)", "publish", publish),
        ("admin", "board queue", "admin", admin("/admin/hang-cho-duyet/", head)),
        ("admin", "syndication status", "admin", admin(f"/admin/chia-se/trang/{article.pk}/")),
        ("admin", "syndication inbox (board head)", "admin", admin("/admin/bai-chia-se/", head)),
        ("public", "home", "public", public("/")),
        ("public", "section listing", "public", public(f"/{section}")),
        (
            "public",
            f"section listing page {f['deep_listing']}",
            "public",
            public(f"/{section}?trang={f['deep_listing']}"),
        ),
        ("public", "article", "public", public("/" + article.url_path.split("/", 2)[2])),
        ("public", "RSS", "public", public("/rss.xml")),
        ("public", "Atom, news section", "public", public(f"/{section}atom.xml")),
        ("public", "sitemap index", "public", public("/sitemap.xml")),
        ("public", "sitemap, news file 1", "public", public(f"/sitemap-{news.pk}-1.xml")),
        # The same pages rendered: a query parameter the page cache does not know makes every request a miss, the
        # cost of the first citizen to ask after a change.
        ("public", "home, rendered", "public", public("/", bust=True)),
        ("public", "section listing, rendered", "public", public(f"/{section}", bust=True)),
        (
            "public",
            f"section listing page {f['deep_listing']}, rendered",
            "public",
            public(f"/{section}?trang={f['deep_listing']}", bust=True),
        ),
        ("public", "article, rendered", "public", public("/" + article.url_path.split("/", 2)[2], bust=True)),
        ("public", "RSS, rendered", "public", public("/rss.xml", bust=True)),
        ("public", "sitemap, news file 1, rendered", "public", public(f"/sitemap-{news.pk}-1.xml", bust=True)),
        ("api", "pages listing", "api", public(listing, bust=True)),
        (
            "api",
            f"pages listing offset {f['deep_offset']:,}",
            "api",
            public(f"{listing}&offset={f['deep_offset']}", bust=True),
        ),
        (
            "api",
            "pages filtered (section, tag)",
            "api",
            public(f"{listing}&section=news&tag={quote('đô thị')}", bust=True),
        ),
        ("api", "page detail", "api", public(f"/api/v2/pages/{article.pk}/", bust=True)),
        # The generated texts repeat seven sentences: "biểu dương" is in 59% of the pages, "kết hôn" (a procedure's
        # name) in 1.5% of the portal and 118 of Đống Đa's 37,000 at a million: the rare word a citizen types.
        ("search", "rare word (kết hôn)", "rare", public("/tim-kiem/?q=" + quote("kết hôn"), bust=True)),
        ("search", "word in 59% (biểu dương)", "common", public("/tim-kiem/?q=" + quote("biểu dương"), bust=True)),
        ("search", "common word", "common", public("/tim-kiem/?q=" + quote("phường"), bust=True)),
        ("search", "phrase", "phrase", public("/tim-kiem/?q=" + quote('"chuyển đổi số"'), bust=True)),
        ("search", "all sites", "common", public("/tim-kiem/?site=all&q=" + quote("vệ sinh môi trường"), bust=True)),
    ]


def write_paths(env, f):
    """Seconds of the write paths timed once: an offer to the 141 other sites, a provision_sites re-run."""
    from django.contrib.auth import get_user_model

    from sites.models import Unit
    from syndication import actions as syndication

    others = list(Unit.objects.exclude(code=WARD))
    head = get_user_model().objects.get(username=BOARD_HEAD)
    started = time.perf_counter()
    syndication.offer(f["article"], others, head)
    offered = time.perf_counter() - started
    started = time.perf_counter()
    manage(env, "provision_sites", "-v0")
    return {"syndication offer to 141 sites": offered, "provision_sites re-run": time.perf_counter() - started}


def walk_in_chromium(base, f):
    """The ward editor's explorer (by date and by title) and page search, and a citizen's search on the ward's
    address, in Chromium, as screenshots to look at."""
    from playwright.sync_api import sync_playwright

    shots = ROOT / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    news = f["news"].pk
    code = authenticator_code(EDITOR)  # before Playwright's event loop, inside which Django refuses queries
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", EDITOR)
        page.fill("#id_password", PASSWORD)
        page.click("form.login-form button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/xac-thuc-hai-lop/"))
        page.fill("#id_code", code)
        page.click("form.login-form button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/(?!login|xac-thuc)"))
        for name, path in (
            ("explorer", f"/admin/pages/{news}/?ordering=-latest_revision_created_at"),
            ("explorer-by-title", f"/admin/pages/{news}/?ordering=title&p={f['deep_explorer']}"),
            ("search", "/admin/pages/search/?q=" + quote("vệ sinh môi trường")),
            ("chooser-search", "/admin/choose-page/search/?q=" + quote("chuyển đổi số")),
        ):
            started = time.perf_counter()
            page.goto(f"{base}{path}")
            seconds = time.perf_counter() - started
            page.screenshot(path=shots / f"scale-{name}.png", full_page=False)
            print(f"chromium {name:38} {seconds * 1000:8.0f} ms  var/screenshots/scale-{name}.png")
        # A citizen on the ward's own address, on a phone: the search page at this size.
        ward = f"http://{f['ward'].site.hostname}:{f['ward'].site.port}"
        citizen = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
        for name, query in (("citizen-search-rare", "kết hôn"), ("citizen-search-common", "phường")):
            started = time.perf_counter()
            citizen.goto(f"{ward}/tim-kiem/?q={quote(query)}")
            seconds = time.perf_counter() - started
            citizen.screenshot(path=shots / f"scale-{name}.png", full_page=False)
            print(f"chromium {name:38} {seconds * 1000:8.0f} ms  var/screenshots/scale-{name}.png")
        browser.close()


def worker_memory(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) // 1024)
    return sizes


def measure(env, engine, port, label, browse):
    django_setup(env)
    f = facts()
    if browse:
        manage(env, "collectstatic", "--noinput", "-v0")  # the admin's styles, served by WhiteNoise with DEBUG off
    server = start_gunicorn(env, port, workers=WORKERS)
    base = f"http://127.0.0.1:{port}"
    try:
        editor, head, citizen = sign_in(base, EDITOR), sign_in(base, BOARD_HEAD), requests.Session()
        print(f"\n{label}: {engine}, gunicorn {WORKERS} workers, p50/p95 of {REPEATS} after {WARMUPS} warm-ups")
        print(f"{'':8} {'request':38} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}")
        for group, name, target, call in rows(base, f, editor, head, citizen):
            p50, p95 = timed(call)
            flag = "" if p95 <= TARGETS[target] else "  over"
            print(f"{group:8} {name:38} {p50:8.0f} {p95:8.0f} {'≤' + str(TARGETS[target]):>8}{flag}", flush=True)
        memory = worker_memory(server)
        if browse:
            walk_in_chromium(base, f)
    finally:
        stop(server)
    for name, seconds in write_paths(env, f).items():
        print(f"{'write':8} {name:38} {seconds * 1000:8.0f} ms (once)")
    print(f"memory per gunicorn worker: {', '.join(f'{size} MB' for size in memory)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", nargs="?", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--big", type=int, help="articles per big news section (default: 15%% of --pages, ≤ 32,000)")
    parser.add_argument("--keep", metavar="NAME", help="build into this database and keep it (name starts scale)")
    parser.add_argument("--reuse", metavar="NAME", help="measure a database built before with --keep")
    parser.add_argument("--browse", action="store_true", help="walk the editor's explorer and search in Chromium")
    args = parser.parse_args()
    name = args.reuse or args.keep or "scale_run"
    if not name.startswith("scale"):
        parser.error("the bench's databases are named scale…")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "DATABASE_URL": database_url(args.engine, name, fresh=not args.reuse),
        "PORTAL_SITE_PORT": str(port),
    }
    if not args.reuse:
        seconds, worker_seconds = build(env, args.pages, args.big or min(BIG_MAX, int(args.pages * BIG_SHARE)))
        print(f"built {args.pages:,} pages in {seconds:,.0f} s: {args.pages / seconds:,.0f} pages/s ({name})")
        print(f"then the task worker indexed them for admin search in {worker_seconds:,.0f} s")
    else:
        manage(env, "provision_sites", "-v0")  # this run's port in every site's address
    try:
        measure(env, args.engine, port, name, args.browse)
    finally:
        if not (args.keep or args.reuse):
            drop_database(args.engine, name)


if __name__ == "__main__":
    main()
