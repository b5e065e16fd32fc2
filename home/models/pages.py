"""The page types of a state portal (Decree 224 Art. 9; Quy chế Art. 15.2.a for citations)."""

import re

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from sites.models import Unit

from .. import shared
from ..blocks import BodyBlock
from ..home_blocks import HomeBodyBlock, default_home_body
from .base import PortalPage
from .listing import listing_page, standing_pages

# ?trang=<n> of a section's listing; the bound keeps a crafted number from asking the database for a huge offset.
LISTING_PAGES = 100_000

CONTENT_PARENTS = ["home.SectionPage"]


def image_field(verbose_name, help_text=""):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class HomePage(PortalPage):
    """The home page of one unit's site; provisioning creates exactly one per unit."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)
    body = StreamField(
        HomeBodyBlock(),
        verbose_name=_("các khối trang chủ"),
        blank=True,
        default=default_home_body,
        help_text=_("Thêm, bớt, sắp xếp các khối: tin mới, tin một chuyên mục, văn bản, thủ tục, thông báo, hỏi đáp."),
    )

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.SectionPage"]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")


class SectionPage(PortalPage):
    """A standard section of a state site (news, legal documents, contact, ...), or a sub-section."""

    section_key = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="Which standard section provisioning created this page as; empty for editors' own sections.",
    )
    intro = RichTextField(_("lời giới thiệu"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("section_key")]
    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = [
        "home.SectionPage",
        "home.ArticlePage",
        "home.LegalDocumentPage",
        "home.AnnouncementPage",
        "home.EventPage",
        "home.PlanPage",
        "home.StatisticsReportPage",
        "home.ProcedurePage",
        "home.OrganisationPage",
        "home.LeaderProfilePage",
        "home.ContactPage",
        "home.WardIntroductionPage",
        # Answers to citizens' questions, made from a question (citizens/, a layer above: named, not imported).
        "portal_citizens.AnswerPage",
        # Drafts put out for citizens' comments, only under the legal documents section (can_create_at).
        "portal_citizens.DraftDocumentPage",
    ]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        number = listing_page_number(request.GET.get("trang", "1"))
        listing = listing_page(self, number) if number else None
        if listing is None:
            raise Http404("Không có trang danh sách này.")
        context["articles"], older = listing
        context["standing_pages"] = standing_pages(self) if number == 1 else []
        context["newer_page"] = number - 1 if number > 1 else None
        context["older_page"] = number + 1 if older else None
        return context

    def route(self, request, path_components):
        """A syndicated copy answers at <section>/<slug>/ on its target site, as the source page it shows."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            placement = shared.at(self, path_components[0])
            if placement is None:
                raise
            return RouteResult(placement.source.specific, kwargs={"syndicated_copy": placement})


def listing_page_number(value):
    """The listing page a ?trang= value asks for, or None when it names none (not a number from 1 to the bound).
    ASCII digits only: "²" is a digit to str.isdigit() but not to int(), and 5,000 digits are too many for int()."""
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) and 1 <= int(value) <= LISTING_PAGES else None


