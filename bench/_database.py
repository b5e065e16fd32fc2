"""A fresh, empty database for a benchmark: a SQLite file, or a new PostgreSQL database."""

import os
import tempfile


def fresh_database_url(engine, name):
    if engine == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='bench-')}/{name}.sqlite3"
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server.rsplit('/', 1)[0]}/{name}"
