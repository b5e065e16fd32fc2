"""Fuzz the live API with schemathesis from its own OpenAPI description: no 5xx, no response outside the schema.

    .venv/bin/python bench/api_schemathesis.py                   # SQLite, 40 examples per operation
    .venv/bin/python bench/api_schemathesis.py --max-examples 100

gunicorn (5 workers) serves a fresh provisioned database on loopback; schemathesis generates requests for every
operation of /api/v2/openapi.json with Host dongda.localhost, and checks status codes, content types, response
schemas and server errors. Exits non-zero on any failure.
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._api_server import HOST, ROOT, prepare_database, start_gunicorn  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", nargs="?", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--max-examples", type=int, default=40)
    args = parser.parse_args()
    database_url = prepare_database(args.engine, "portal_bench_schemathesis", articles_per_site=10)
    server, port = start_gunicorn(database_url)
    try:
        command = [
            str(ROOT / ".venv/bin/schemathesis"),
            "run",
            f"http://127.0.0.1:{port}/api/v2/openapi.json",
            "--url", f"http://127.0.0.1:{port}",
            "-H", f"Host: {HOST}",
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance",
            "--max-examples", str(args.max_examples),
            "--report", "ndjson",
            "--report-dir", "reports",
        ]  # fmt: skip
        workdir = ROOT / "var" / "schemathesis"  # its cache and reports stay out of the repository
        workdir.mkdir(parents=True, exist_ok=True)
        sys.exit(subprocess.run(command, cwd=workdir).returncode)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