class SummaryMixin(models.Model):
    """A lead paragraph and a body, shared by the news-like page types."""

    summary = models.TextField(_("sapo"), blank=True, help_text=_("Một hai câu tóm tắt, hiện dưới tiêu đề."))
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    class Meta:
        abstract = True

    summary_panels = [FieldPanel("summary"), FieldPanel("body")]
    summary_api_fields = [APIField("summary"), APIField("body")]
    summary_search_fields = [index.SearchField("summary"), index.SearchField("body")]


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("home.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(SummaryMixin, PortalPage):
    """A news article, with the citation metadata Quy chế Art. 15.2.a asks for."""

    listed = True
    date_field = "published_at"

    hero_image = image_field(_("ảnh đại diện"))
    category = models.ForeignKey(
        "home.Category", verbose_name=_("chuyên mục tin"), null=True, blank=True, on_delete=models.SET_NULL
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("thẻ"))
    author = models.CharField(_("tác giả"), max_length=255, help_text=_("Tên thật hoặc bút danh."))
    source_agency = models.CharField(_("cơ quan nguồn"), max_length=255)
    # Blank until the article goes live, then its go-live time (save() below). A default of "now" would be the
    # moment the form was opened, hours or days before a scheduled article is published.
    published_at = models.DateTimeField(
        _("thời gian đăng"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Để trống: lấy thời điểm bài được xuất bản."),
    )
    is_demo = models.BooleanField(
        _("nội dung mẫu"), default=False, editable=False, help_text=_("Bài mẫu do lệnh seed_demo tạo.")
    )

    content_panels = [
        *PortalPage.content_panels,
        *SummaryMixin.summary_panels,
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source_agency"), FieldPanel("published_at")],
            heading=_("Nguồn tin (Quy chế Điều 15.2.a)"),
        ),
        FieldPanel("category"),
        FieldPanel("tags"),
    ]
    api_fields = [
        *SummaryMixin.summary_api_fields,
        APIField("hero_image"),
        APIField("hero_image_alt"),
        APIField("category"),
        APIField("tags"),
        APIField("author"),
        APIField("source_agency"),
        APIField("published_at"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        *SummaryMixin.summary_search_fields,
        index.SearchField("author"),
        index.FilterField("published_at"),
    ]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def save(self, *args, **kwargs):
        # A live article always has its time of publication (listings, feeds, search and the API read it): the one
        # the editor set, else the moment it first went live. Wagtail sets first_published_at when the publish
        # scheduler runs, up to a minute after the go-live time the editor chose: that chosen time is the truth.
        # Republishing keeps the time: it is only filled while empty.
        # (Wagtail's create view first saves a page it is about to schedule with live=True: a go-live time still
        # to come means the article is not published yet.)
        now = timezone.now()
        if self.live and self.published_at is None and not (self.go_live_at and self.go_live_at > now):
            moment = self.first_published_at or now
            if self.go_live_at and self.go_live_at <= moment:
                moment = self.go_live_at
            self.published_at = moment
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = list(
            ArticlePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .order_by("-published_at", "-pk")
            .only("title", "path", "url_path", "published_at")[:4]
        )
        return context

    @property
    def hero_image_alt(self):
        """The hero image's text for screen readers: its description (empty: a decorative image)."""
        return self.hero_image.description if self.hero_image else ""


class AnnouncementPage(SummaryMixin, PortalPage):
    listed = True

    # Indexed: the home page's block shows the announcements still valid, a few among every one ever published.
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True, db_index=True)

    content_panels = [*PortalPage.content_panels, *SummaryMixin.summary_panels, FieldPanel("valid_until")]
    api_fields = [*SummaryMixin.summary_api_fields, APIField("valid_until")]
    search_fields = [*PortalPage.search_fields, *SummaryMixin.summary_search_fields]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")


class EventPage(SummaryMixin, PortalPage):
    listed = True

    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("location"),
        *SummaryMixin.summary_panels,
    ]
    api_fields = [*SummaryMixin.summary_api_fields, APIField("starts_at"), APIField("ends_at"), APIField("location")]
    search_fields = [*PortalPage.search_fields, *SummaryMixin.summary_search_fields, index.SearchField("location")]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})


class PlanPage(SummaryMixin, PortalPage):
    """A strategy, plan, programme or project (Quy chế Art. 13.1: 10 working days to publish)."""

    listed = True
    date_field = "approval_date"

    approval_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.CharField(_("cấp phê duyệt"), max_length=255, blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("approval_date"), FieldPanel("approved_by")]),
        *SummaryMixin.summary_panels,
    ]
    api_fields = [*SummaryMixin.summary_api_fields, APIField("approval_date"), APIField("approved_by")]
    search_fields = [*PortalPage.search_fields, *SummaryMixin.summary_search_fields]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("kế hoạch, dự án")
        verbose_name_plural = _("kế hoạch, dự án")


class StatisticsReportPage(SummaryMixin, PortalPage):
    listed = True
    date_field = "release_date"

    release_date = models.DateField(_("ngày công bố"))
    period = models.CharField(_("kỳ số liệu"), max_length=100, blank=True, help_text=_("Ví dụ: 6 tháng đầu năm 2026."))

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("release_date"), FieldPanel("period")]),
        *SummaryMixin.summary_panels,
    ]
    api_fields = [*SummaryMixin.summary_api_fields, APIField("release_date"), APIField("period")]
    search_fields = [*PortalPage.search_fields, *SummaryMixin.summary_search_fields]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("báo cáo thống kê")
        verbose_name_plural = _("báo cáo thống kê")


