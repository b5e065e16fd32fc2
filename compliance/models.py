"""The materialised figures: one row per site and day, one row per item with a publication deadline.

Filled by `manage.py compute_compliance` (nightly, and backfillable with --since): the dashboard, the reports and the
self-assessment read these rows and never scan the page tree.
"""

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _


class Counts(models.Model):
    """What is summed over the days of a period: shared by the daily row and its monthly roll-up, so the two always
    carry the same figures."""

    published = models.PositiveIntegerField(_("tin bài mới"), default=0)
    deadline_items = models.PositiveIntegerField(_("văn bản có thời hạn"), default=0)
    deadline_missed = models.PositiveIntegerField(_("văn bản đăng trễ hạn"), default=0)
    page_views = models.PositiveIntegerField(_("lượt xem trang"), default=0)
    searches = models.PositiveIntegerField(_("lượt tìm kiếm"), default=0)
    empty_searches = models.PositiveIntegerField(_("lượt tìm không có kết quả"), default=0)
    # Citizens' questions (Quy chế Art. 13.1.e), each deadline counted once, on the day its outcome became known:
    # met on the day the board acted in time, missed on the day it passed with nothing done (compute.py).
    questions_received = models.PositiveIntegerField(_("câu hỏi nhận được"), default=0)
    questions_routed_on_time = models.PositiveIntegerField(_("câu hỏi chuyển xử lý đúng hạn"), default=0)
    questions_route_missed = models.PositiveIntegerField(_("câu hỏi quá hạn chuyển xử lý"), default=0)
    questions_answered_on_time = models.PositiveIntegerField(_("câu hỏi trả lời đúng hạn"), default=0)
    questions_answer_missed = models.PositiveIntegerField(_("câu hỏi quá hạn trả lời"), default=0)
    # Citizens' ratings of the site's pages that day: how many, and the sum of each aspect (means over any period).
    ratings = models.PositiveIntegerField(_("lượt đánh giá"), default=0)
    rating_interface = models.PositiveIntegerField(_("tổng điểm giao diện"), default=0)
    rating_content = models.PositiveIntegerField(_("tổng điểm nội dung"), default=0)
    rating_quality = models.PositiveIntegerField(_("tổng điểm chất lượng"), default=0)
    rating_support = models.PositiveIntegerField(_("tổng điểm hỗ trợ"), default=0)
    # Comments on the site's drafts (Quy chế Art. 4.3, participation in law-making): received that day, and approved
    # for publication by the board that day (compute.py: draft_comments).
    comments_received = models.PositiveIntegerField(_("góp ý dự thảo nhận được"), default=0)
    comments_approved = models.PositiveIntegerField(_("góp ý dự thảo được duyệt công khai"), default=0)

    class Meta:
        abstract = True


# What a period's summary adds up: the days with a quota and those that met it, and every count above.
SUMMED = ("quota_days", "quota_met_days", *(field.name for field in Counts._meta.local_fields))


class DailyFigure(Counts):
    """What one site did on one day (Asia/Ho_Chi_Minh) against Quy chế Art. 13.2, and how citizens used its search."""

    unit = models.ForeignKey(
        "portal_sites.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="daily_figures"
    )
    day = models.DateField(_("ngày"))
    working_day = models.BooleanField(_("ngày làm việc"))
    morning = models.PositiveIntegerField(_("buổi sáng"), default=0)
    afternoon = models.PositiveIntegerField(_("buổi chiều"), default=0)
    evening = models.PositiveIntegerField(_("buổi tối"), default=0)
    # None: no quota that day (a component site on a weekend or holiday).
    quota_met = models.BooleanField(_("đạt tần suất"), null=True)
    # Percent of the Decree 224 Art. 9 items present, as measured on that day (None for days backfilled later).
    completeness = models.PositiveSmallIntegerField(_("mức đầy đủ (%)"), null=True)
    computed_at = models.DateTimeField(_("tính lúc"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="one_figure_per_unit_day")]
        indexes = [models.Index(fields=["day", "unit"], name="figure_day_unit")]
        ordering = ["unit", "day"]
        verbose_name = _("số liệu ngày")
        verbose_name_plural = _("số liệu ngày")

    def __str__(self):
        return f"{self.unit_id} {self.day}"

    @staticmethod
    def totals():
        """The aggregates that sum daily rows into a month's or a period's figures (quota days counted)."""
        return {
            "quota_days": Count("pk", filter=Q(quota_met__isnull=False)),
            "quota_met_days": Count("pk", filter=Q(quota_met=True)),
            **{name: Sum(name) for name in SUMMED if name not in ("quota_days", "quota_met_days")},
        }


