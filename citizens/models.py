"""A citizen's question and its life (received → routed → being answered → answered / out of scope), and the
answer page the board publishes.

The question holds the asker's personal data and never leaves the admin; the answer is a page (`AnswerPage`)
under the site's "Hỏi đáp" section carrying only the question's text and the answer, so the board's workflow,
search, feeds and the API serve it like any page and no personal data is ever in a page.

The deadlines and the moments they are measured against are plain fields with plain names (`received_at`,
`route_due_at`, `routed_at`, `answer_due_at`, `answered_at`, `closed_at`) for the compliance figures to read.
"""

import uuid

from modelcluster.fields import ParentalKey

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from home.models import SectionPage
from home.models.base import PortalPage
from home.sections import SectionKey
from home.text import normalize_instance
from sites.models import Unit

# Lĩnh vực a question is about; the board may answer it in another.
FIELDS = (
    ("ho-tich", "Hộ tịch"),
    ("dat-dai", "Đất đai"),
    ("xay-dung", "Xây dựng, nhà ở"),
    ("kinh-doanh", "Đăng ký kinh doanh"),
    ("thue", "Thuế, phí, lệ phí"),
    ("lao-dong", "Lao động, việc làm, bảo hiểm"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("giao-thong", "Giao thông"),
    ("moi-truong", "Môi trường"),
    ("an-ninh", "An ninh, trật tự"),
    ("khac", "Lĩnh vực khác"),
)


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ROUTED = "routed", _("Đã chuyển đơn vị xử lý")
    ANSWERING = "answering", _("Đang soạn câu trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi giải quyết")


OPEN = (Status.RECEIVED, Status.ROUTED, Status.ANSWERING)


def private_storage():
    """Attachments are never under MEDIA_URL: only the question's board downloads them, through the admin."""
    return FileSystemStorage(location=settings.PORTAL_PRIVATE_MEDIA_ROOT)


class QuestionSequence(models.Model):
    """The last number given to a unit's questions in a year (HN-DONGDA-2026-000123): one row per unit and year,
    incremented by an UPDATE that takes the row's lock, so two submissions never get the same number."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_question_sequence_per_unit_year")]

    def __str__(self):
        return f"{self.unit_id}/{self.year}: {self.last}"


class QuestionQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """Not routed by the routing deadline, or routed and not answered by the answer deadline."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=Status.RECEIVED, route_due_at__lt=now)
            | models.Q(status__in=(Status.ROUTED, Status.ANSWERING), answer_due_at__lt=now)
        )


