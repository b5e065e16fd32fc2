"""Load the demo articles, legal documents, leaders and accounts. Refused unless settings allow demo content.

Each item is looked for where it would be (its slug or number under its section) and created only when missing,
so a second run adds nothing."""

import secrets
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.models import (
    ArticlePage,
    Field,
    LeaderProfilePage,
    LegalDocumentPage,
    OrganisationPage,
    OrganisationUnit,
    SectionPage,
    SiteIdentity,
)
from home.sections import SectionKey
from sites.models import Unit
from sites.naming import vietnamese_slug
from sites.roles import RoleKey
from sites.working_time import HANOI
from syndication import actions as syndication
from syndication.models import Placement

from .articles import DEMO_ARTICLES, DEMO_ENGLISH_ARTICLES
from .reference import DEMO_DOCUMENTS, DEMO_IDENTITIES, DEMO_LEADERS, DEMO_ORGANISATIONS, DEMO_UNITS

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
    """Create the demo articles that are missing, the city's English news too; returns how many were created."""
    created = 0
    units = _units()
    now = timezone.now()
    for code, section_key, days_ago, title, summary, paragraphs, author, source in DEMO_ARTICLES:
        published_at = now - timedelta(days=days_ago, hours=len(title) % 7)
        article = dict(title=title, summary=summary, author=author, source_agency=source, published_at=published_at)
        created += _add_article(_section(units[code].site.root_page, section_key), paragraphs, article)
    english = units["01"].site.root_page.get_translations().filter(locale__language_code="en").first()
    for title, summary, paragraphs, author, source, days_ago in DEMO_ENGLISH_ARTICLES if english else ():
        published_at = now - timedelta(days=days_ago, hours=3)
        article = dict(title=title, summary=summary, author=author, source_agency=source, published_at=published_at)
        created += _add_article(_section(english, SectionKey.NEWS), paragraphs, article)
    return created


def _add_article(section, paragraphs, fields):
    slug = vietnamese_slug(fields["title"])
    if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
        return 0
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    _publish(
        section, ArticlePage(slug=slug, body=body, first_published_at=fields["published_at"], is_demo=True, **fields)
    )
    return 1


@transaction.atomic
def seed_documents():
    """Create the demo legal documents that are missing (found by number in their site's section); returns how many."""
    created = 0
    units = _units()
    for code, kind, number, title, issuer, signer, field, issued, effective, status, abstract in DEMO_DOCUMENTS:
        section = _section(units[code].site.root_page, SectionKey.LEGAL_DOCUMENTS)
        if LegalDocumentPage.objects.child_of(section).filter(number=number).exists():
            continue
        document = LegalDocumentPage(
            title=title,
            slug=vietnamese_slug(title),
            document_type=kind,
            number=number,
            issuing_body=issuer,
            signer=signer,
            field=Field.objects.get_or_create(name=field)[0],
            issue_date=issued,
            effective_date=effective,
            status=status,
            abstract=abstract,
            # Listings date a page by its first publication: a document went online the day it was issued.
            first_published_at=datetime.combine(issued, time(9), tzinfo=HANOI),
        )
        _publish(section, document)
        created += 1
    return created


@transaction.atomic
def seed_organisation():
    """Give the city and Đống Đa their leaders and, where their organisation page lists none, its units; Đống Đa
    its organisation page too. Returns how many leaders were created."""
    created = 0
    units = _units()
    for code, leaders in DEMO_LEADERS.items():
        introduction = _section(units[code].site.root_page, SectionKey.INTRODUCTION)
        organisation = OrganisationPage.objects.child_of(introduction).first()
        if organisation is None:
            organisation = _publish(introduction, OrganisationPage(**DEMO_ORGANISATIONS[code]))
        if not organisation.units.exists():
            organisation.units = [
                OrganisationUnit(
                    name=name, head_name=head, head_position=position, phone=phone, url=_site_url(units, site)
                )
                for name, head, position, phone, site in DEMO_UNITS[code]
            ]
            organisation.save_revision().publish()
        for name, position, duties, biography in leaders:
            slug = vietnamese_slug(name)
            if LeaderProfilePage.objects.child_of(organisation).filter(slug=slug).exists():
                continue
            leader = LeaderProfilePage(
                title=name, slug=slug, position=position, duties=f"<p>{duties}</p>", biography=f"<p>{biography}</p>"
            )
            _publish(organisation, leader)
            created += 1
    return created


def seed_identities():
    """Fill the demo units' contact details where their identity is empty; returns how many sites changed."""
    changed = 0
    for code, details in DEMO_IDENTITIES.items():
        unit = Unit.objects.select_related("site").filter(code=code).first()
        identity = SiteIdentity.objects.filter(site=unit.site).first() if unit else None
        empty = {name: value for name, value in details.items() if identity and not getattr(identity, name)}
        if empty:
            for name, value in empty.items():
                setattr(identity, name, value)
            identity.save()
            changed += 1
    return changed


def _units():
    return {unit.code: unit for unit in Unit.objects.select_related("site__root_page")}


def _section(home, key):
    return SectionPage.objects.get(section_key=key, depth=3, path__startswith=home.path)


def _site_url(units, code):
    # A unit whose site this portal has not provisioned (a trimmed wards or departments list) is listed unlinked.
    unit = units.get(code)
    return f"{unit.site.root_url}/" if unit else ""


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


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
