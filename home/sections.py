"""The standard sections every state site must have (Decree 224 Art. 9), in menu order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sites.naming import vietnamese_slug


class SectionKey(models.TextChoices):
    """Which standard section a `SectionPage` is (`section_key`); the label is its title, the slug its folding."""

    INTRODUCTION = "introduction", _("Giới thiệu")
    NEWS = "news", _("Tin tức - Sự kiện")
    DIRECTION = "direction", _("Chỉ đạo, điều hành")
    LEGAL_DOCUMENTS = "legal_documents", _("Văn bản pháp luật")
    PLANS = "plans", _("Kế hoạch, dự án")
    STATISTICS = "statistics", _("Thống kê")
    PROCEDURES = "procedures", _("Thủ tục hành chính, dịch vụ công")
    CONTACT = "contact", _("Liên hệ")
    QUESTIONS = "questions", _("Hỏi đáp")

    @property
    def slug(self):
        return vietnamese_slug(str(self.label))
