"""The standard sections every state site must have (Decree 224 Art. 9), in menu order."""

from django.utils.translation import gettext_lazy as _

from .naming import vietnamese_slug

# key, Vietnamese title; the slug is the folded title.
STANDARD_SECTIONS = (
    ("introduction", _("Giới thiệu")),
    ("news", _("Tin tức - Sự kiện")),
    ("direction", _("Chỉ đạo, điều hành")),
    ("legal_documents", _("Văn bản pháp luật")),
    ("plans", _("Kế hoạch, dự án")),
    ("statistics", _("Thống kê")),
    ("procedures", _("Thủ tục hành chính, dịch vụ công")),
    ("contact", _("Liên hệ")),
    ("questions", _("Hỏi đáp")),
)


def section_slug(title):
    return vietnamese_slug(str(title))
