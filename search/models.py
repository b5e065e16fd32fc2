"""The citizen search index: one row per live page, kept current on publish, unpublish, move and delete."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What citizen search knows of one live page: its text as published, and what results are filtered on.

    The text stays NFC as editors wrote it (snippets, exact-diacritic ranking). The folded copies are filled only
    on SQLite, which cannot fold Vietnamese itself; PostgreSQL folds with its `vi_unaccent` configuration in
    generated columns (migration 0001). Full-text indexes over these columns live in that migration too.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("trang")
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    section_key = models.CharField(_("chuyên mục"), max_length=32, blank=True, db_index=True)
    date = models.DateField(_("ngày"), db_index=True)
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    path = models.CharField(max_length=255, db_index=True)
    title = models.TextField(_("tiêu đề"))
    text = models.TextField(_("nội dung"), blank=True)
    title_folded = models.TextField(blank=True)
    text_folded = models.TextField(blank=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return self.title


class SearchCopy(models.Model):
    """A site that re-posted a page as a Wagtail alias: the copy is found on that site, as its source."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="search_copy"
    )
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="copies")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["site", "entry"])]
        verbose_name = _("bản đăng lại")
        verbose_name_plural = _("bản đăng lại")

    def __str__(self):
        return f"{self.entry} ({self.site})"
