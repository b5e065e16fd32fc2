"""Each site's identity: who runs it and how to reach them, shown in the header, footer and contact page.

A Wagtail site setting (one row per site): the site's own admin edits it through Wagtail's settings view, which
checks a per-site permission (`GroupSitePermission`, granted by provisioning on the unit's own site only), so a
ward's admin can never open another site's identity. Provisioning fills what the official catalogue knows (full
and short name); editors fill the rest. A public page reads it without writing (`for_public_site`).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting

from ..forms import SiteIdentityForm
from .snippets import NormalizedSnippet

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOUR = "#a50e0e"  # the portal's red (cms/static/css/portal.css)


def validate_colour(value):
    if value and not COLOUR.match(value):
        raise ValidationError(_("Mã màu có dạng #RRGGBB, ví dụ #A4161A."))


class SiteIdentity(NormalizedSnippet, BaseSiteSetting):
    base_form_class = SiteIdentityForm

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        help_text=_("Quốc huy hoặc logo của đơn vị, hiện ở đầu trang (nên là ảnh vuông)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    full_name = models.CharField(
        _("tên cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Tên đầy đủ, ví dụ: Ủy ban nhân dân phường Hoàn Kiếm."),
    )
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"), max_length=255, blank=True, help_text=_("Họ tên người chịu trách nhiệm chính.")
    )
    responsible_position = models.CharField(_("chức vụ người chịu trách nhiệm"), max_length=255, blank=True)
    working_hours = models.CharField(
        _("giờ làm việc"), max_length=255, blank=True, help_text=_("Ví dụ: Sáng 8h00–12h00, chiều 13h00–17h00.")
    )
    licence = models.CharField(
        _("giấy phép"), max_length=255, blank=True, help_text=_("Số giấy phép thiết lập trang, nếu có.")
    )
    facebook_url = models.URLField(_("trang Facebook"), blank=True)
    youtube_url = models.URLField(_("kênh YouTube"), blank=True)
    zalo_url = models.URLField(_("Zalo OA"), blank=True)
    colour = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        blank=True,
        validators=[validate_colour],
        help_text=_("Để trống: màu đỏ chung của Cổng. Chọn màu đủ đậm để chữ trắng trên nền dễ đọc."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("full_name"), FieldPanel("short_name"), FieldPanel("colour")],
            heading=_("Nhận diện"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("hotline")]),
                FieldPanel("email"),
                FieldPanel("working_hours"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("responsible_person"), FieldPanel("responsible_position")]),
                FieldPanel("licence"),
            ],
            heading=_("Chịu trách nhiệm"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("zalo_url")],
            heading=_("Mạng xã hội"),
        ),
    ]
    # Every field but the logo is text; the API serves them all (and api/openapi.py describes them from this list).
    TEXT_FIELDS = (
        "full_name",
        "short_name",
        "address",
        "phone",
        "hotline",
        "email",
        "responsible_person",
        "responsible_position",
        "working_hours",
        "licence",
        "facebook_url",
        "youtube_url",
        "zalo_url",
        "colour",
    )
    api_fields = [APIField("logo"), *(APIField(name) for name in TEXT_FIELDS)]
    select_related = ["logo"]

    class Meta:
        verbose_name = _("thông tin đơn vị")
        verbose_name_plural = _("thông tin đơn vị")

    @classmethod
    def for_public_site(cls, site):
        """The site's identity, or an empty unsaved one: a citizen's request never writes a row."""
        if site is None:
            return cls()
        return cls.base_queryset().filter(site=site).first() or cls(site=site)

    @property
    def theme_colour(self):
        return self.colour or DEFAULT_COLOUR

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (("Facebook", self.facebook_url), ("YouTube", self.youtube_url), ("Zalo", self.zalo_url))
            if url
        ]