class ProcedurePage(SummaryMixin, PortalPage):
    """An administrative procedure, linked to its online service on the national public service portal."""

    procedure_code = models.CharField(_("mã thủ tục"), max_length=50, blank=True)
    field = models.ForeignKey(
        "home.Field", verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.SET_NULL
    )
    service_url = models.URLField(
        _("đường dẫn dịch vụ công trực tuyến"),
        blank=True,
        help_text=_("Trang thủ tục trên Cổng dịch vụ công quốc gia (dichvucong.gov.vn)."),
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("procedure_code"), FieldPanel("field")]),
        FieldPanel("service_url"),
        *SummaryMixin.summary_panels,
    ]
    api_fields = [
        *SummaryMixin.summary_api_fields,
        APIField("procedure_code"),
        APIField("field"),
        APIField("service_url"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        *SummaryMixin.summary_search_fields,
        index.SearchField("procedure_code"),
    ]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")


class OrganisationPage(PortalPage):
    """Functions, duties and the organisation chart; leaders' profiles live beneath it."""

    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True)
    chart = image_field(_("sơ đồ tổ chức"))
    body = RichTextField(_("cơ cấu tổ chức"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("functions"),
        FieldPanel("chart"),
        FieldPanel("body"),
        InlinePanel("units", label=_("Đơn vị trực thuộc")),
    ]
    api_fields = [APIField("functions"), APIField("chart"), APIField("body"), APIField("units")]
    search_fields = [*PortalPage.search_fields, index.SearchField("functions"), index.SearchField("body")]
    parent_page_types = CONTENT_PARENTS
    subpage_types = ["home.LeaderProfilePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The leaders beneath, with their portraits' renditions in the same read (no query per leader).
        context["leaders"] = list(
            LeaderProfilePage.objects.child_of(self)
            .live()
            .public()
            .order_by("path")
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )
        return context

    class Meta:
        verbose_name = _("cơ cấu tổ chức")
        verbose_name_plural = _("cơ cấu tổ chức")


class OrganisationUnit(Orderable):
    """A unit of the organisation chart (an office, a division, a ward's one-stop shop) and the person heading it."""

    page = ParentalKey("home.OrganisationPage", related_name="units", on_delete=models.CASCADE)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    head_name = models.CharField(_("người đứng đầu"), max_length=255, blank=True)
    head_position = models.CharField(_("chức vụ người đứng đầu"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    url = models.URLField(_("trang của đơn vị"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_position")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("url"),
    ]
    api_fields = [APIField(name) for name in ("name", "head_name", "head_position", "phone", "email", "url")]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị trực thuộc")
        verbose_name_plural = _("đơn vị trực thuộc")


class LeaderProfilePage(PortalPage):
    """A leader: the page title is their full name."""

    position = models.CharField(_("chức vụ"), max_length=255)
    photo = image_field(_("ảnh chân dung"))
    duties = RichTextField(_("nhiệm vụ được phân công"), blank=True)
    biography = RichTextField(_("tóm tắt tiểu sử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("duties"),
        FieldPanel("biography"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]
    api_fields = [
        APIField("position"),
        APIField("photo"),
        APIField("duties"),
        APIField("biography"),
        APIField("phone"),
        APIField("email"),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("position"), index.SearchField("biography")]
    parent_page_types = ["home.SectionPage", "home.OrganisationPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["colleagues"] = list(
            LeaderProfilePage.objects.sibling_of(self, inclusive=False).live().public().order_by("path")
        )
        return context

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")


class ContactPage(PortalPage):
    address = models.CharField(_("địa chỉ"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=255, blank=True)
    spokesperson_name = models.CharField(_("người phát ngôn"), max_length=255, blank=True)
    spokesperson_position = models.CharField(_("chức vụ người phát ngôn"), max_length=255, blank=True)
    spokesperson_phone = models.CharField(_("điện thoại người phát ngôn"), max_length=50, blank=True)
    spokesperson_email = models.EmailField(_("thư điện tử người phát ngôn"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("office_hours"),
        MultiFieldPanel(
            [
                FieldPanel("spokesperson_name"),
                FieldPanel("spokesperson_position"),
                FieldRowPanel([FieldPanel("spokesperson_phone"), FieldPanel("spokesperson_email")]),
            ],
            heading=_("Người phát ngôn"),
        ),
    ]
    api_fields = [
        APIField("address"),
        APIField("phone"),
        APIField("email"),
        APIField("office_hours"),
        APIField("spokesperson_name"),
        APIField("spokesperson_position"),
        APIField("spokesperson_phone"),
        APIField("spokesperson_email"),
    ]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("liên hệ")
        verbose_name_plural = _("liên hệ")


class WardIntroductionPage(PortalPage):
    """A ward's or commune's introduction (Decree 224 Art. 9(1)(c)); only wards and communes have one."""

    boundaries_map = image_field(_("bản đồ địa giới hành chính"))
    boundaries = RichTextField(_("địa giới hành chính"), blank=True)
    natural_conditions = RichTextField(_("điều kiện tự nhiên"), blank=True)
    history = RichTextField(_("lịch sử"), blank=True)
    culture = RichTextField(_("văn hóa"), blank=True)
    relics = RichTextField(_("di tích, danh lam thắng cảnh"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("boundaries_map"),
        FieldPanel("boundaries"),
        FieldPanel("natural_conditions"),
        FieldPanel("history"),
        FieldPanel("culture"),
        FieldPanel("relics"),
    ]
    api_fields = [
        APIField(name)
        for name in ("boundaries_map", "boundaries", "natural_conditions", "history", "culture", "relics")
    ]
    search_fields = [
        *PortalPage.search_fields,
        *(index.SearchField(name) for name in ("boundaries", "natural_conditions", "history", "culture", "relics")),
    ]
    parent_page_types = CONTENT_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("giới thiệu phường, xã")
        verbose_name_plural = _("giới thiệu phường, xã")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        unit = Unit.for_page(parent)
        return unit is not None and unit.is_ward_or_commune


class LegalDocumentAttachment(Orderable):
    page = ParentalKey("home.LegalDocumentPage", related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
    api_fields = [APIField("document")]


class RelatedLegalDocument(Orderable):
    page = ParentalKey("home.LegalDocumentPage", related_name="related_documents", on_delete=models.CASCADE)
    related = models.ForeignKey(
        "home.LegalDocumentPage", verbose_name=_("văn bản liên quan"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]
    api_fields = [APIField("related")]
