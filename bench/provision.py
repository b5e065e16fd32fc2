"""Time provisioning the 142 sites into an empty database, and re-running it.

    .venv/bin/python bench/provision.py              # SQLite
    .venv/bin/python bench/provision.py postgres     # PostgreSQL (BENCH_POSTGRES_URL, default the local server)

Targets (2-core machine): first run under 60 s, re-run under 10 s.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._database import fresh_database_url  # noqa: E402

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
os.environ["DATABASE_URL"] = fresh_database_url(engine, "portal_bench_provision")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from provisioning.sites import provision  # noqa: E402
from sites.catalogue import load_catalogue  # noqa: E402

call_command("migrate", verbosity=0)
specs = load_catalogue()
for label in ("first run (empty database)", "re-run (nothing to change)"):
    started = time.perf_counter()
    report = provision(specs)
    elapsed = time.perf_counter() - started
    print(f"{engine:8} {label:28} {elapsed:6.2f} s  {report.counts}")
