"""An operator backs the portal up, wipes it, restores it and finds everything back; a damaged archive changes nothing.

pytest-django's own database lives in a transaction (and, on SQLite, in memory), so these tests run the real
commands in subprocesses against databases of their own: a SQLite file, or new PostgreSQL databases beside the one
in DATABASE_URL. The portal is small (the city, two departments, four wards, the demo articles) to keep it quick.
"""

import hashlib
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = "code,name,short,label\nS03,Sở Tài chính,,\nS09,Sở Giáo dục và Đào tạo,Sở GD&ĐT,\n"
WARDS = "code,name,kind\n00070,Hoàn Kiếm,phuong\n00166,Cầu Giấy,phuong\n00226,Văn Miếu - Quốc Tử Giám,phuong\n"
WARDS += "00235,Đống Đa,phuong\n"

# One process (each start of Django costs seconds): the schema, seven sites, the demo articles (whose syndication
# needs a superuser), editors, an image and a document, a citizen's question with its attachment (a private file,
# outside the media folder), then `backup`.
SEED = """
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from citizens import questions
from sites.models import Unit
User = get_user_model()
call_command("migrate", interactive=False, verbosity=0)
call_command("provision_sites", wards="wards.csv", departments="departments.csv", verbosity=0)
User.objects.create_superuser("quantri", password="mat-khau-sao-luu")
for code, username in (("00235", "bientap.dongda"), ("00166", "bientap.caugiay")):
    User.objects.create_user(username, password="mat-khau-sao-luu").groups.add(
        Unit.objects.get(code=code).roles.get(role="editor").group
    )
call_command("seed_demo", no_accounts=True, verbosity=0)
dong_da = Unit.objects.get(code="00235").collection
Image.objects.create(title="Lễ ra quân", file=get_test_image_file(size=(320, 200)), collection=dong_da)
Document.objects.create(
    title="Kế hoạch năm 2026", file=ContentFile(b"%PDF-1.4 ke hoach", name="ke-hoach-2026.pdf"), collection=dong_da
)
upload = SimpleUploadedFile("giay-chung-sinh.pdf", b"%PDF-1.4 giay chung sinh", content_type="application/pdf")
questions.submit(
    unit=Unit.objects.get(code="00235"), name="Nguyễn Thị Hoa", email="hoa@example.vn", field="ho-tich",
    title="Đăng ký khai sinh", text="Tôi đăng ký ở đâu?", attachments=[upload],
)
call_command("backup", to="backups")
"""

# What an operator would check after a restore, read with the ORM (not with the code under test).
FACTS = """
import json
from django.contrib.auth import get_user_model
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from citizens.models import QuestionAttachment
from search.models import SearchEntry
from syndication.models import Placement
print(json.dumps({
    "attachments": sorted(QuestionAttachment.objects.values_list("question__code", "original_name", "file")),
    "pages": Page.objects.count(),
    "live pages": sorted(Page.objects.live().values_list("url_path", flat=True)),
    "placements": sorted(Placement.objects.values_list("target_unit__code", "state")),
    "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    "search entries": sorted(SearchEntry.objects.values_list("title", flat=True)),
    "images": Image.objects.count(),
    "documents": Document.objects.count(),
}))
"""


