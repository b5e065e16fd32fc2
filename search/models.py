"""The citizen search index: one row per live page, kept current on publish, unpublish, move and delete."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import normalise, query_key


class SearchEntry(models.Model):
    """What citizen search knows of one live page: its text as published, and what results are filtered on.

    The text stays NFC as editors wrote it (snippets, exact-diacritic ranking). The folded copies
    (`search.text.searchable`: folded, i/y spellings made one) are filled in Python on every database: SQLite's
    FTS5 indexes them, PostgreSQL's generated `folded_vector` is made from them (migrations 0001 and 0005), the
    cluster engine sends them. Full-text indexes over these columns live in those migrations.
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
        # A site's newest entries first: its walk through a common word's matches (search/backends/sql.py).
        indexes = [models.Index(fields=["site", "page"], name="search_entry_site_newest")]
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return self.title


class SearchCopy(models.Model):
    """A site showing a page it did not write (a syndicated copy, a Wagtail alias): found there, as its source."""

    placement = models.OneToOneField(
        "syndication.Placement", null=True, on_delete=models.CASCADE, related_name="search_copy"
    )
    alias = models.OneToOneField("wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="search_copy")
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="copies")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["site", "entry"])]
        verbose_name = _("bản đăng lại")
        verbose_name_plural = _("bản đăng lại")

    def __str__(self):
        return f"{self.entry} ({self.site})"


class SearchPromotion(models.Model):
    """A page an editor pins first for a query on their own site; a city pin may apply to every site."""

    unit = models.ForeignKey(
        "portal_sites.Unit", on_delete=models.CASCADE, related_name="search_promotions", verbose_name=_("đơn vị")
    )
    query = models.CharField(
        _("từ khóa"),
        max_length=255,
        help_text=_("Có dấu hay không dấu đều được: “hộ chiếu” cũng khớp “ho chieu”."),
    )
    query_folded = models.CharField(max_length=255, db_index=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang được ghim")
    )
    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Hiện dưới tiêu đề thay cho đoạn trích, nếu có.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiện trước."))
    everywhere = models.BooleanField(
        _("áp dụng cho mọi trang"),
        default=False,
        help_text=_("Chỉ cho ghim của Thành phố: hiện trên kết quả tìm kiếm của mọi trang thành phần."),
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("ghim kết quả tìm kiếm")
        verbose_name_plural = _("ghim kết quả tìm kiếm")

    def __str__(self):
        return self.query

    def save(self, *args, **kwargs):
        self.query = normalise(self.query)
        self.query_folded = query_key(self.query)
        super().save(*args, **kwargs)


class SearchQueryDay(models.Model):
    """How often one (folded) query was searched on one site on one day: the popular-queries report reads these."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang"))
    day = models.DateField(_("ngày"))
    query_folded = models.CharField(_("từ khóa"), max_length=255)
    searches = models.PositiveIntegerField(_("lượt tìm"), default=0)
    empty_searches = models.PositiveIntegerField(_("lượt không có kết quả"), default=0)
    results = models.PositiveIntegerField(_("số kết quả gần nhất"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "day", "query_folded"], name="search_query_day_unique")]
        indexes = [models.Index(fields=["day", "site"], name="search_query_day_site")]
        verbose_name = _("từ khóa tìm kiếm theo ngày")
        verbose_name_plural = _("từ khóa tìm kiếm theo ngày")

    def __str__(self):
        return f"{self.query_folded} ({self.day})"
