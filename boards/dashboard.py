"""The admin's home page for each role (Wagtail's `construct_homepage_panels`): an editor's "Viết bài mới", drafts
and articles sent back with the board's reason; a board's queue with its counts; a site admin's accounts.

Incoming syndication shares are read by syndication/, a layer above, and shown by its own panel there.
"""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from home.models import ArticlePage, SectionPage
from sites.accounts import managed_accounts
from sites.models import Unit
from sites.ownership import roles_by_unit
from sites.roles import BOARD_ROLES, RoleKey

from .queue import queue_summary
from .review import rejection_of

WRITING_ROLES = {RoleKey.EDITOR, RoleKey.REVIEWER, RoleKey.BOARD_HEAD}
LISTED = 10


def units_where(user, roles):
    """The units on whose sites the user holds one of these roles (never every unit: operators write nowhere)."""
    if not user.is_active:
        return Unit.objects.none()
    ids = [unit_id for unit_id, held in roles_by_unit(user).items() if held & set(roles)]
    return Unit.objects.filter(pk__in=ids, site__isnull=False).select_related("site__root_page").order_by("name")


def writable_sections(user):
    """(unit, [sections]) for each site the user writes for: the sections where they may add an article."""
    result = []
    for unit in units_where(user, WRITING_ROLES):
        sections = [
            section
            for section in SectionPage.objects.descendant_of(unit.site.root_page).order_by("path")
            if ArticlePage in section.specific_class.allowed_subpage_models()
            and section.permissions_for_user(user).can_add_subpage()
        ]
        if sections:
            result.append((unit, sections))
    return result


def _owned_page_keys(user):
    return Page.objects.filter(owner=user).annotate(key=Cast("pk", CharField())).values("key")


def sent_back_to(user):
    """The user's articles the board sent back and they have not resubmitted, each with the board's reason."""
    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .filter(Q(requested_by=user) | Q(object_id__in=_owned_page_keys(user)))
        .order_by("-created_at")[:LISTED]
    )
    rows = []
    for state in states:
        page = state.content_object
        rejection = rejection_of(state)
        if page is not None and rejection is not None:
            rows.append({"page": page, "rejection": rejection})
    return rows


def drafts_of(user):
    """The user's pages not yet sent to the board: never published or changed since, and in no workflow."""
    active = WorkflowState.objects.filter(
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
    ).values("object_id")
    return (
        Page.objects.filter(owner=user, depth__gt=3)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .annotate(key=Cast("pk", CharField()))
        .exclude(key__in=active)
        .order_by("-latest_revision_created_at")[:LISTED]
    )


class DashboardPanel(Component):
    order = 50

    def __init__(self, request):
        self.request = request

    def is_shown(self):
        return True

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.is_shown() else ""


class WritingPanel(DashboardPanel):
    """An editor's start: write an article in one of their sections, finish a draft, fix what was sent back."""

    name = "board_writing"
    template_name = "boards/dashboard/writing.html"
    order = 40

    def __init__(self, request):
        super().__init__(request)
        self.sites = writable_sections(request.user)

    def is_shown(self):
        return bool(self.sites)

    def get_context_data(self, parent_context=None):
        user = self.request.user
        return {
            "sites": [
                {
                    "unit": unit,
                    "sections": [
                        {
                            "section": section,
                            "add_url": reverse(
                                "wagtailadmin_pages:add",
                                args=(ArticlePage._meta.app_label, ArticlePage._meta.model_name, section.pk),
                            ),
                        }
                        for section in sections
                    ],
                }
                for unit, sections in self.sites
            ],
            "sent_back": sent_back_to(user),
            "drafts": drafts_of(user),
        }


class QueuePanel(DashboardPanel):
    """A reviewer's or board head's start: how much waits for them, at which step, and for how long."""

    name = "board_queue"
    template_name = "boards/dashboard/queue.html"
    order = 30

    def is_shown(self):
        user = self.request.user
        return user.is_active and (user.is_superuser or units_where(user, BOARD_ROLES).exists())

    def get_context_data(self, parent_context=None):
        return {"summary": queue_summary(self.request.user), "queue_url": reverse("board_queue")}


class AccountsPanel(DashboardPanel):
    """A site admin's start: the accounts of their site, and where to manage them."""

    name = "site_accounts"
    template_name = "boards/dashboard/accounts.html"
    order = 60

    def __init__(self, request):
        super().__init__(request)
        self.units = list(units_where(request.user, {RoleKey.SITE_ADMIN}))

    def is_shown(self):
        return bool(self.units)

    def get_context_data(self, parent_context=None):
        return {
            "units": self.units,
            "count": managed_accounts(self.request.user).count(),
            "accounts_url": reverse("wagtailusers_users:index"),
        }


def role_panels(request):
    return [WritingPanel(request), QueuePanel(request), AccountsPanel(request)]
