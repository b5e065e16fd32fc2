from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The home page of one unit's site; provisioning creates exactly one per unit."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.SectionPage"]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu().specific()
        context["latest_articles"] = (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-published_at")[:10]
        )
        return context


class SectionPage(Page):
    """A standard section of a state site (news, legal documents, contact, ...), or a sub-section."""

    section_key = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="Which standard section provisioning created this page as; empty for editors' own sections.",
    )
    intro = RichTextField(_("lời giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["home.SectionPage", "home.ArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = ArticlePage.objects.live().public().child_of(self).order_by("-published_at")[:50]
        return context


class ArticlePage(Page):
    """A news article with the citation metadata Quy chế Art. 15.2.a asks for."""

    summary = models.TextField(_("sapo"), blank=True, help_text=_("Một hai câu tóm tắt, hiện dưới tiêu đề."))
    body = StreamField(
        [("paragraph", blocks.RichTextBlock(label=_("Đoạn văn")))],
        verbose_name=_("nội dung"),
        blank=True,
    )
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    source_agency = models.CharField(_("cơ quan nguồn"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("thời gian đăng"), default=timezone.now, db_index=True)
    is_demo = models.BooleanField(
        _("nội dung mẫu"), default=False, editable=False, help_text=_("Bài mẫu do lệnh seed_demo tạo.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("source_agency"),
        FieldPanel("published_at"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
