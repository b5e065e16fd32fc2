"""The blocks of a site's home page, which its editors arrange (issue #18): each reads its own items in a fixed
number of queries, whatever the number of items it shows, and renders as one labelled section.

The models are looked up through the app registry: the page models import this module for their StreamField.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Page

from .models.listing import latest_items
from .sections import SectionKey

NATIONAL_SERVICES = "https://dichvucong.gov.vn/"
# The site's newest items, read once per request for the latest-news block and the news-of-each-section block.
SITE_ITEMS = 60


def site_latest(home, request):
    """The site's SITE_ITEMS newest items, read once for every block of the request that shows them."""
    memo = getattr(request, "_portal_site_latest", None)
    if memo is None or memo[0] != home.pk:
        memo = request._portal_site_latest = (home.pk, latest_items(home, SITE_ITEMS))
    return memo[1]


# Newest first, pages never published last: the order of the index of each type's newest pages (sites/migrations/0008).
NEWEST = (F("first_published_at").desc(nulls_last=True), "-pk")


def _newest(model, pages, count):
    """The `count` newest of `pages` (a site's live, public pages) of `model`'s type exactly, as `model`s.

    Chosen by content type id along that index: read backwards from Wagtail's date index, the five newest procedures
    of a ward whose newest pages are 32,000 news items took 105 ms at a million pages (0.5 ms along it). Chosen among
    the type's own table joined to the pages, PostgreSQL misjudged how many of them a site has and read them all
    (13 ms): a type whose block asks for nothing of its own (procedures) is chosen among the pages alone."""
    content_type = ContentType.objects.get_for_model(model)
    chosen = pages.filter(content_type_id=content_type.pk).order_by(*NEWEST).values("pk")[:count]
    return list(model.objects.filter(pk__in=chosen).order_by(*NEWEST))


def count_block():
    return blocks.IntegerBlock(label=_("Số mục hiển thị"), default=5, min_value=1, max_value=20)


