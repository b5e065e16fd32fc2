"""What bulk imports remember: which page each external_id became, so a re-import finds it instead of duplicating."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    external_id = models.CharField(
        _("mã nguồn"),
        max_length=255,
        unique=True,
        help_text=_("Mã của tin, bài ở hệ thống cũ, duy nhất trên toàn Cổng (ví dụ: dongda-cms:1234)."),
    )
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="imported_item"
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    class Meta:
        verbose_name = _("trang đã nhập")
        verbose_name_plural = _("trang đã nhập")

    def __str__(self):
        return self.external_id
