"""Build and keep in step every unit's site from the official catalogue.

Idempotent: a unit is found by its code, its site pages, collection and groups through the links it keeps,
so a second run changes nothing and a renamed unit is updated in place. The whole run is one transaction.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone, translation

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)

from boards.workflow import ensure_board_workflow
from home.models import HomePage, SectionPage, SiteIdentity
from home.sections import SectionKey
from sites.models import SiteRole, Unit, hostname_for
from sites.roles import OPERATOR_ROLE, SITE_ROLES, group_name

from .english_portal import ensure_city_pages

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class UnitOutcome:
    spec: object
    status: str
    changes: list = field(default_factory=list)


@dataclass
class ProvisionReport:
    outcomes: list = field(default_factory=list)

    @property
    def counts(self):
        counts = Counter(outcome.status for outcome in self.outcomes)
        return {status: counts.get(status, 0) for status in (CREATED, UPDATED, UNCHANGED)}


class _DryRun(Exception):
    """Raised to roll back a dry run once its report is complete."""


def provision(specs, *, dry_run=False, progress=None):
    """Create or update the site of every unit in `specs`; returns a ProvisionReport.

    With dry_run the work is done and then rolled back, so the report says exactly what a real run would do.
    """
    report = ProvisionReport()
    try:
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            context = _Context()
            ensure_board_workflow(context.root_page)
            for number, spec in enumerate(specs, start=1):
                report.outcomes.append(_provision_unit(spec, context))
                if progress:
                    progress(number, len(specs), spec)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _Context:
    """What every unit needs: the tree root, the root collection, permissions by name, the locales."""

    def __init__(self):
        self.root_page = Page.get_first_root_node()
        self.root_collection = Collection.get_first_root_node()
        self.permissions = {
            f"{p.content_type.app_label}.{p.codename}": p for p in Permission.objects.select_related("content_type")
        }
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        self.now = timezone.now()

    def page_permission(self, permission_type):
        return self.permissions[f"wagtailcore.{permission_type}_page"]


def _provision_unit(spec, context):
    unit = Unit.objects.select_related("site__root_page", "collection").filter(code=spec.code).first()
    created = unit is None
    unit = unit or Unit(code=spec.code)
    changes = _assign(
        unit, name=spec.name, short_name=spec.short_name, kind=spec.kind, label=spec.label, sort_order=spec.sort_order
    )
    if created or changes:
        unit.save()

    home, home_changes = _ensure_home(unit, context)
    changes += home_changes
    changes += _ensure_site(unit, home)
    _ensure_sections(home)
    homes = [home]
    if unit.kind == Unit.Kind.CITY:
        english_home, english_changes = ensure_city_pages(home)
        homes += [english_home] if english_home else []
        changes += english_changes
    changes += _ensure_collection(unit, context)
    changes += _ensure_groups(unit, homes, context)
    changes += _ensure_identity(unit)
    if created or changes:
        unit.save()

    status = CREATED if created else (UPDATED if changes else UNCHANGED)
    return UnitOutcome(spec, status, [] if created else changes)


def _assign(instance, **values):
    """Set the values that differ; return a description of each change."""
    changes = []
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            changes.append(f"{instance._meta.model_name}.{name}: “{old}” → “{value}”")
            setattr(instance, name, value)
    return changes


def _ensure_home(unit, context):
    home = unit.site.root_page.specific if unit.site else None
    if home is None:
        home = HomePage(title=unit.display_name, slug=unit.label, first_published_at=context.now)
        context.root_page.add_child(instance=home)
        return home, []
    changes = _assign(home, title=unit.display_name, slug=unit.label)
    if changes:
        home.draft_title = home.title
        home.save()
    return home, changes


def _ensure_site(unit, home):
    is_city = unit.kind == Unit.Kind.CITY
    values = {
        "hostname": hostname_for(unit.kind, unit.label),
        "port": settings.PORTAL_SITE_PORT,
        "site_name": unit.display_name,
        "root_page_id": home.pk,
        "is_default_site": is_city,
    }
    if unit.site is None:
        unit.site = Site.objects.create(**values)
        return []
    changes = _assign(unit.site, **values)
    if changes:
        unit.site.save()
    return changes


def _ensure_sections(home):
    """Add the standard sections a site lacks; never touches ones that exist (editors may rename them)."""
    existing = set(SectionPage.objects.child_of(home).values_list("section_key", flat=True))
    for key in SectionKey:
        if key not in existing:
            section = SectionPage(title=str(key.label), slug=key.slug, section_key=key, show_in_menus=True)
            home.add_child(instance=section)


def agency_name(unit):
    """The owning agency a citizen reads in the footer: 'Ủy ban nhân dân phường Đống Đa', 'Sở Tài chính thành phố
    Hà Nội', 'Ủy ban nhân dân thành phố Hà Nội'."""
    if unit.kind == Unit.Kind.CITY:
        return "Ủy ban nhân dân thành phố Hà Nội"
    if unit.is_ward_or_commune:
        return f"Ủy ban nhân dân {unit.get_kind_display().lower()} {unit.name}"
    return f"{unit.name} Hà Nội" if unit.name.endswith("thành phố") else f"{unit.name} thành phố Hà Nội"


