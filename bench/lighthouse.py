"""Lighthouse (mobile profile, Debian Chromium) on the reference front end: the home page, a listing, an article and
the legal search of one site; prints performance, accessibility, first and largest contentful paint per page.

    # once: Lighthouse in var/ (ignored by git; pinned: 12.x runs on Node 20)
    mkdir -p var/lighthouse && npm --prefix var/lighthouse install lighthouse@12.8.2
    # a server as `./portal up` runs it, on a port of your own
    .venv/bin/python bench/lighthouse.py http://dongda.localhost:8352
    LIGHTHOUSE=/elsewhere/node_modules/.bin/lighthouse .venv/bin/python bench/lighthouse.py http://localhost:8352

Targets (issue #18): performance >= 90, accessibility 100, FCP < 1.5 s, LCP < 2 s. Each page is measured `--runs`
times (default 3) and the median run by performance is printed; the JSON reports are kept in --out.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", str(ROOT / "var/lighthouse/node_modules/.bin/lighthouse"))
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
TARGETS = {"performance": 90, "accessibility": 100, "fcp": 1500, "lcp": 2000}


def first_article(base, listing):
    """The first item a citizen sees on the listing: the article measured."""
    # Chromium sends *.localhost to this machine; the resolver may not: ask 127.0.0.1 with the site's Host.
    parts = urllib.parse.urlsplit(base)
    address = base.replace(parts.hostname, "127.0.0.1") if parts.hostname.endswith("localhost") else base
    request = urllib.request.Request(f"{address}{listing}", headers={"Host": parts.netloc})  # noqa: S310 (ours)
    html = urllib.request.urlopen(request, timeout=30).read().decode()  # noqa: S310 (our own server)
    found = re.search(r'<ul class="article-list">\s*<li><a href="([^"]+)"', html)
    if not found:
        sys.exit(f"{listing} lists no article: load demo content (./portal up does) or pass --article")
    return found.group(1)


def failed(audit):
    """A pass-or-fail audit that failed (accessibility checks and the like), to name it beside the scores."""
    return audit.get("scoreDisplayMode") == "binary" and audit.get("score") is not None and audit["score"] < 1


def measure(url, out, runs):
    results = []
    for run in range(runs):
        report = out / f"{re.sub(r'[^a-z0-9]+', '-', url.lower()).strip('-')}-{run}.json"
        subprocess.run(  # noqa: S603 (a fixed command of our own)
            [
                LIGHTHOUSE,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=performance,accessibility",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        data = json.loads(report.read_text())
        audits = data["audits"]
        results.append(
            {
                "performance": round(data["categories"]["performance"]["score"] * 100),
                "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
                "fcp": audits["first-contentful-paint"]["numericValue"],
                "lcp": audits["largest-contentful-paint"]["numericValue"],
                "failed": [key for key, audit in audits.items() if failed(audit)],
            }
        )
    median = statistics.median_low([result["performance"] for result in results])
    return next(result for result in results if result["performance"] == median)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the site's root, e.g. http://dongda.localhost:8352")
    parser.add_argument("--listing", default="/tin-tuc-su-kien/")
    parser.add_argument("--article", help="path of the article (default: the listing's first item)")
    parser.add_argument("--legal", default="/tra-cuu-van-ban/?q=quyet+dinh")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "var/lighthouse-reports")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    pages = {
        "home": "/",
        "listing": args.listing,
        "article": args.article or first_article(base, args.listing),
        "legal search": args.legal,
    }
    print(f"{'page':<14} {'perf':>5} {'a11y':>5} {'FCP ms':>7} {'LCP ms':>7}  failed audits")
    missed = 0
    for name, path in pages.items():
        result = measure(f"{base}{path}", args.out, args.runs)
        met = (
            result["performance"] >= TARGETS["performance"]
            and result["accessibility"] >= TARGETS["accessibility"]
            and result["fcp"] < TARGETS["fcp"]
            and result["lcp"] < TARGETS["lcp"]
        )
        missed += not met
        print(
            f"{name:<14} {result['performance']:>5} {result['accessibility']:>5} {result['fcp']:>7.0f} "
            f"{result['lcp']:>7.0f}  {', '.join(result['failed']) or '-'}{'' if met else '   (target missed)'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
