"""Real portal processes for tests: a fresh database, migrated and provisioned, served by gunicorn on a free port.

The browser tests (tests/browser/conftest.py) and the two-node test (tests/test_several_nodes.py) both use it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, "manage.py"]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database_url(directory, purpose):
    """A database of its own: a SQLite file, or a new PostgreSQL database beside the one in DATABASE_URL, named
    after it (several checkouts share one PostgreSQL server, each with its own DATABASE_URL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{directory}/{purpose}.sqlite3"
    server, database = url.rsplit("/", 1)
    name = f"{database}_{purpose}"
    # Through the maintenance database: the one named in DATABASE_URL may not exist (pytest makes test_<name>).
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def provision(env):
    """Migrate the database of `env` and create the 142 sites in it."""
    for command in (["migrate", "--noinput", "-v0"], ["provision_sites", "-v0"]):
        subprocess.run(MANAGE + command, cwd=ROOT, env=env, check=True)


def manage_shell(env, code):
    """Run Python in the portal's Django (manage.py shell) and return the last line it prints."""
    done = subprocess.run([*MANAGE, "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def start_gunicorn(env, port, workers=2):
    """gunicorn serving the portal of `env` on 127.0.0.1:port, once it answers."""
    server = subprocess.Popen(
        [GUNICORN, "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_serving(f"http://localhost:{port}/", server)
    except RuntimeError:
        stop(server)
        raise
    return server


def wait_until_serving(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before serving")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url} within {seconds}s")


def stop(*processes):
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=20)
