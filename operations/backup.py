"""A backup of the whole portal in one tar file that proves its own contents (Quy chế Art. 13.3).

`hanoi-portal-YYYYmmdd-HHMMSS.tar` holds:

    database.dump       PostgreSQL: pg_dump --format=custom
    database.sqlite3    SQLite: a copy made with SQLite's online backup API
    media/<name>        every file of the default storage (MEDIA_ROOT)
    private/<name>      every file only staff may download (PORTAL_PRIVATE_MEDIA_ROOT: citizens' attachments)
    manifest.json       when, which engine, Wagtail/Django versions, the latest migration per app, counts of what
                        the database holds, and the SHA-256 of every member above
    manifest.sha256     the SHA-256 of manifest.json, so that a damaged manifest is noticed too

The counts and migrations are read from the very snapshot that is dumped, so that a restore can compare them exactly
even though the portal keeps writing during the backup. Media are copied after the database: every file the
database names is then already on disk.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

import wagtail
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from citizens.models import DraftComment, Question, QuestionAttachment, private_storage
from search.models import SearchEntry
from sites.models import Unit
from syndication.models import Placement

NAME_FORMAT = "hanoi-portal-%Y%m%d-%H%M%S.tar"
# Rotation deletes only files with exactly this name: nothing else an operator keeps beside the archives.
NAME_PATTERN = re.compile(r"^hanoi-portal-(\d{8}-\d{6})\.tar$")
MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"
DATABASE_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_PREFIX = "media/"
PRIVATE_PREFIX = "private/"
CHUNK = 1024 * 1024

# What the database holds, as the operator reads it after a backup and a restore.
COUNT_LABELS = {
    "pages": "trang",
    "live_pages": "trang đang xuất bản",
    "sites": "site",
    "units": "đơn vị",
    "users": "tài khoản",
    "images": "ảnh",
    "documents": "tài liệu",
    "search_entries": "mục tìm kiếm",
    "placements": "bài chia sẻ giữa các trang",
    "questions": "câu hỏi của người dân",
    "question_attachments": "tệp đính kèm câu hỏi",
    "draft_comments": "góp ý dự thảo",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Vietnamese."""


def engine():
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"Chỉ sao lưu được PostgreSQL và SQLite, không phải {connection.vendor}.")
    return connection.vendor


def counted_tables():
    """(name, table, condition) for each count; plain SQL so that it runs on a Django cursor or on a SQLite copy."""
    tables = {
        "pages": Page,
        "live_pages": Page,
        "sites": Site,
        "units": Unit,
        "users": get_user_model(),
        "images": get_image_model(),
        "documents": get_document_model(),
        "search_entries": SearchEntry,
        "placements": Placement,
        "questions": Question,
        "question_attachments": QuestionAttachment,
        "draft_comments": DraftComment,
    }
    return [
        (name, model._meta.db_table, "WHERE live" if name == "live_pages" else "") for name, model in tables.items()
    ]


def read_facts(cursor):
    """The counts and the latest applied migration of each app, read through any DB-API cursor."""
    counts = {}
    for name, table, condition in counted_tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}" {condition}')  # noqa: S608 - our own table names
        counts[name] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = dict(cursor.fetchall())
    return counts, migrations


def postgres_command(program, *arguments):
    """The argv and environment that run a PostgreSQL client program on the portal's own database."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"Không tìm thấy {program}: cài gói postgresql-client cùng phiên bản với máy chủ.")
    database = settings.DATABASES["default"]
    argv = [executable, *arguments, f"--dbname={database['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            argv.append(f"{option}={database[key]}")
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return argv, env


def run(argv, env=None):
    done = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603 - argv built above
    if done.returncode:
        raise BackupError(f"{Path(argv[0]).name} lỗi (mã {done.returncode}):\n{done.stderr.strip()}")


def dump_database(target):
    """Dump the database into `target`; returns the counts and migrations of the dumped snapshot."""
    if engine() == "postgresql":
        # pg_dump reads the snapshot this transaction exports, so the counts match the dump exactly.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            facts = read_facts(cursor)
            run(*postgres_command("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"))
        return facts
    # Django's own connection, so that an in-memory database works too; one step copies one consistent state
    # (in WAL mode writers go on meanwhile).
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        return read_facts(copy.cursor())


def file_stores():
    """(member prefix, storage) of every place the portal keeps files: the public media, and the private files
    (citizens' attachments) that never are under MEDIA_URL."""
    return ((MEDIA_PREFIX, default_storage), (PRIVATE_PREFIX, private_storage()))


def media_names(storage, directory=""):
    """Every file of a storage, walked through the storage so that object storage works as well."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}{name}"
    for folder in sorted(folders):
        yield from media_names(storage, f"{directory}{folder}/")


class HashingReader:
    """Reads a file for tarfile while computing its SHA-256, so that each member is read once."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def add_member(tar, name, file, size):
    """Add `size` bytes of `file` as member `name`; returns its SHA-256."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    reader = HashingReader(file)
    tar.addfile(info, reader)
    return reader.sha256.hexdigest()


def write_archive(path, database_file, facts):
    counts, migrations = facts
    digests = {}
    with tarfile.open(path, "w") as tar:
        member = DATABASE_MEMBER[engine()]
        with open(database_file, "rb") as file:
            digests[member] = add_member(tar, member, file, database_file.stat().st_size)
        for prefix, storage in file_stores():
            for name in media_names(storage):
                with storage.open(name, "rb") as file:
                    digests[prefix + name] = add_member(tar, prefix + name, file, storage.size(name))
        manifest = {
            "created_at": timezone.localtime().isoformat(timespec="seconds"),
            "engine": engine(),
            "versions": {"wagtail": wagtail.__version__, "django": django.__version__},
            "migrations": migrations,
            "counts": counts,
            "members": digests,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        add_member(tar, MANIFEST, io.BytesIO(text), len(text))
        digest = hashlib.sha256(text).hexdigest().encode()
        add_member(tar, MANIFEST_DIGEST, io.BytesIO(digest), len(digest))
    return manifest


def create_backup(directory):
    """Write a new archive into `directory`; returns its path and manifest.

    It is written under a hidden temporary name and renamed when complete: a file with our final name is always
    a whole archive, whatever interrupts the backup.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / timezone.localtime().strftime(NAME_FORMAT)
    partial = directory / f".{final.name}.partial"
    try:
        with tempfile.TemporaryDirectory() as work:
            database_file = Path(work) / DATABASE_MEMBER[engine()]
            facts = dump_database(database_file)
            manifest = write_archive(partial, database_file, facts)
        os.replace(partial, final)
    except OSError as error:
        raise BackupError(f"Không ghi được bản sao lưu vào {directory}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return final, manifest


def rotate(directory, keep_days, keep):
    """Delete our archives older than `keep_days` (by the time in their name), never `keep`; returns them."""
    limit = timezone.localtime() - timedelta(days=keep_days)
    deleted = []
    for path in sorted(Path(directory).iterdir()):
        match = NAME_PATTERN.match(path.name)
        if not match or path == keep or not path.is_file():
            continue
        made = timezone.make_aware(datetime.strptime(match[1], "%Y%m%d-%H%M%S"))
        if made < limit:
            path.unlink()
            deleted.append(path)
    return deleted