def _ensure_identity(unit):
    """The site's identity with what the catalogue knows, filled only where empty: after that, editors own it."""
    identity = SiteIdentity.objects.filter(site=unit.site).first() or SiteIdentity(site=unit.site)
    known = {"full_name": agency_name(unit), "short_name": unit.short_name or unit.display_name}
    changes = _assign(identity, **{name: value for name, value in known.items() if not getattr(identity, name)})
    if changes or identity.pk is None:
        identity.save()
    return changes


def _ensure_collection(unit, context):
    if unit.collection is None:
        unit.collection = context.root_collection.add_child(name=unit.display_name)
        return []
    changes = _assign(unit.collection, name=unit.display_name)
    if changes:
        unit.collection.save()
    return changes


def _ensure_groups(unit, homes, context):
    """The unit's groups, with their permissions on each of its home pages (the city's English one too)."""
    roles = list(SITE_ROLES)
    if unit.kind == Unit.Kind.CITY:
        roles.append(OPERATOR_ROLE)
    existing = {site_role.role: site_role for site_role in unit.roles.select_related("group")}
    changes = []
    for role in roles:
        name = group_name(unit.display_name, role)
        site_role = existing.get(role.key)
        if site_role is None:
            group = Group.objects.create(name=name)
            SiteRole.objects.create(unit=unit, role=role.key, group=group)
        else:
            group = site_role.group
            group_changes = _assign(group, name=name)
            if group_changes:
                group.save()
                changes += group_changes
        collection = context.root_collection if role.whole_portal else unit.collection
        for page in [context.root_page] if role.whole_portal else homes:
            _grant(group, role, page, collection, context)
        _grant_on_site(group, role, unit.site, context)
    return changes


def _grant_on_site(group, role, site, context):
    """The role's permissions on its own Site (the site's identity settings), never on another's."""
    have = set(GroupSitePermission.objects.filter(group=group, site=site).values_list("permission_id", flat=True))
    GroupSitePermission.objects.bulk_create(
        GroupSitePermission(group=group, site=site, permission=context.permissions[name])
        for name in role.site_permissions
        if context.permissions[name].pk not in have
    )


def _grant(group, role, page, collection, context):
    """Add the permissions a role lacks. Extra grants an operator gave by hand are left alone."""
    wanted_models = {context.permissions[name] for name in role.model_permissions}
    missing_models = wanted_models - set(group.permissions.all())
    if missing_models:
        group.permissions.add(*missing_models)

    have_pages = set(GroupPagePermission.objects.filter(group=group, page=page).values_list("permission_id", flat=True))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=page, permission=context.page_permission(permission_type))
        for permission_type in role.page_permissions
        if context.page_permission(permission_type).pk not in have_pages
    )

    have_collections = set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission_id", flat=True
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=context.permissions[name])
        for name in role.collection_permissions
        if context.permissions[name].pk not in have_collections
    )
