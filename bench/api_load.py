"""Throughput and p95 latency of the site-scoped API beside Wagtail's plain v2 router, on the same data and run.

    .venv/bin/python bench/api_load.py                 # SQLite, 20 s per scenario in 4 rounds, 8 connections
    .venv/bin/python bench/api_load.py postgres --seconds 30 --connections 16

gunicorn (5 workers) serves a fresh database on loopback; a second process (this script with --client) drives it
with keep-alive connections. Scenarios: listing and detail on the portal API (`/api/v2/`, served from its response
cache once warm), the same with a cache-busting `_` parameter (every request rendered), and Wagtail's stock
`PagesAPIViewSet` at `/plain-api/v2/` (no site scoping, no cache). It ends with the rendered portal's throughput
over plain Wagtail's, for the listing and the detail (docs/performance.md, "Rendered API").

The portal caches in Redis, as in production (REDIS_URL, default db 14 here, under this bench's own key prefix,
emptied first): without it the settings fall back to a file cache, which lists its directory on every write, a
cost every rendered request would pay here and production never does.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._api_server import HOST, forget_cache, prepare_database, start_gunicorn  # noqa: E402

LISTING = "pages/?type=home.ArticlePage&order=-first_published_at&limit=20&fields=summary,author,tags"
CACHE_PREFIX = "api-load-bench"


def drive(port, path, seconds, bust, results):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    latencies, errors, counter = [], 0, 0
    token = uuid.uuid4().hex  # unique across connections and rounds: a busted URL is never one cached before
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        counter += 1
        target = f"{path}{'&' if '?' in path else '?'}_={token}-{counter}" if bust else path
        started = time.perf_counter()
        connection.request("GET", target, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        errors += response.status != 200
    results.put((latencies, errors))


def client(port, path, seconds, connections, bust):
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=drive, args=(port, path, seconds, bust, results)) for _ in range(connections)
    ]
    for worker in workers:
        worker.start()
    latencies, errors = [], 0
    for _ in workers:
        found, failed = results.get()
        latencies += found
        errors += failed
    for worker in workers:
        worker.join()
    print(json.dumps({"latencies": latencies, "errors": errors}))


def summary(latencies, errors, seconds):
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95)],
        "errors": errors,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", nargs="?", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--database", default="portal_bench_api", help="name of the bench's database (recreated)")
    parser.add_argument("--client", nargs=3, metavar=("PORT", "PATH", "BUST"))
    args = parser.parse_args()
    if args.client:
        port, path, bust = args.client
        return client(int(port), path, args.seconds, args.connections, bust == "1")

    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
    os.environ["PORTAL_CACHE_PREFIX"] = CACHE_PREFIX
    forget_cache(os.environ["REDIS_URL"], CACHE_PREFIX)
    database_url = prepare_database(args.engine, args.database)
    from home.models import ArticlePage

    detail_id = ArticlePage.objects.filter(title__startswith="Phường Đống Đa").order_by("pk").first().pk
    server, port = start_gunicorn(database_url)
    scenarios = [
        ("portal listing (cached)", f"/api/v2/{LISTING}", "0"),
        ("portal listing (rendered)", f"/api/v2/{LISTING}", "1"),
        ("plain Wagtail listing", f"/plain-api/v2/{LISTING}", "0"),
        ("portal detail (cached)", f"/api/v2/pages/{detail_id}/", "0"),
        ("portal detail (rendered)", f"/api/v2/pages/{detail_id}/", "1"),
        ("plain Wagtail detail", f"/plain-api/v2/pages/{detail_id}/", "0"),
    ]
    # The machine is shared: the scenarios take turns, a slice of each per round, so that a change of load
    # falls on the portal and on plain Wagtail alike.
    slice_seconds = args.seconds / args.rounds
    runs = {label: {"latencies": [], "errors": 0} for label, _, _ in scenarios}
    try:
        print(
            f"{args.engine}, Redis cache, gunicorn 5 workers, {args.connections} connections, "
            f"{args.seconds:.0f} s each in {args.rounds} rounds, Host {HOST}"
        )
        for _ in range(args.rounds):
            for label, path, bust in scenarios:
                output = subprocess.run(
                    [sys.executable, __file__, "--client", str(port), path, bust, "--seconds", str(slice_seconds),
                     "--connections", str(args.connections)],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                found = json.loads(output)
                runs[label]["latencies"] += found["latencies"]
                runs[label]["errors"] += found["errors"]
        results = {label: summary(run["latencies"], run["errors"], args.seconds) for label, run in runs.items()}
        for label, result in results.items():
            print(
                f"{label:28} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                f"p95 {result['p95_ms']:7.1f} ms  ({result['requests']} requests, {result['errors']} non-200)"
            )
        for kind in ("listing", "detail"):
            ratio = results[f"portal {kind} (rendered)"]["rps"] / results[f"plain Wagtail {kind}"]["rps"]
            print(f"rendered {kind} vs plain Wagtail: {ratio:.2f}x (target >= 3)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