class Portal:
    """One installation in its own folder: its database, its media folder, and manage.py run in it."""

    def __init__(self, database_url, folder):
        self.folder = Path(folder)
        self.media = self.folder / "media"
        self.private = self.folder / "private"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DJANGO_SECRET_KEY": "khoa-chi-dung-cho-thu-nghiem-sao-luu",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "PORTAL_PRIVATE_MEDIA_ROOT": str(self.private),
        }

    def manage(self, *arguments):
        return subprocess.run(
            [sys.executable, ROOT / "manage.py", *arguments],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
        )

    def facts(self, before=""):
        """What FACTS prints (after running the code `before`), the media's checksums, and the whole output."""
        done = self.manage("shell", "-c", before + FACTS)
        assert done.returncode == 0, done.stderr
        facts = json.loads(done.stdout.strip().splitlines()[-1])
        return {**facts, "media": self.checksums(self.media), "private": self.checksums(self.private)}, done.stdout

    def table_count(self):
        """How many tables the database has, asked directly: 0 for a database nothing was restored into."""
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite"):
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
                return connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        with psycopg.connect(url) as connection:
            query = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
            return connection.execute(query).fetchone()[0]

    @staticmethod
    def checksums(folder):
        files = sorted(path for path in folder.rglob("*") if path.is_file())
        return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """new_database() gives the URL of a new empty database of the engine under test; all are dropped at the end."""
    url = os.environ.get("DATABASE_URL", "")
    server = url.rsplit("/", 1)[0]  # the database named in DATABASE_URL need not exist: pytest-django uses test_<name>
    made = []

    def new_database():
        if not url.startswith("postgres"):
            return f"sqlite:///{tmp_path_factory.mktemp('database')}/portal.sqlite3"
        name = f"test_restore_{secrets.token_hex(4)}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return f"{server}/{name}"

    yield new_database
    for name in made:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def portal(databases, tmp_path_factory):
    """A seeded portal and one archive of it."""
    folder = tmp_path_factory.mktemp("portal")
    (folder / "wards.csv").write_text(WARDS, encoding="utf-8")
    (folder / "departments.csv").write_text(DEPARTMENTS, encoding="utf-8")
    portal = Portal(databases(), folder)
    portal.facts_at_backup, portal.backup_output = portal.facts(before=SEED)
    (portal.archive,) = (folder / "backups").glob("hanoi-portal-*.tar")
    return portal


@pytest.fixture
def empty_portal(databases, tmp_path):
    return Portal(databases(), tmp_path)


def test_a_backup_says_what_it_saved_in_vietnamese(portal):
    assert "Đã sao lưu vào" in portal.backup_output
    assert "bài chia sẻ giữa các trang: 4" in portal.backup_output
    assert "tệp media: 2" in portal.backup_output
    assert "câu hỏi của người dân: 1" in portal.backup_output and "tệp đính kèm câu hỏi: 1" in portal.backup_output
    assert "tệp riêng (đính kèm của người dân): 1" in portal.backup_output


def test_a_restore_into_an_empty_portal_brings_back_pages_placements_users_search_and_media(portal, empty_portal):
    before = portal.facts_at_backup
    assert before["placements"] and before["search entries"] and len(before["media"]) == 2
    # The citizen's attachment: its row, and its file in the private folder, where only the board downloads it.
    ((code, name, stored),) = before["attachments"]
    assert code.startswith("HN-DONGDA-") and name == "giay-chung-sinh.pdf" and list(before["private"]) == [stored]

    done = empty_portal.manage("restore", portal.archive, "--yes")

    assert done.returncode == 0, done.stderr
    assert "Số liệu khớp bản kê" in done.stdout
    assert empty_portal.facts()[0] == before


def test_restoring_over_a_portal_that_has_content_needs_force(portal):
    done = portal.manage("restore", portal.archive, "--yes")

    assert done.returncode != 0
    assert "thêm --force nếu thật sự muốn ghi đè" in done.stderr
    assert portal.facts()[0] == portal.facts_at_backup


def flip_a_byte(member):
    def damage(archive, damaged):
        with tarfile.open(archive) as tar:
            offset = tar.getmember(member).offset_data
        data = bytearray(archive.read_bytes())
        data[offset + 10] ^= 0xFF
        damaged.write_bytes(data)

    return damage


def truncate(archive, damaged):
    damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def rewritten(change):
    """Members and manifest edited by change(manifest, files), the manifest's own digest renewed to match."""

    def damage(archive, damaged):
        with tarfile.open(archive) as source:
            manifest = json.load(source.extractfile("manifest.json"))
            files = {name: source.extractfile(name).read() for name in manifest["members"]}
        change(manifest, files)
        text = json.dumps(manifest).encode()
        files.update({"manifest.json": text, "manifest.sha256": hashlib.sha256(text).hexdigest().encode()})
        with tarfile.open(damaged, "w") as target:
            for name, content in files.items():
                info = tarfile.TarInfo(name)
                info.size = len(content)
                target.addfile(info, io.BytesIO(content))

    return damage


def leave_out(member):
    return rewritten(lambda manifest, files: files.pop(member))


def escape_the_media_folder(manifest, files):
    files["media/../../thoat-ra.txt"] = b"ghi ra ngoai"
    manifest["members"]["media/../../thoat-ra.txt"] = hashlib.sha256(b"ghi ra ngoai").hexdigest()


