from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Page, Site, Task


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
    translated = Page.objects.filter(path=home_path).values("translation_key")
    own_or_translated = models.Q(root_page__path=home_path) | models.Q(root_page__translation_key__in=translated)
    return Site.objects.filter(own_or_translated)


def hostname_for(kind, label):
    """Quy chế Art. 5.2: the city on the base domain, every other unit on <label>.<base>."""
    base = settings.PORTAL_BASE_DOMAIN
    return base if kind == Unit.Kind.CITY else f"{label}.{base}"


class SiteRole(models.Model):
    """Links a unit to the user group that plays one role on its site, so renames keep the same group."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="site_role")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "role"], name="one_group_per_unit_role")]
        verbose_name = _("vai trò trên trang")
        verbose_name_plural = _("vai trò trên trang")

    def __str__(self):
        return self.group.name


class BoardTask(Task):
    """A workflow step taken by one role of the board of whichever site the page belongs to.

    One task per role serves all 142 sites: the reviewing group is resolved from the page's unit when the task
    runs, so no site can ever see, approve or publish another site's content, and no per-site task rows exist.
    """

    class Role(models.TextChoices):
        # Named after who acts: the admin reads "Gửi lại Trưởng ban Biên tập duyệt".
        REVIEWER = "reviewer", _("Thành viên Ban Biên tập")
        BOARD_HEAD = "board_head", _("Trưởng ban Biên tập")

    role = models.CharField(_("vai trò duyệt"), max_length=32, choices=Role.choices, unique=True)

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        verbose_name = _("bước duyệt của Ban Biên tập")
        verbose_name_plural = _("bước duyệt của Ban Biên tập")

    def __str__(self):
        return self.name

    @property
    def acting_roles(self):
        """A board head may also act at the review step: wards often have only one or two people."""
        if self.role == self.Role.REVIEWER:
            return (self.Role.REVIEWER, self.Role.BOARD_HEAD)
        return (self.Role.BOARD_HEAD,)

    def acts_on(self, obj, user):
        from .boards import user_acts_for_page

        return user_acts_for_page(user, obj, self.acting_roles)

    def user_can_access_editor(self, obj, user):
        return self.acts_on(obj, user)

    def locked_for_user(self, obj, user):
        return not self.acts_on(obj, user)

    def user_can_lock(self, obj, user):
        return self.acts_on(obj, user)

    def get_actions(self, obj, user):
        from .boards import board_actions

        return board_actions(self, obj, user)

    def get_form_for_action(self, action):
        from .boards import RejectionForm

        return RejectionForm if action == "reject" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from .boards import rejection_comment

        if action_name == "reject":
            kwargs = {"comment": rejection_comment(kwargs.get("reason"), kwargs.get("comment", ""))}
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .boards import task_states_for_units

        return task_states_for_units(self, user)

    @classmethod
    def get_description(cls):
        return _("Thành viên Ban Biên tập của chính trang có bài duyệt bước này.")


class Placement(models.Model):
    """One article of one site shown on another site (Quy chế Art. 12.1): an offer, and once accepted, a copy.

    A copy is this row, not a page: the target site reads the source page's live content through it, so a
    republished source shows everywhere at once and 141 copies cost 141 small rows (docs/syndication.md).
    """

    class State(models.TextChoices):
        OFFERED = "offered", _("Chờ nhận")
        ACCEPTED = "accepted", _("Đã nhận")
        DECLINED = "declined", _("Từ chối")
        REVOKED = "revoked", _("Bị thu hồi")
        WITHDRAWN = "withdrawn", _("Bài gốc đã gỡ")
        SOURCE_DELETED = "source_deleted", _("Bài gốc đã xóa")
        UNLINKED = "unlinked", _("Đã tách thành bài riêng")

    class Origin(models.TextChoices):
        PUSH = "push", _("Được chia sẻ")
        PULL = "pull", _("Tự chọn đăng lại")
        SUBSCRIPTION = "subscription", _("Theo dõi chuyên mục")
        PROPOSE = "propose", _("Đề xuất lên Cổng Thành phố")

    source = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("bài gốc"), null=True, on_delete=models.SET_NULL, related_name="placements"
    )
    source_unit = models.ForeignKey(Unit, verbose_name=_("trang nguồn"), on_delete=models.CASCADE, related_name="+")
    # Kept so that a target board still reads what was shown after the source is deleted.
    source_title = models.CharField(_("tiêu đề bài gốc"), max_length=255)
    source_url = models.URLField(_("địa chỉ bài gốc"), max_length=500)
    target_unit = models.ForeignKey(
        Unit, verbose_name=_("trang đăng lại"), on_delete=models.CASCADE, related_name="placements"
    )
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.OFFERED)
    origin = models.CharField(_("hình thức"), max_length=16, choices=Origin.choices, default=Origin.PUSH)
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("chuyên mục đăng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slug = models.SlugField(max_length=255, blank=True)
    live_at = models.DateTimeField(_("hiển thị từ"), null=True, blank=True)
    # Whether the copy's going live has been announced (search entry, API caches); scheduled ones wait for it.
    announced = models.BooleanField(default=False)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(_("thời gian chia sẻ"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("thời gian xử lý"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    forked_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="forked_from"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target_unit"], name="one_placement_per_target")]
        indexes = [
            models.Index(fields=["target_unit", "state", "live_at"], name="placement_target_state"),
            models.Index(fields=["section", "slug"], name="placement_section_slug"),
        ]
        verbose_name = _("bài đăng lại")
        verbose_name_plural = _("bài đăng lại")

    def __str__(self):
        return f"{self.source_title} → {self.target_unit}"

    @property
    def url(self):
        """The copy's address on the target site (its section's URL and the copy's slug)."""
        return f"{self.section.full_url}{self.slug}/" if self.section_id else ""


class Subscription(models.Model):
    """A site that receives, as offers, every new article the city publishes in one category."""

    unit = models.ForeignKey(Unit, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="subscriptions")
    category = models.ForeignKey("home.Category", verbose_name=_("chuyên mục tin"), on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="one_subscription_per_category")]
        verbose_name = _("theo dõi chuyên mục")
        verbose_name_plural = _("theo dõi chuyên mục")

    def __str__(self):
        return f"{self.unit} ← {self.category}"
