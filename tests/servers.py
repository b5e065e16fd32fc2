"""Real portal processes for tests: their own database, migrated and provisioned, served by gunicorn on a free port.

The browser tests (tests/browser/conftest.py) and the two-node test (tests/test_several_nodes.py) both use it.
"""

import atexit
import functools
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, "manage.py"]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def provisioned_database_url(directory, purpose):
    """A database of its own, migrated and with the 142 sites: a copy of one provisioned once per test run (a SQLite
    file, or a PostgreSQL database beside the one in DATABASE_URL, named after it: several checkouts share one
    server). Migrating and provisioning take some 40 s; copying, a second. `provision(env)` then brings the copy to
    its own settings (the port in every site) in a few seconds."""
    template = _template_url()
    if not template.startswith("postgres"):
        target = Path(directory) / f"{purpose}.sqlite3"
        # SQLite's backup API, not a file copy: it reads through the write-ahead log.
        with (
            closing(sqlite3.connect(template.removeprefix("sqlite:///"))) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        return f"sqlite:///{target}"
    server, template_name = template.rsplit("/", 1)
    name = template_name.removesuffix("_template") + f"_{purpose}"
    # Through the maintenance database: the one named in DATABASE_URL may not exist (pytest makes test_<name>).
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {template_name}")
    return f"{server}/{name}"


@functools.cache
def _template_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        server, database = url.rsplit("/", 1)
        template = f"{server}/{database}_template"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {database}_template WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {database}_template")
    else:
        directory = tempfile.mkdtemp(prefix="portal-template-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        template = f"sqlite:///{directory}/template.sqlite3"
    # Provisioning's own tasks (some 2,900 reference index and search updates) run inline, so that every copy starts
    # with none queued.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": template,
        "PORTAL_TASKS": "immediate",
    }
    provision(env)
    return template


def provision(env):
    """Migrate the database of `env` and create (or, on a provisioned copy, update) the 142 sites in it."""
    for command in (["migrate", "--noinput", "-v0"], ["provision_sites", "-v0"]):
        subprocess.run(MANAGE + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


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
