"""The user groups every site gets, and what each may do there.

Each group's page permissions are granted on its own site's home page and its media permissions on its
own collection, so Wagtail's permission system keeps every board to its own tree on the server.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
MEDIA_USE = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
# Per-site snippets are limited to the user's units by sites.ownership; taxonomies to the city's roles.
SNIPPETS = tuple(
    f"home.{action}_{model}"
    for model in ("notice", "official", "contactcard", "category", "field")
    for action in ("add", "change", "delete")
)
# The site's identity (home.SiteIdentity: name, contacts, logo), granted on the unit's own Site only.
SITE_SETTINGS = ("home.change_siteidentity",)
MEDIA_MANAGE = (
    *MEDIA_USE,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
)


class RoleKey(models.TextChoices):
    """The roles a group plays on one unit's site; stored in `SiteRole.role`."""

    EDITOR = "editor", _("Biên tập viên")
    REVIEWER = "reviewer", _("Thành viên Ban Biên tập")
    BOARD_HEAD = "board_head", _("Trưởng ban Biên tập")
    SITE_ADMIN = "site_admin", _("Quản trị trang")
    OPERATOR = "operator", _("Đơn vị vận hành Cổng")


# The roles that sit on a site's editorial board (Quy chế Art. 6.3): they review, and the head approves.
BOARD_ROLES = frozenset({RoleKey.REVIEWER, RoleKey.BOARD_HEAD})


@dataclass(frozen=True)
class Role:
    key: RoleKey
    page_permissions: tuple[str, ...]
    collection_permissions: tuple[str, ...]
    model_permissions: tuple[str, ...] = (ADMIN_ACCESS, *SNIPPETS)
    # A city-level role is granted on the whole tree and every collection rather than one site's.
    whole_portal: bool = False
    # Permissions on the unit's own Wagtail Site (site settings), through GroupSitePermission.
    site_permissions: tuple[str, ...] = ()

    @property
    def title(self):
        return self.key.label


SITE_ROLES = (
    Role(RoleKey.EDITOR, ("add", "change", "lock"), MEDIA_USE),
    Role(RoleKey.REVIEWER, ("change", "lock"), MEDIA_USE),
    Role(RoleKey.BOARD_HEAD, ("add", "change", "lock", "unlock", "publish"), MEDIA_USE),
    # The site admin runs the site (accounts, media, structure) but publishes nothing: that is the board's call.
    # It manages its unit's accounts by this role (sites/accounts.py), never auth.* permissions: see there why.
    Role(
        RoleKey.SITE_ADMIN,
        ("add", "change", "lock", "unlock", "bulk_delete"),
        MEDIA_MANAGE,
        site_permissions=SITE_SETTINGS,
    ),
)

OPERATOR_ROLE = Role(
    RoleKey.OPERATOR,
    ("add", "change", "lock", "unlock", "publish", "bulk_delete"),
    MEDIA_MANAGE,
    model_permissions=(
        ADMIN_ACCESS,
        *SNIPPETS,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "portal_sites.view_unit",
        "portal_sites.change_unit",
        # Every site's identity (a global permission: Wagtail's settings view then offers every site).
        *SITE_SETTINGS,
    ),
    whole_portal=True,
)


def group_name(unit_display_name, role):
    return f"{unit_display_name} · {role.title}"