class Question(models.Model):
    code = models.CharField(_("mã tra cứu"), max_length=48, unique=True)
    # The site whose board handles it now: the one the citizen chose, then the one it was routed to.
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT, related_name="+")
    # The site the citizen asked on (its code's label stays even when the question is forwarded).
    asked_unit = models.ForeignKey(Unit, verbose_name=_("nơi gửi"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=FIELDS)
    title = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung câu hỏi"))
    consent_at = models.DateTimeField(_("đồng ý điều khoản lúc"))

    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now, db_index=True)
    route_due_at = models.DateTimeField(_("hạn chuyển xử lý"))
    routed_at = models.DateTimeField(_("chuyển xử lý lúc"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("hạn trả lời"))
    answering_at = models.DateTimeField(_("bắt đầu soạn trả lời lúc"), null=True, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    out_of_scope_reason = models.TextField(_("lý do không thuộc phạm vi"), blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_page = models.ForeignKey(
        "portal_citizens.AnswerPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["received_at"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        indexes = [models.Index(fields=["unit", "status"], name="question_unit_status")]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        normalize_instance(self)
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN


class QuestionAttachment(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="questions/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class AnswerPage(PortalPage):
    """A question answered by the board, published under the site's "Hỏi đáp": only the question's text and the
    answer, never the asker. Made from a question in the admin (“Soạn trả lời”), not from the page explorer."""

    listed = True
    date_field = "first_published_at"

    question_text = models.TextField(_("câu hỏi"))
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=FIELDS, blank=True)
    asked_on = models.DateField(_("ngày hỏi"), null=True, blank=True)
    answer = RichTextField(_("câu trả lời"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("question_text", help_text=_("Bỏ mọi thông tin cá nhân (tên, điện thoại, địa chỉ) của người hỏi.")),
        FieldPanel("field"),
        FieldPanel("answer"),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("question_text"), index.SearchField("answer")]
    api_fields = [APIField("question_text"), APIField("field"), APIField("asked_on"), APIField("answer")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    # Made only from a question, so that every answer is tracked against its deadline.
    is_creatable = False
    template = "citizens/answer_page.html"

    class Meta:
        verbose_name = _("câu hỏi - trả lời")
        verbose_name_plural = _("câu hỏi - trả lời")

    @property
    def summary(self):
        return self.question_text[:300]


class PageRating(models.Model):
    """One browser's rating of one page on one day (Decree 224 Art. 10; the four aspects of the Quy chế). No address,
    no name: `browser_token` is a keyed hash of a random id the browser keeps in a signed cookie, the page and the
    day, so the same browser cannot rate the page twice that day and nothing leads back to it."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    rated_on = models.DateField(_("ngày đánh giá"), db_index=True)
    interface = models.PositiveSmallIntegerField(_("giao diện"))
    content = models.PositiveSmallIntegerField(_("nội dung"))
    quality = models.PositiveSmallIntegerField(_("chất lượng"))
    support = models.PositiveSmallIntegerField(_("hỗ trợ"))
    comment = models.TextField(_("góp ý"), blank=True)
    browser_token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "rated_on", "browser_token"], name="one_rating_per_browser_page_day"
            )
        ]
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")

    def __str__(self):
        return f"{self.page_id} {self.rated_on}"


class DraftDocumentPage(PortalPage):
    """A draft legal document put out for comments (góp ý dự thảo, Quy chế Art. 4.3): the drafting unit, the dates
    comments are taken, the draft's files, the comments the board let through, and after closing the drafting
    unit's response, which is published through the board's workflow like any change to the page.

    Created by the site's editors under its "Văn bản pháp luật" section; what citizens do with it is in
    citizens/drafts.py."""

    listed = True
    # Never offered to other sites (syndication/actions.py: shareable): comments are taken on the drafting unit's own
    # site, whose board moderates them.
    shareable = False
    date_field = "opens_on"

    drafting_unit = models.CharField(_("đơn vị chủ trì soạn thảo"), max_length=255)
    abstract = models.TextField(_("tóm tắt dự thảo"))
    opens_on = models.DateField(_("ngày bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("ngày kết thúc lấy ý kiến"), help_text=_("Nhận góp ý đến hết ngày này."))
    response = RichTextField(
        _("tiếp thu, giải trình"),
        blank=True,
        help_text=_("Sau khi hết hạn góp ý: đơn vị soạn thảo tổng hợp, tiếp thu và giải trình các ý kiến."),
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("drafting_unit"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("abstract"),
        InlinePanel("files", label=_("Tệp dự thảo"), min_num=0),
        FieldPanel("response"),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("abstract"), index.SearchField("drafting_unit")]
    api_fields = [
        APIField("drafting_unit"),
        APIField("abstract"),
        APIField("opens_on"),
        APIField("closes_on"),
        APIField("files"),
        APIField("response"),
    ]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    template = "citizens/draft_document_page.html"

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    @classmethod
    def can_create_at(cls, parent):
        """Only in the site's legal documents section (or a sub-section of it)."""
        if not super().can_create_at(parent):
            return False
        sections = SectionPage.objects.ancestor_of(parent, inclusive=True)
        return sections.filter(section_key=SectionKey.LEGAL_DOCUMENTS).exists()

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Ngày kết thúc không thể trước ngày bắt đầu lấy ý kiến.")})

    @property
    def summary(self):
        return self.abstract[:300]

    @property
    def public_comments(self):
        return self.comments.filter(status=CommentStatus.APPROVED).order_by("received_at", "pk")

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Its form carries a proof-of-work challenge that can be used once: never one render for everyone.
        patch_cache_control(response, private=True, no_cache=True)
        return response


class DraftDocumentFile(Orderable):
    page = ParentalKey(DraftDocumentPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
    api_fields = [APIField("document")]


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, công khai")
    REJECTED = "rejected", _("Không công khai")


class DraftComment(models.Model):
    """A citizen's or an organisation's comment on a draft. Only its name, organisation, article and text are ever
    shown, and only once the site's board approved it; the contact stays in the admin."""

    page = models.ForeignKey(DraftDocumentPage, on_delete=models.CASCADE, related_name="comments")
    # The site whose board moderates it (the draft's site), kept so that every admin query filters on one column.
    unit = models.ForeignKey(Unit, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    article = models.CharField(_("điều, khoản góp ý"), max_length=100, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    consent_at = models.DateTimeField(_("đồng ý điều khoản lúc"))
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        indexes = [models.Index(fields=["unit", "status"], name="draft_comment_unit_status")]

    def __str__(self):
        return f"{self.page_id}: {self.name}"

    def save(self, *args, **kwargs):
        normalize_instance(self)
        super().save(*args, **kwargs)
