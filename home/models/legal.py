"""Legal and administrative documents: the fields citizens search by (Decree 224 Art. 9)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from .base import PortalPage
from .pages import CONTENT_PARENTS

# "4488/QĐ-UBND", "12/2024/NQ-HĐND", "123/KH-UBND": number, optional year, then the type-issuer symbol.
DOCUMENT_NUMBER = re.compile(r"^\d+(/\d{4})?/[0-9A-ZĐ]+(-[0-9A-ZĐ]+)*$")


class LegalDocumentPage(PortalPage):
    listed = True
    date_field = "issue_date"

    class DocumentType(models.TextChoices):
        LAW = "luat", _("Luật")
        DECREE = "nghi_dinh", _("Nghị định")
        RESOLUTION = "nghi_quyet", _("Nghị quyết")
        DECISION = "quyet_dinh", _("Quyết định")
        DIRECTIVE = "chi_thi", _("Chỉ thị")
        CIRCULAR = "thong_tu", _("Thông tư")
        PLAN = "ke_hoach", _("Kế hoạch")
        OFFICIAL_LETTER = "cong_van", _("Công văn")
        NOTICE = "thong_bao", _("Thông báo")
        REPORT = "bao_cao", _("Báo cáo")
        GUIDANCE = "huong_dan", _("Hướng dẫn")
        OTHER = "khac", _("Khác")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("Còn hiệu lực")
        NOT_YET = "not_yet", _("Chưa có hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        REPLACED = "replaced", _("Bị thay thế")

    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(
        _("số, ký hiệu"), max_length=100, db_index=True, help_text=_("Ví dụ: 4488/QĐ-UBND hoặc 12/2024/NQ-HĐND.")
    )
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    field = models.ForeignKey(
        "home.Field", verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.SET_NULL
    )
    issue_date = models.DateField(_("ngày ban hành"), db_index=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(_("tình trạng hiệu lực"), max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    abstract = models.TextField(_("trích yếu"))

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("signer")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("field")]),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("abstract"),
        InlinePanel("attachments", label=_("Tệp văn bản"), min_num=0),
        InlinePanel("related_documents", label=_("Văn bản liên quan")),
    ]
    api_fields = [
        APIField("document_type"),
        APIField("number"),
        APIField("issuing_body"),
        APIField("signer"),
        APIField("field"),
        APIField("issue_date"),
        APIField("effective_date"),
        APIField("status"),
        APIField("abstract"),
        APIField("attachments"),
        APIField("related_documents"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("number"),
        index.SearchField("abstract"),
        index.SearchField("issuing_body"),
        index.SearchField("signer"),
        index.FilterField("document_type"),
        index.FilterField("status"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def clean(self):
        super().clean()
        errors = {}
        if self.number and not DOCUMENT_NUMBER.match(self.number.strip()):
            errors["number"] = _("Số, ký hiệu chưa đúng dạng, ví dụ: 4488/QĐ-UBND hoặc 12/2024/NQ-HĐND.")
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if errors:
            raise ValidationError(errors)
