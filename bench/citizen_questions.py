"""Citizens' questions under load: N submissions a minute through gunicorn + PostgreSQL, none lost, none doubled.

    .venv/bin/python bench/citizen_questions.py                 # 200 a minute for 5 minutes, PostgreSQL
    .venv/bin/python bench/citizen_questions.py --minutes 1     # a shorter run on a busy machine
    .venv/bin/python bench/citizen_questions.py --engine sqlite

Each submission asks for a proof of work (GET /api/questions/challenge/), solves it and posts the question
(POST /api/questions/) to one of three sites, paced evenly; gunicorn runs several workers, so numbers are drawn
concurrently. Afterwards the database must hold exactly the questions that got a 201, each once, with the code
the client was given, and every site's numbers must run 1..n without a gap or a repeat.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._api_server import start_gunicorn  # noqa: E402
from bench._database import fresh_database_url  # noqa: E402

SITES = ("dongda.localhost", "caugiay.localhost", "localhost")
UNITS = ("00235", "00166", "01")
MARK = "Tải thử"


def prepare(engine):
    os.environ["DATABASE_URL"] = fresh_database_url(engine, "bench_citizen_questions")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.api_settings"
    # The server keeps its defences; the bench's one address may post as often as the bench asks.
    os.environ.update(
        PORTAL_QUESTIONS_PER_IP_HOUR="1000000", PORTAL_QUESTIONS_PER_CONTACT_DAY="1000000", PORTAL_POW_MAX_NUMBER="2000"
    )
    import django

    django.setup()
    from django.core.management import call_command

    from provisioning.sites import provision
    from sites.catalogue import load_catalogue
    from sites.models import Unit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    provision(load_catalogue())
    print(f"database: {engine}, 142 sites provisioned in {time.perf_counter() - started:.0f} s")
    return {code: Unit.objects.get(code=code).pk for code in UNITS}


def submit(port, number, unit_ids):
    from citizens import defences

    host = SITES[number % len(SITES)]
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/questions/challenge/", headers={"Host": host})
        challenge = json.loads(connection.getresponse().read())
        body = urlencode(
            {
                "name": f"Người tải thử {number}",
                "email": f"tai-thu-{number}@example.vn",
                "unit": unit_ids[UNITS[number % len(UNITS)]],
                "field": "ho-tich",
                "title": f"{MARK} {number}",
                "text": "Câu hỏi tải thử về đăng ký khai sinh.",
                "consent": "on",
                "pow": defences.solve(challenge),
            }
        )
        connection.request(
            "POST",
            "/api/questions/",
            body=body,
            headers={"Host": host, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        payload = response.read()
        code = json.loads(payload).get("code") if response.status == 201 else None
        return number, response.status, code, time.perf_counter() - started
    except (OSError, ValueError) as error:
        return number, f"error {type(error).__name__}", None, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--per-minute", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()

    unit_ids = prepare(args.engine)
    server, port = start_gunicorn(os.environ["DATABASE_URL"], workers=args.workers)
    total = int(args.per_minute * args.minutes)
    interval = 60 / args.per_minute
    results, lock = [], threading.Lock()
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=32) as pool:
            futures = []
            for number in range(total):
                delay = started + number * interval - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                futures.append(pool.submit(submit, port, number, unit_ids))
            for future in futures:
                with lock:
                    results.append(future.result())
        took = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    from citizens.models import Question

    stored = list(Question.objects.filter(title__startswith=MARK).values_list("title", "code", "unit__label"))
    given = {f"{MARK} {number}": code for number, status, code, _ in results if status == 201}
    stored_titles = Counter(title for title, _, _ in stored)
    lost = [title for title in given if title not in stored_titles]
    duplicated = [title for title, count in stored_titles.items() if count > 1]
    unasked = [title for title in stored_titles if title not in given]  # stored though the client got no 201
    wrong_code = [title for title, code, _ in stored if title in given and given[title] != code]
    gaps = {}
    for label in {label for _, _, label in stored}:
        numbers = sorted(int(code.rsplit("-", 1)[1]) for _, code, lab in stored if lab == label)
        if numbers != list(range(1, len(numbers) + 1)):
            gaps[label] = numbers[:5]
    statuses = Counter(str(status) for _, status, _, _ in results)
    latencies = sorted(seconds for *_, seconds in results)
    print(
        f"sent {total} in {took:.0f} s ({total / took * 60:.0f} a minute, asked {args.per_minute}); "
        f"statuses {dict(statuses)}"
    )
    print(
        f"latency (challenge + solve + post): median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    print(
        f"stored {len(stored)}; lost {len(lost)}; duplicated {len(duplicated)}; stored without a 201 {len(unasked)}; "
        f"code differs from the one given {len(wrong_code)}; sites whose numbers are not 1..n {len(gaps)} {gaps or ''}"
    )
    failed = lost or duplicated or unasked or wrong_code or gaps or statuses.get("201", 0) != total
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