def from_a_later_release(manifest, files):
    manifest["migrations"]["home"] = "9999_from_a_later_release"


DOCUMENT = "media/documents/ke-hoach-2026.pdf"
# How an archive can be untrustworthy, and what the operator is told.
REFUSED = {
    "a byte flipped in a document": (flip_a_byte(DOCUMENT), f"1 tệp bị hỏng (SHA-256 không khớp): {DOCUMENT}"),
    "a byte flipped in the manifest": (flip_a_byte("manifest.json"), "Bản kê (manifest) bị hỏng"),
    "a missing member": (leave_out(DOCUMENT), f"Thiếu 1 tệp ghi trong bản kê: {DOCUMENT}"),
    "a truncated tar": (truncate, "Tệp sao lưu bị hỏng hoặc bị cắt cụt"),
    "a file outside the media folder": (
        rewritten(escape_the_media_folder),
        "Bản kê ghi tệp không được phép: media/../../thoat-ra.txt",
    ),
    "an archive from a newer release": (
        rewritten(from_a_later_release),
        "phiên bản mới hơn mã nguồn đang chạy (chưa có migration home.9999_from_a_later_release)",
    ),
}

# An operator's `manage.py restore ARCHIVE --yes` for each archive; one process, as each start of Django costs seconds.
RESTORE_EACH = """
import json
from django.core.management import CommandError, call_command
refusals = {}
for case, archive in ARCHIVES.items():
    try:
        call_command("restore", archive, yes=True)
        refusals[case] = "restored"
    except CommandError as error:
        refusals[case] = str(error)
print(json.dumps(refusals))
"""


@pytest.fixture(scope="module")
def refusals(portal, databases, tmp_path_factory):
    """What restoring each untrustworthy archive into one empty portal said, and that portal afterwards."""
    folder = tmp_path_factory.mktemp("refused")
    archives = {}
    for number, (case, (damage, _)) in enumerate(REFUSED.items()):
        archives[case] = str(folder / f"{number}-{portal.archive.name}")
        damage(portal.archive, Path(archives[case]))
    target = Portal(databases(), folder)
    done = target.manage("shell", "-c", f"ARCHIVES = {archives!r}" + RESTORE_EACH)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), target


@pytest.mark.parametrize("case", REFUSED)
def test_an_archive_that_cannot_be_trusted_is_refused_and_nothing_is_restored(refusals, case):
    messages, target = refusals

    assert REFUSED[case][1] in messages[case]
    assert messages[case].startswith("Không khôi phục: ")
    assert target.table_count() == 0
    assert not target.media.exists()


def test_rotation_deletes_only_our_archives_older_than_the_days_kept(portal, tmp_path):
    def archive_name(days_ago):
        return (timezone.localtime() - timedelta(days=days_ago)).strftime("hanoi-portal-%Y%m%d-%H%M%S.tar")

    old, recent = archive_name(40), archive_name(10)
    others = [f"{old}.sha256", f"copy-of-{old}", "ghi-chu.txt"]
    for name in [old, recent, *others]:
        (tmp_path / name).write_text("không phải bản sao lưu thật")
        os.utime(tmp_path / name, (0, 0))  # very old on disk: the rotation reads the date in the name only

    done = portal.manage("backup", "--to", tmp_path, "--keep-days", "30")

    assert done.returncode == 0, done.stderr
    assert f"Đã xóa bản sao lưu cũ hơn 30 ngày: {old}" in done.stdout
    left = sorted(path.name for path in tmp_path.iterdir())
    (new,) = set(left) - {recent, *others}
    assert left == sorted([recent, new, *others])


def test_a_backup_that_fails_midway_leaves_no_archive_behind(portal, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "bien-ban.pdf").symlink_to(tmp_path / "da-bi-xoa.pdf")  # listed, then gone when read
    backups = tmp_path / "backups"

    done = subprocess.run(
        [sys.executable, ROOT / "manage.py", "backup", "--to", backups],
        env={**portal.env, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
    )

    assert done.returncode != 0
    assert "Sao lưu không thành công, không tạo tệp nào" in done.stderr
    assert list(backups.iterdir()) == []
