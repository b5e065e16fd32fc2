from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    source_unit = models.ForeignKey(
        "portal_sites.Unit", verbose_name=_("trang nguồn"), on_delete=models.CASCADE, related_name="+"
    )
    # Kept so that a target board still reads what was shown after the source is deleted.
    source_title = models.CharField(_("tiêu đề bài gốc"), max_length=255)
    source_url = models.URLField(_("địa chỉ bài gốc"), max_length=500)
    target_unit = models.ForeignKey(
        "portal_sites.Unit", verbose_name=_("trang đăng lại"), on_delete=models.CASCADE, related_name="placements"
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
        # The tables keep the names they had when syndication was part of the `sites` app.
        db_table = "portal_sites_placement"
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
    def revocable(self):
        """Offered or shown: the source site may still take it back from the target."""
        return self.state in (self.State.OFFERED, self.State.ACCEPTED)

    @property
    def url(self):
        """The copy's address on the target site (its section's URL and the copy's slug)."""
        return f"{self.section.full_url}{self.slug}/" if self.section_id else ""


class Subscription(models.Model):
    """A site that receives, as offers, every new article the city publishes in one category."""

    unit = models.ForeignKey(
        "portal_sites.Unit", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    category = models.ForeignKey("home.Category", verbose_name=_("chuyên mục tin"), on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "portal_sites_subscription"
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="one_subscription_per_category")]
        verbose_name = _("theo dõi chuyên mục")
        verbose_name_plural = _("theo dõi chuyên mục")

    def __str__(self):
        return f"{self.unit} ← {self.category}"
