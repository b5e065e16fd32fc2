"""Load the demo articles and accounts. Refused unless settings allow demo content."""

import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.models import ArticlePage, SectionPage
from sites.models import Unit
from sites.naming import vietnamese_slug
from sites.roles import RoleKey
from syndication import actions as syndication
from syndication.models import Placement

from .articles import DEMO_ARTICLES

# Who a newcomer can log in as to try a ward clerk's view, beside the superuser.
DEMO_ACCOUNTS = (
    ("bientap.dongda", "00235", RoleKey.EDITOR),
    ("truongban.dongda", "00235", RoleKey.BOARD_HEAD),
    ("bientap.caugiay", "00166", RoleKey.EDITOR),
)
# The city's newest demo article is offered to every ward and commune; these accept it (syndication demo).
DEMO_ACCEPTING = ("00235", "00070")
CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "demo-accounts.txt"


@transaction.atomic
def seed_articles():
    """Create the demo articles that are missing; returns how many were created."""
    created = 0
    units = {unit.code: unit for unit in Unit.objects.select_related("site")}
    now = timezone.now()
    for code, section_key, days_ago, title, summary, paragraphs, author, source in DEMO_ARTICLES:
        section = SectionPage.objects.get(
            section_key=section_key, depth=3, path__startswith=units[code].site.root_page.path
        )
        slug = vietnamese_slug(title)
        if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
            continue
        published_at = now - timedelta(days=days_ago, hours=len(title) % 7)
        article = ArticlePage(
            title=title,
            slug=slug,
            summary=summary,
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            author=author,
            source_agency=source,
            published_at=published_at,
            first_published_at=published_at,
            is_demo=True,
        )
        section.add_child(instance=article)
        article.save_revision().publish()
        created += 1
    return created


@transaction.atomic
def seed_syndication():
    """Offer the city's newest demo article to every ward and commune; two of them accept it, by the superuser."""

    article = ArticlePage.objects.filter(is_demo=True, path__startswith=_city_home_path()).order_by("-published_at")
    decider = get_user_model().objects.filter(is_superuser=True).first()
    if not article.exists() or decider is None:
        return 0
    article = article.first()
    offered = syndication.offer(article, syndication.target_units("wards"), None)
    waiting = Placement.objects.filter(
        source=article, state=Placement.State.OFFERED, target_unit__code__in=DEMO_ACCEPTING
    )
    for placement in waiting.select_related("target_unit__site__root_page"):
        syndication.accept(placement, decider)
    return len(offered)


def _city_home_path():
    return Unit.objects.get(kind=Unit.Kind.CITY).site.root_page.path


def ensure_demo_accounts():
    """Create the superuser and a ward editor or two with random passwords, kept in var/ (never committed).

    Returns (username, password, description) for every demo account, new or existing.
    """
    known = _read_credentials()
    User = get_user_model()
    wanted = [("admin", None, None), *DEMO_ACCOUNTS]
    for username, unit_code, role in wanted:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(12)
        if unit_code is None:
            User.objects.create_superuser(username, email="", password=password)
        else:
            user = User.objects.create_user(username, password=password)
            user.groups.add(Unit.objects.get(code=unit_code).roles.get(role=role).group)
        known[username] = password
    _write_credentials(known)
    descriptions = {"admin": "quản trị toàn hệ thống"}
    for username, unit_code, role in DEMO_ACCOUNTS:
        descriptions[username] = f"{role.label.lower()} {Unit.objects.get(code=unit_code).display_name}"
    return [(name, known.get(name, "(đã đặt trước đó)"), descriptions[name]) for name, *_ in wanted]


def _read_credentials():
    if not CREDENTIALS_FILE.exists():
        return {}
    lines = CREDENTIALS_FILE.read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if " " in line)


def _write_credentials(known):
    CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
    CREDENTIALS_FILE.write_text("".join(f"{name} {password}\n" for name, password in known.items()), encoding="utf-8")
    CREDENTIALS_FILE.chmod(0o600)
