"""A fresh, provisioned database with API content, served by gunicorn on loopback (for the API benches)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "dongda.localhost"


def prepare_database(engine, name, articles_per_site=40, sites=("00235", "00166", "01", "S03")):
    """Migrate, provision the 142 sites and publish articles and legal documents on a few of them."""
    sys.path.insert(0, str(ROOT))
    from bench._database import fresh_database_url

    os.environ["DATABASE_URL"] = fresh_database_url(engine, name)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.api_settings"
    import django

    django.setup()
    from datetime import date

    from django.core.management import call_command

    from home.models import ArticlePage, Category, LegalDocumentPage, SectionPage
    from provisioning.sites import provision
    from sites.catalogue import load_catalogue
    from sites.models import Unit

    call_command("migrate", verbosity=0)
    provision(load_catalogue())
    category = Category.objects.create(name="Tin địa phương")
    for code in sites:
        unit = Unit.objects.select_related("site__root_page").get(code=code)
        sections = {s.section_key: s for s in SectionPage.objects.child_of(unit.site.root_page)}
        for number in range(articles_per_site):
            page = ArticlePage(
                title=f"{unit.display_name}: tin số {number}",
                summary="Ủy ban nhân dân đã chỉ đạo các phòng, ban chuyên môn phối hợp chặt chẽ.",
                author="Nguyễn Văn Hùng",
                source_agency=f"UBND {unit.display_name}",
                category=category,
            )
            sections["news"].add_child(instance=page)
            page.tags.add("chuyển đổi số", "đô thị")
            page.save_revision().publish()
        for number in range(articles_per_site // 4):
            document = LegalDocumentPage(
                title=f"Quyết định số {number + 1}",
                document_type="quyet_dinh",
                number=f"{number + 1}/QĐ-UBND",
                issuing_body=f"UBND {unit.display_name}",
                issue_date=date(2026, 1, 1 + number % 28),
                abstract="Ban hành quy chế hoạt động.",
            )
            sections["legal_documents"].add_child(instance=document)
            document.save_revision().publish()
    accept_city_articles(HOST)
    return os.environ["DATABASE_URL"]


def accept_city_articles(hostname, count=5):
    """The site asked about also lists syndicated copies: it accepts a few of the city's articles."""
    from django.contrib.auth import get_user_model

    from home.models import ArticlePage
    from sites.models import Unit
    from syndication import actions as syndication

    city, target = Unit.objects.get(code="01"), Unit.objects.get(site__hostname=hostname)
    decider = get_user_model().objects.create_superuser("bench-board", password=None)
    for article in ArticlePage.objects.filter(path__startswith=city.site.root_page.path)[:count]:
        for placement in syndication.offer(article, [target], None):
            syndication.accept(placement, decider)


def forget_cache(redis_url, prefix):
    """A bench's own keys (its prefix in its Redis db), so that every run starts cold."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(database_url, workers=5):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "DJANGO_DEBUG": "0",
        "PORTAL_SITE_PORT": str(port),
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cms.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        # The dev settings print every e-mail sent (bench/citizen_questions.py sends one per question).
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v2/sites/", headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")