class MonthlyFigure(Counts):
    """The daily rows of one site and calendar month summed, rewritten with them (compute.py: roll_up_months).

    Why: a year's report of 142 sites reads 1,704 of these instead of 51,830 daily rows (figures.py: summaries).
    """

    unit = models.ForeignKey("portal_sites.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    quota_days = models.PositiveIntegerField(_("ngày phải đạt tần suất"), default=0)
    quota_met_days = models.PositiveIntegerField(_("ngày đạt tần suất"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="one_figure_per_unit_month")]
        verbose_name = _("số liệu tháng")
        verbose_name_plural = _("số liệu tháng")

    def __str__(self):
        return f"{self.unit_id} {self.month:%m/%Y}"

    @staticmethod
    def totals():
        """The aggregates that sum monthly rows into a period's figures, the same names as DailyFigure.totals()."""
        return {name: Sum(name) for name in SUMMED}


class PageViewDay(models.Model):
    """Views of a site's pages on one day, from the portal's own counter (compliance/pageviews.py)."""

    unit = models.ForeignKey("portal_sites.Unit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="one_page_view_count_per_unit_day")]
        verbose_name = _("lượt xem trang")
        verbose_name_plural = _("lượt xem trang")

    def __str__(self):
        return f"{self.unit_id} {self.day}: {self.views}"


class DeadlineItem(models.Model):
    """An item Quy chế Art. 13.1 gives a deadline: its own date, its first publication, the working days between."""

    class Kind(models.TextChoices):
        LEGAL_ISSUER = "legal_issuer", _("Văn bản do đơn vị ban hành")
        LEGAL_SCOPE = "legal_scope", _("Văn bản thuộc phạm vi điều chỉnh")
        GUIDANCE = "guidance", _("Hướng dẫn thực hiện pháp luật")
        PLAN = "plan", _("Kế hoạch, dự án")
        STATISTICS = "statistics", _("Báo cáo thống kê")

    unit = models.ForeignKey(
        "portal_sites.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="deadline_items"
    )
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="deadline_item"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    own_date = models.DateField(_("ngày ban hành, phê duyệt, công bố"))
    published_on = models.DateField(_("ngày đăng"))
    delay = models.PositiveIntegerField(_("số ngày làm việc"))
    limit = models.PositiveIntegerField(_("thời hạn (ngày làm việc)"))

    class Meta:
        indexes = [models.Index(fields=["unit", "published_on"], name="deadline_unit_published")]
        ordering = ["-published_on", "pk"]
        verbose_name = _("văn bản có thời hạn đăng")
        verbose_name_plural = _("văn bản có thời hạn đăng")

    def __str__(self):
        return self.title

    @property
    def met(self):
        return self.delay <= self.limit


class SiteCheck(models.Model):
    """One page of a site checked by Lighthouse: its accessibility score (Lighthouse runs axe-core's WCAG audits) and
    its performance score (a simulated mobile load), recorded from the run's JSON report by
    `manage.py record_site_checks`. A lab measurement of the pages the operator chose, as fresh as the last run
    recorded (docs/compliance.md)."""

    unit = models.ForeignKey("portal_sites.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    url = models.URLField(_("địa chỉ trang"), max_length=500)
    measured_at = models.DateTimeField(_("đo lúc"))
    tool = models.CharField(_("công cụ"), max_length=64)
    accessibility = models.PositiveSmallIntegerField(_("điểm khả năng tiếp cận"), null=True)
    performance = models.PositiveSmallIntegerField(_("điểm hiệu năng"), null=True)
    # The accessibility audits the page failed (Lighthouse ids, e.g. "color-contrast"), for the site to fix.
    failed_audits = models.JSONField(_("tiêu chí không đạt"), default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["url", "measured_at"], name="one_check_per_page_run")]
        indexes = [models.Index(fields=["unit", "measured_at"], name="check_unit_measured")]
        verbose_name = _("kết quả kiểm tra tự động")
        verbose_name_plural = _("kết quả kiểm tra tự động")

    def __str__(self):
        return f"{self.url} {self.measured_at:%d/%m/%Y}"
