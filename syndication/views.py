"""The syndication admin: a source article's sharing page, a board's inbox of offers and copies, the pull feed.

Every action goes through syndication/actions.py, which checks on the server who may do it; these views only choose
what to show and turn a refusal into a Vietnamese message.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from home.models import ArticlePage, Category, SectionPage
from sites.models import Unit
from sites.roles import BOARD_ROLES

from . import actions as syndication
from .actions import SyndicationError
from .models import Placement, Subscription

State = Placement.State
DATE_FILTERS = (("tu_ngay", "first_published_at__date__gte"), ("den_ngay", "first_published_at__date__lte"))


class OfferForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Gửi tới"),
        widget=forms.RadioSelect,
        choices=[
            ("wards", _("Tất cả phường, xã")),
            ("ward", _("Chỉ các phường")),
            ("commune", _("Chỉ các xã")),
            ("departments", _("Tất cả sở, ban, ngành")),
            ("", _("Chọn từng trang")),
        ],
        required=False,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Các trang được chọn"),
        queryset=Unit.objects.filter(site__isnull=False).exclude(kind=Unit.Kind.CITY),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Gõ tên để lọc danh sách, rồi đánh dấu các trang nhận bài."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("group") and not data.get("units"):
            raise forms.ValidationError(_("Hãy chọn một nhóm trang hoặc ít nhất một trang nhận bài."))
        return data


class AcceptForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Đăng vào chuyên mục"), queryset=SectionPage.objects.none())
    live_at = forms.DateTimeField(
        label=_("Hiển thị từ"),
        required=False,
        # Vietnamese day/month/year and 24-hour time, whatever the browser's locale (no datetime-local picker).
        widget=forms.DateTimeInput(attrs={"placeholder": _("vd. 25/01/2026 08:30")}, format="%d/%m/%Y %H:%M"),
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M"],
        help_text=_("Ngày/tháng/năm giờ:phút (24 giờ). Để trống để hiển thị ngay."),
    )

    def __init__(self, *args, unit, sections=None, news=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["section"]
        field.queryset = sections_of(unit)
        if sections is not None:
            # Choices from the list the inbox loaded once; a submitted choice is still checked against the queryset.
            field.choices = [("", field.empty_label), *((section.pk, str(section)) for section in sections)]
        field.initial = news if sections is not None else syndication.news_section(unit)


def sections_of(unit):
    return SectionPage.objects.filter(path__startswith=unit.site.root_page.path).order_by("path")


def _fail(request, error):
    messages.error(request, str(error))


def _posted(request, model, name, **scope):
    """The object whose id the form posted under `name`, among `scope`; a missing or malformed id is a 404."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return get_object_or_404(model, pk=int(value), **scope)


class SyndicationAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page whose header names the page itself, after the admin's home."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class SourceStatusView(SyndicationAdminView):
    """One article's sharing: offer it, propose it to the city, and every target's state, filterable."""

    template_name = "syndication/status.html"
    page_title = _("Chia sẻ bài")
    header_icon = "site"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not syndication.can_edit_source(request.user, self.page):
            raise PermissionDenied
        self.unit = Unit.for_page(self.page)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def placements(self):
        placements = (
            Placement.objects.filter(source=self.page).select_related("target_unit").order_by("target_unit__sort_order")
        )
        state = self.request.GET.get("trang_thai", "")
        return placements.filter(state=state) if state in State.values else placements

    def get_context_data(self, **kwargs):
        counts = dict(
            Placement.objects.filter(source=self.page).values_list("state").annotate(n=Count("pk")).order_by()
        )
        now = timezone.now()
        rows = list(self.placements())
        for row in rows:
            row.scheduled = row.state == State.ACCEPTED and row.live_at > now
        kwargs.setdefault("form", OfferForm())
        return super().get_context_data(
            page=self.page,
            rows=rows,
            states=[(value, label, counts.get(value, 0)) for value, label in State.choices],
            chosen_state=self.request.GET.get("trang_thai", ""),
            can_propose=self.unit is not None and self.unit.kind != Unit.Kind.CITY,
            **kwargs,
        )

    def post(self, request, page_id):
        action = request.POST.get("action")
        try:
            if action == "offer":
                form = OfferForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                group = form.cleaned_data["group"]
                units = syndication.target_units(group) if group else form.cleaned_data["units"]
                created = syndication.offer(self.page, units, request.user)
                messages.success(request, _("Đã gửi bài tới %(n)d trang.") % {"n": len(created)})
            elif action == "propose":
                syndication.propose_to_city(self.page, request.user)
                messages.success(request, _("Đã đề xuất bài lên Ban Biên tập Cổng Thành phố."))
            elif action == "revoke":
                placement = _posted(request, Placement, "placement", source=self.page)
                syndication.revoke(placement, request.user, request.POST.get("reason", ""))
                messages.success(request, _("Đã thu hồi bài khỏi %(unit)s.") % {"unit": placement.target_unit})
        except SyndicationError as error:
            _fail(request, error)
        return redirect(request.get_full_path())


def board_units(user):
    """The units whose board this user sits on (operators: every unit)."""
    units = Unit.objects.filter(site__isnull=False).select_related("site__root_page")
    if syndication.is_operator(user):
        return units
    return units.filter(roles__group__user=user, roles__role__in=BOARD_ROLES).distinct()