class ReadsItems:
    """A block that reads its items (and what else its template needs) for the home page it is on."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(self.read(context["page"], value, context["request"]))
        return context

    def read(self, home, value, request):
        return {"items": self.items(home, value, request)}

    def items(self, home, value, request):
        raise NotImplementedError


class HomeBlock(ReadsItems, blocks.StructBlock):
    """Items under a heading (empty: the block's own)."""

    heading = blocks.CharBlock(
        label=_("Tiêu đề"), required=False, max_length=100, help_text=_("Để trống: dùng tiêu đề mặc định của khối.")
    )
    count = count_block()

    class Meta:
        default_heading = ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["heading"] = value.get("heading") or self.meta.default_heading
        return context


class LatestNewsBlock(HomeBlock):
    """The site's newest items; the newest with a picture is featured above the list."""

    class Meta:
        icon = "doc-full-inverse"
        label = _("Tin mới (có tin nổi bật)")
        default_heading = _("Tin mới")
        template = "home/blocks/home_latest_news.html"

    def read(self, home, value, request):
        items = site_latest(home, request)
        featured = next((item for item in items if getattr(item, "hero_image_id", None)), None)
        return {"featured": featured, "items": [item for item in items if item is not featured][: value["count"]]}


class SectionNewsBlock(HomeBlock):
    """The newest items of one section of the site (or of a section beneath one)."""

    section = blocks.PageChooserBlock(label=_("Chuyên mục"), page_type="home.SectionPage")

    class Meta:
        icon = "folder-open-inverse"
        label = _("Tin mới của một chuyên mục")
        template = "home/blocks/home_section_news.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        section = value.get("section")
        context["section"] = section
        context["heading"] = value.get("heading") or (section.title if section else "")
        return context

    def items(self, home, value, request):
        section = value.get("section")
        # Only a section of this site: another site's section, chosen or crafted, shows nothing here.
        if section is None or not section.live or not section.path.startswith(home.path):
            return []
        return latest_items(section, value["count"])


class MenuSectionsBlock(ReadsItems, blocks.StructBlock):
    """The newest items of each section in the menu, one small list per section that has any."""

    count = count_block()

    class Meta:
        icon = "list-ul"
        label = _("Tin mới của từng chuyên mục trên menu")
        template = "home/blocks/home_menu_sections.html"

    def items(self, home, value, request):
        by_section = {}
        for item in site_latest(home, request):
            if not getattr(item, "syndicated_copy", None):
                by_section.setdefault(item.path[: home.steplen * (home.depth + 1)], []).append(item)
        sections = apps.get_model("home", "SectionPage").objects.child_of(home).live().public().in_menu()
        return [
            (section, by_section[section.path][: value["count"]]) for section in sections if section.path in by_section
        ]


class LegalDocumentsBlock(HomeBlock):
    class Meta:
        icon = "doc-full"
        label = _("Văn bản mới ban hành")
        default_heading = _("Văn bản mới")
        template = "home/blocks/home_legal_documents.html"

    def items(self, home, value, request):
        model = apps.get_model("home", "LegalDocumentPage")
        return list(model.objects.live().public().descendant_of(home).order_by("-issue_date", "-pk")[: value["count"]])


class ProceduresBlock(HomeBlock):
    class Meta:
        icon = "tasks"
        label = _("Thủ tục hành chính, dịch vụ công")
        default_heading = _("Thủ tục hành chính")
        template = "home/blocks/home_procedures.html"

    def items(self, home, value, request):
        model = apps.get_model("home", "ProcedurePage")
        return _newest(model, Page.objects.live().public().descendant_of(home), value["count"])


class NoticesBlock(HomeBlock):
    """Announcements still valid today (no end date, or an end date not yet past)."""

    class Meta:
        icon = "warning"
        label = _("Thông báo")
        default_heading = _("Thông báo")
        template = "home/blocks/home_notices.html"

    def items(self, home, value, request):
        today = timezone.localdate()
        model = apps.get_model("home", "AnnouncementPage")
        # Among their own table: its index on valid_until finds the few still valid among all ever published.
        valid = model.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return _newest(model, valid.live().public().descendant_of(home), value["count"])


class QuestionsBlock(HomeBlock):
    """The newest answers under the site's "Hỏi đáp" section (citizens/ sits above home/: read as its pages)."""

    class Meta:
        icon = "help"
        label = _("Hỏi đáp mới trả lời")
        default_heading = _("Hỏi đáp")
        template = "home/blocks/home_questions.html"

    def read(self, home, value, request):
        sections = apps.get_model("home", "SectionPage").objects.child_of(home).live().public()
        section = sections.filter(section_key=SectionKey.QUESTIONS).first()
        items = latest_items(section, value["count"], children_only=True) if section else []
        return {"section": section, "items": items}


class PortalLinksBlock(blocks.StructBlock):
    """The national public-service portal, the legal search, the city portal (from another site), and own links."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=100)
    links = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Tên liên kết"), max_length=100)),
                ("url", blocks.URLBlock(label=_("Địa chỉ"))),
            ],
            label=_("Liên kết"),
        ),
        label=_("Liên kết thêm"),
        default=[],
    )

    class Meta:
        icon = "link"
        label = _("Liên kết dịch vụ công")
        template = "home/blocks/home_links.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["heading"] = value.get("heading") or _("Dịch vụ công")
        context["national_services"] = NATIONAL_SERVICES
        return context


class HomeBodyBlock(blocks.StreamBlock):
    latest_news = LatestNewsBlock()
    section_news = SectionNewsBlock()
    menu_sections = MenuSectionsBlock()
    legal_documents = LegalDocumentsBlock()
    procedures = ProceduresBlock()
    notices = NoticesBlock()
    questions = QuestionsBlock()
    links = PortalLinksBlock()


def default_home_body():
    """The arrangement every new site starts with (and every home page was given by migration home 0007):
    the news beside the service links, then procedures, documents, notices, answers and each section's news."""
    counted = {"heading": "", "count": 5}
    return [
        ("latest_news", {"heading": "", "count": 10}),
        ("links", {"heading": "", "links": []}),
        ("procedures", counted),
        ("legal_documents", counted),
        ("notices", counted),
        ("questions", counted),
        ("menu_sections", {"count": 5}),
    ]
