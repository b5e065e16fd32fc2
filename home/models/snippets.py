"""Shared content: city-wide taxonomies, notices and banners, the officials directory, contact cards.

Each snippet that belongs to a site carries `unit`; `sites.ownership` limits every admin view to the units of the
user's groups, and city-wide taxonomies (no unit) to city roles.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.search import index

from sites.models import Unit
from sites.naming import vietnamese_slug
from sites.ownership import UnitOwnedForm

from ..text import normalize_instance


class NormalizedSnippet(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalize_instance(self)
        super().save(*args, **kwargs)

    def clean(self):
        normalize_instance(self)
        super().clean()


class Taxonomy(NormalizedSnippet):
    name = models.CharField(_("tên"), max_length=255, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True, blank=True)

    panels = [FieldPanel("name")]
    api_fields = [APIField("name"), APIField("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or vietnamese_slug(self.name)
        super().save(*args, **kwargs)


class Category(Taxonomy):
    """A news category of the city portal ("Tuyên truyền", "Chỉ đạo điều hành"), shared by every site."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")


class Field(Taxonomy):
    """A field of state management (lĩnh vực): "Hộ tịch", "Đất đai", "Giáo dục"."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class UnitOwned(NormalizedSnippet):
    base_form_class = UnitOwnedForm

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class NoticeQuerySet(models.QuerySet):
    def targeting(self, unit):
        """The notices a unit's site shows at one time or another: its own, and the city's that target it."""
        city_targets = Q(audience=Notice.Audience.ALL) | Q(audience=Notice.Audience.CHOSEN, target_units=unit)
        if unit.kind == Unit.Kind.DEPARTMENT:
            city_targets |= Q(audience=Notice.Audience.DEPARTMENTS)
        if unit.is_ward_or_commune:
            city_targets |= Q(audience=Notice.Audience.WARDS_AND_COMMUNES)
        return self.filter(Q(unit=unit) | (Q(unit__kind=Unit.Kind.CITY) & city_targets))

    def shown_on(self, unit, at=None):
        """Active notices a unit's site shows, most urgent first."""
        at = at or timezone.now()
        return (
            self.targeting(unit)
            .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=at), Q(ends_at__isnull=True) | Q(ends_at__gt=at))
            .distinct()
            .order_by("-level", "-starts_at", "-pk")
        )

    def next_change(self, unit, at=None):
        """The first moment after `at` at which a notice the unit's site shows starts or ends (None: none will). Until
        then only saving or deleting a notice changes what `shown_on` finds."""
        at = at or timezone.now()
        found = self.targeting(unit).aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=at)), end=Min("ends_at", filter=Q(ends_at__gt=at))
        )
        return min((moment for moment in found.values() if moment), default=None)


class Notice(UnitOwned):
    """A notice or banner. A site's own notices show on that site; the city's may target many sites."""

    class Audience(models.TextChoices):
        OWN = "own", _("Chỉ trang của đơn vị")
        ALL = "all", _("Mọi trang")
        DEPARTMENTS = "departments", _("Các sở, ngành")
        WARDS_AND_COMMUNES = "wards", _("Các phường, xã")
        CHOSEN = "chosen", _("Các trang được chọn")

    class Level(models.IntegerChoices):
        INFO = 0, _("Thông tin")
        IMPORTANT = 1, _("Quan trọng")
        URGENT = 2, _("Khẩn")

    title = models.CharField(_("tiêu đề"), max_length=255)
    message = models.TextField(_("nội dung"), blank=True)
    link = models.URLField(_("đường dẫn"), blank=True)
    level = models.IntegerField(_("mức độ"), choices=Level.choices, default=Level.INFO)
    audience = models.CharField(_("hiển thị trên"), max_length=20, choices=Audience.choices, default=Audience.OWN)
    target_units = models.ManyToManyField(Unit, verbose_name=_("các trang được chọn"), blank=True, related_name="+")
    starts_at = models.DateTimeField(_("hiển thị từ"), null=True, blank=True)
    ends_at = models.DateTimeField(_("hiển thị đến"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    panels = [
        FieldPanel("unit"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link"),
        FieldPanel("level"),
        FieldPanel("audience"),
        FieldPanel("target_units"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]
    api_fields = [APIField("title"), APIField("message"), APIField("link"), APIField("level"), APIField("ends_at")]
    search_fields = [index.SearchField("title"), index.SearchField("message")]

    class Meta:
        verbose_name = _("thông báo chung")
        verbose_name_plural = _("thông báo chung")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.audience != self.Audience.OWN and self.unit_id and self.unit.kind != Unit.Kind.CITY:
            raise ValidationError({"audience": _("Chỉ thành phố được đăng thông báo lên trang của đơn vị khác.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})


class Official(UnitOwned):
    """An entry of the officials directory."""

    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("unit"),
        FieldPanel("name"),
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldPanel("sort_order"),
    ]
    api_fields = [APIField("name"), APIField("position"), APIField("phone"), APIField("email"), APIField("photo")]
    search_fields = [index.SearchField("name"), index.SearchField("position")]

    class Meta:
        ordering = ["unit", "sort_order", "name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("danh bạ cán bộ")

    def __str__(self):
        return f"{self.name} – {self.position}"


class ContactCard(UnitOwned):
    """A reusable contact: a one-stop shop, a hotline, a reception desk."""

    title = models.CharField(_("tên đầu mối"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=255, blank=True)

    panels = [
        FieldPanel("unit"),
        FieldPanel("title"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("office_hours"),
    ]
    api_fields = [
        APIField("title"),
        APIField("address"),
        APIField("phone"),
        APIField("email"),
        APIField("office_hours"),
    ]

    class Meta:
        verbose_name = _("đầu mối liên hệ")
        verbose_name_plural = _("đầu mối liên hệ")

    def __str__(self):
        return f"{self.title} ({self.unit})"
