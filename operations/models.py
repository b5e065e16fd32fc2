"""Planned downtime (Decree 224/2026 Art. 13): a maintenance window announced on every site before it starts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.working_time import add_working_days

# Decree 224/2026 Art. 13: planned downtime is announced at least 7 working days ahead.
NOTICE_WORKING_DAYS = 7


class MaintenanceWindowQuerySet(models.QuerySet):
    def announced(self, now=None):
        """Windows not over yet: their notice shows from the moment they are scheduled until they end."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at")

    def in_progress(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now).order_by("starts_at")


class MaintenanceWindow(models.Model):
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    message = models.TextField(
        _("nội dung thông báo"),
        help_text=_("Hiển thị cho người dân trên mọi trang và trong API, ví dụ: lý do và những gì bị ảnh hưởng."),
    )
    is_emergency = models.BooleanField(
        _("khẩn cấp"),
        default=False,
        help_text=_("Chỉ khi không thể báo trước 7 ngày làm việc (sự cố, vá lỗi bảo mật); phải ghi rõ lý do."),
    )
    emergency_reason = models.TextField(_("lý do khẩn cấp"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = MaintenanceWindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch bảo trì")
        verbose_name_plural = _("lịch bảo trì")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"Bảo trì {self.period}"

    @property
    def period(self):
        """'từ 22:00 ngày 15/12/2026 đến 02:00 ngày 16/12/2026', Hanoi time."""
        start, end = (timezone.localtime(moment) for moment in (self.starts_at, self.ends_at))
        return f"từ {start:%H:%M} ngày {start:%d/%m/%Y} đến {end:%H:%M} ngày {end:%d/%m/%Y}"

    @property
    def seconds_left(self):
        return max(0, int((self.ends_at - timezone.now()).total_seconds()))

    def _start_is_new(self):
        """A new window, or its start moved: the public needs the full notice again. A corrected message does not."""
        if self._state.adding:
            return True
        return not type(self).objects.filter(pk=self.pk, starts_at=self.starts_at).exists()

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")
        if self.is_emergency and not self.emergency_reason.strip():
            errors["emergency_reason"] = _("Lịch bảo trì khẩn cấp phải ghi rõ lý do.")
        if self.starts_at and not self.is_emergency and self._start_is_new():
            earliest = timezone.localtime(add_working_days(timezone.now(), NOTICE_WORKING_DAYS))
            if self.starts_at < earliest:
                errors["starts_at"] = _(
                    "Phải thông báo trước ít nhất 7 ngày làm việc (Nghị định 224/2026, Điều 13): "
                    "sớm nhất là %(earliest)s. Nếu thật sự cần sớm hơn, hãy đánh dấu khẩn cấp và ghi lý do."
                ) % {"earliest": f"{earliest:%H:%M} ngày {earliest:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)


class JobState(models.Model):
    """Where one periodic job of the scheduler stands (operations/scheduler.py): the slot it last completed, and its
    last run — when, how long, whether it worked and what it said — for the operator's screen."""

    name = models.CharField(_("tác vụ"), max_length=64, primary_key=True)
    done_slot = models.DateTimeField(_("lượt đã xong gần nhất"), null=True)
    last_slot = models.DateTimeField(_("lượt chạy gần nhất"), null=True)
    last_started_at = models.DateTimeField(_("chạy lần cuối lúc"), null=True)
    last_duration = models.DurationField(_("thời gian chạy"), null=True)
    last_ok = models.BooleanField(_("thành công"), null=True)
    last_message = models.TextField(_("kết quả"), blank=True)
    last_success_at = models.DateTimeField(_("thành công lần cuối lúc"), null=True)

    class Meta:
        verbose_name = _("tác vụ định kỳ")
        verbose_name_plural = _("tác vụ định kỳ")

    def __str__(self):
        return self.name
