from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Page, Site

from .roles import RoleKey


class Unit(models.Model):
    """An administrative unit that owns one site of the portal: the city, a department, a ward or a commune."""

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        WARD = "ward", _("Phường")
        COMMUNE = "commune", _("Xã")

    code = models.CharField(
        _("mã đơn vị"),
        max_length=16,
        unique=True,
        help_text=_("Mã hành chính chính thức (phường, xã), hoặc mã nội bộ ổn định (sở, ngành)."),
    )
    name = models.CharField(_("tên"), max_length=255, help_text=_("Tên không kèm cấp hành chính: “Đống Đa”."))
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=16, choices=Kind.choices)
    label = models.SlugField(
        _("nhãn tên miền"),
        max_length=63,
        unique=True,
        help_text=_("Phần đầu tên miền, không dấu: dongda → dongda.hanoi.gov.vn."),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    site = models.OneToOneField(
        Site, verbose_name=_("trang"), null=True, blank=True, on_delete=models.SET_NULL, related_name="unit"
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("thư mục ảnh và tài liệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
    )

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name a citizen reads: 'Phường Đống Đa', 'Xã Sóc Sơn', 'Sở Tài chính'."""
        if self.is_ward_or_commune:
            return f"{self.get_kind_display()} {self.name}"
        return self.name

    @classmethod
    def for_page(cls, page):
        """The unit owning the site a page lives in (its home page is the page's depth-2 ancestor)."""
        home_path = page.path[: page.steplen * 2]
        return cls.objects.select_related("site").filter(site__in=sites_of_home(home_path)).first()

    @property
    def is_ward_or_commune(self):
        return self.kind in (self.Kind.WARD, self.Kind.COMMUNE)

    @property
    def hostname(self):
        return hostname_for(self.kind, self.label)


def sites_of_home(home_path):
    """The site whose home page is at `home_path`, as a queryset (one query when evaluated).

    A translation tree (the city's English portal) has no Site of its own: it belongs to the site whose home page
    it translates (same translation key), so that site's board moderates it and its search finds it.
    """
    # The home page's own site is among those rooted at a page of its translation key: one condition, where an OR
    # with the root's path joined every page of the portal to the sites (0.9 s at a million pages, on every publish).
    translated = Page.objects.filter(path=home_path).values("translation_key")
    return Site.objects.filter(root_page__translation_key__in=translated)


def hostname_for(kind, label):
    """Quy chế Art. 5.2: the city on the base domain, every other unit on <label>.<base>."""
    base = settings.PORTAL_BASE_DOMAIN
    return base if kind == Unit.Kind.CITY else f"{label}.{base}"


class SiteRole(models.Model):
    """Links a unit to the user group that plays one role on its site, so renames keep the same group."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=RoleKey.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="site_role")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "role"], name="one_group_per_unit_role")]
        verbose_name = _("vai trò trên trang")
        verbose_name_plural = _("vai trò trên trang")

    def __str__(self):
        return self.group.name
