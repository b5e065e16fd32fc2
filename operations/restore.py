"""Restore an archive made by operations/backup.py: prove it whole first, then replace the database and media.

Nothing is touched until every member's SHA-256 and the manifest's own have been checked, the archive's engine
matches the database's, and the code knows every migration the archive was made with.
"""

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from sites.models import Unit

from .backup import (
    CHUNK,
    DATABASE_MEMBER,
    MANIFEST,
    MANIFEST_DIGEST,
    BackupError,
    engine,
    file_stores,
    postgres_command,
    read_facts,
    run,
)


class DamagedArchive(BackupError):
    """The archive is not whole: nothing was changed."""


def sha256_of(file):
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def expected_member(name, engine):
    """The engine's database, or a file that stays inside its folder (media, private)."""
    path = PurePosixPath(name)
    prefixes = tuple(prefix for prefix, _storage in file_stores())
    return name == DATABASE_MEMBER[engine] or (
        name.startswith(prefixes) and not path.is_absolute() and ".." not in path.parts
    )


def read_manifest(tar, members):
    if MANIFEST not in members or MANIFEST_DIGEST not in members:
        raise DamagedArchive("Thiếu bản kê (manifest): tệp không phải bản sao lưu của Cổng hoặc bị cắt cụt.")
    text = tar.extractfile(members[MANIFEST]).read()
    if hashlib.sha256(text).hexdigest() != tar.extractfile(members[MANIFEST_DIGEST]).read().decode().strip():
        raise DamagedArchive("Bản kê (manifest) bị hỏng: mã kiểm tra SHA-256 không khớp.")
    return json.loads(text)


def problems(tar, members, manifest):
    """What is wrong with the members, cheapest checks first (the checksums read the whole archive)."""
    listed = manifest["members"]
    if missing := sorted(set(listed) - set(members)):
        yield f"Thiếu {len(missing)} tệp ghi trong bản kê: {', '.join(missing[:5])}."
    if unlisted := sorted(set(members) - set(listed) - {MANIFEST, MANIFEST_DIGEST}):
        yield f"Có tệp lạ không ghi trong bản kê: {', '.join(unlisted[:5])}."
    if DATABASE_MEMBER[manifest["engine"]] not in listed:
        yield "Bản kê không ghi tệp cơ sở dữ liệu."
    if strange := sorted(name for name in listed if not expected_member(name, manifest["engine"])):
        yield f"Bản kê ghi tệp không được phép: {', '.join(strange[:5])}."
    if damaged := [name for name, digest in listed.items() if sha256_of(tar.extractfile(members[name])) != digest]:
        yield f"{len(damaged)} tệp bị hỏng (SHA-256 không khớp): {', '.join(damaged[:5])}."


def verify(archive):
    """The archive's manifest, once every member is proven intact; raises DamagedArchive otherwise."""
    try:
        with tarfile.open(archive, "r:") as tar:
            members = {member.name: member for member in tar.getmembers() if member.isfile()}
            manifest = read_manifest(tar, members)
            problem = next(problems(tar, members, manifest), None)
    except (tarfile.TarError, EOFError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise DamagedArchive(f"Tệp sao lưu bị hỏng hoặc bị cắt cụt (chi tiết: {error}).") from error
    except OSError as error:
        raise BackupError(f"Không đọc được tệp {archive}: {error.strerror}") from error
    if problem:
        raise DamagedArchive(problem)
    return manifest


def check_fits(manifest):
    """Refuse an archive of another engine, or one made by a newer release than this code."""
    if manifest["engine"] != engine():
        raise BackupError(
            f"Bản sao lưu là của {manifest['engine']}, cơ sở dữ liệu đích là {engine()}: không khôi phục chéo được."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known)
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản mới hơn mã nguồn đang chạy (chưa có migration "
            f"{', '.join(unknown[:5])}): hãy cài đúng phiên bản trước khi khôi phục."
        )


def holds_content():
    """True when the database already has accounts or provisioned sites: a restore would overwrite them."""
    tables = set(connection.introspection.table_names())
    return any(model._meta.db_table in tables and model.objects.exists() for model in (get_user_model(), Unit))


def restore_database(tar, manifest, work):
    member = DATABASE_MEMBER[manifest["engine"]]
    copy = Path(work) / member
    with open(copy, "wb") as file:
        shutil.copyfileobj(tar.extractfile(member), file, CHUNK)
    connection.close()
    if manifest["engine"] == "postgresql":
        # One transaction: a failing restore leaves the database as it was.
        run(*postgres_command("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(copy)))
    else:
        target = settings.DATABASES["default"]["NAME"]
        with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(target)) as database:
            source.backup(database)


def restore_media(tar, manifest):
    """The public media and the private files back where each storage keeps them."""
    for prefix, storage in file_stores():
        for name in manifest["members"]:
            if name.startswith(prefix):
                stored = name.removeprefix(prefix)
                storage.delete(stored)  # the archive's file wins over one of the same name
                storage.save(stored, File(tar.extractfile(name), name=stored))


def restore(archive, force=False, confirm=lambda manifest: True):
    """Restore `archive`; returns its manifest once the database's counts equal the manifest's.

    `confirm(manifest)` is asked once every check has passed, just before anything is changed.
    """
    manifest = verify(archive)
    check_fits(manifest)
    if not force and holds_content():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có tài khoản hoặc trang: khôi phục sẽ ghi đè lên chúng. "
            "Hãy khôi phục vào một cơ sở dữ liệu trống, hoặc thêm --force nếu thật sự muốn ghi đè."
        )
    if not confirm(manifest):
        raise BackupError("Đã hủy, không thay đổi gì.")
    with tarfile.open(archive, "r:") as tar, tempfile.TemporaryDirectory() as work:
        restore_database(tar, manifest, work)
        restore_media(tar, manifest)
    with connection.cursor() as cursor:
        counts, _ = read_facts(cursor)
    # What the archive counted (an older archive counted fewer kinds of content).
    counts = {name: counts.get(name) for name in manifest["counts"]}
    if counts != manifest["counts"]:
        differences = ", ".join(
            f"{name}: {counts.get(name)} thay vì {expected}"
            for name, expected in manifest["counts"].items()
            if counts.get(name) != expected
        )
        raise BackupError(f"Đã khôi phục nhưng số liệu không khớp bản kê: {differences}.")
    return manifest