class InboxView(SyndicationAdminView):
    """A board's syndication inbox: offers to accept or decline, its live copies, what was taken offline and why."""

    template_name = "syndication/inbox.html"
    page_title = _("Bài chia sẻ đến")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        units = board_units(request.user)
        self.unit = units.filter(code=request.GET.get("don_vi", "")).first() or units.first()
        if self.unit is None:
            raise PermissionDenied
        self.units = units if not syndication.is_operator(request.user) else units.filter(pk=self.unit.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        placements = Placement.objects.filter(target_unit=self.unit).select_related("source_unit", "section")
        offers = list(placements.filter(state=State.OFFERED).order_by("-offered_at")[:100])
        # One query for the site's sections, whatever the number of offers on the page.
        sections, news = list(sections_of(self.unit)), syndication.news_section(self.unit)
        for offer in offers:
            offer.form = AcceptForm(unit=self.unit, prefix=f"p{offer.pk}", sections=sections, news=news)
        return super().get_context_data(
            unit=self.unit,
            units=self.units,
            offers=offers,
            copies=placements.filter(state=State.ACCEPTED).order_by("-live_at")[:100],
            closed=placements.filter(state__in=[State.WITHDRAWN, State.SOURCE_DELETED, State.REVOKED]).order_by(
                "-decided_at"
            )[:50],
            categories=Category.objects.all(),
            followed=set(Subscription.objects.filter(unit=self.unit).values_list("category_id", flat=True)),
            now=timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "follow":
                self.follow(request)
            else:
                placement = _posted(request, Placement, "placement", target_unit=self.unit)
                if action == "accept":
                    self.accept(request, placement)
                elif action == "decline":
                    syndication.decline(placement, request.user, request.POST.get("reason", ""))
                    messages.success(request, _("Đã từ chối bài “%(title)s”.") % {"title": placement.source_title})
                elif action == "unlink":
                    fork = syndication.unlink(placement, request.user)
                    messages.success(request, _("Bài đã thành bài riêng của trang, sửa được như mọi bài khác."))
                    return redirect("wagtailadmin_pages:edit", fork.pk)
        except SyndicationError as error:
            _fail(request, error)
        return redirect(request.get_full_path())

    def accept(self, request, placement):
        form = AcceptForm(request.POST, unit=self.unit, prefix=f"p{placement.pk}")
        if not form.is_valid():
            raise SyndicationError(_("Hãy chọn chuyên mục và thời gian hợp lệ (ngày/tháng/năm giờ:phút)."))
        syndication.accept(placement, request.user, form.cleaned_data["section"], form.cleaned_data["live_at"])
        messages.success(request, _("Đã nhận bài “%(title)s”.") % {"title": placement.source_title})

    def follow(self, request):
        ids = [value for value in request.POST.getlist("categories") if value.isdigit()]
        wanted = set(Category.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if not syndication.sits_on_board(request.user, self.unit.pk):
            raise SyndicationError(_("Bạn không có quyền thực hiện thao tác này trên bài đăng lại."))
        Subscription.objects.filter(unit=self.unit).exclude(category_id__in=wanted).delete()
        for category_id in wanted:
            Subscription.objects.get_or_create(unit=self.unit, category_id=category_id)
        messages.success(request, _("Đã lưu các chuyên mục theo dõi."))


class PullFeedView(SyndicationAdminView):
    """What other sites published that this site may re-post: filter by source, category, date; one click."""

    template_name = "syndication/feed.html"
    page_title = _("Tìm bài để đăng lại")
    header_icon = "search"
    per_page = 30

    def dispatch(self, request, *args, **kwargs):
        units = Unit.objects.filter(site__isnull=False).select_related("site__root_page")
        if not syndication.is_operator(request.user):
            units = units.filter(roles__group__user=request.user).distinct()
        self.unit = units.filter(code=request.GET.get("don_vi", "")).first() or units.first()
        if self.unit is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def items(self):
        params = self.request.GET
        pages = (
            Page.objects.live()
            .public()
            .filter(syndication.shareable_types())
            .exclude(path__startswith=self.unit.site.root_page.path)
        )
        source = Unit.objects.filter(code=params.get("nguon", ""), site__isnull=False).select_related("site__root_page")
        if source.first():
            pages = pages.filter(path__startswith=source.first().site.root_page.path)
        if params.get("chuyen_muc"):
            pages = pages.filter(pk__in=ArticlePage.objects.filter(category__slug=params["chuyen_muc"]).values("pk"))
        if params.get("q"):
            pages = pages.filter(title__icontains=params["q"].strip())
        for name, lookup in DATE_FILTERS:
            try:
                day = datetime.date.fromisoformat(params.get(name, ""))
            except ValueError:
                continue
            pages = pages.filter(**{lookup: day})
        return pages.order_by("-first_published_at", "-pk")

    def get_context_data(self, **kwargs):
        page = Paginator(self.items(), self.per_page).get_page(self.request.GET.get("p"))
        placed = dict(
            Placement.objects.filter(target_unit=self.unit, source_id__in=[item.pk for item in page]).values_list(
                "source_id", "state"
            )
        )
        for item in page:
            item.placement_state = State(placed[item.pk]).label if item.pk in placed else ""
        return super().get_context_data(
            unit=self.unit,
            results=page,
            sources=Unit.objects.filter(site__isnull=False).exclude(pk=self.unit.pk),
            categories=Category.objects.all(),
            params=self.request.GET,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        page = _posted(request, Page, "page")
        try:
            placement = syndication.pull(page, self.unit, request.user)
        except SyndicationError as error:
            _fail(request, error)
        else:
            if placement.state == State.ACCEPTED:
                messages.success(request, _("Đã đăng lại “%(title)s”.") % {"title": placement.source_title})
            else:
                messages.success(request, _("Đã gửi “%(title)s” tới Ban Biên tập để duyệt.") % {"title": page.title})
        return redirect(request.get_full_path())


def status_url(page):
    return reverse("syndication_status", args=[page.pk])
