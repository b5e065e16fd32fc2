"""The admin dashboard "Đánh giá hoạt động": the operator ranks all sites; a site's own staff see their site only.

Who sees what: the operating unit and superusers every site (sites/ownership.py: is_operator), a site's admin and
board their own site (`visible_units`); a ward's admin or board asking for another site's figures gets a 404,
as if it did not exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from citizens.ratings import ASPECTS
from sites.models import Unit
from sites.ownership import is_operator, roles_by_unit
from sites.roles import BOARD_ROLES, RoleKey

from . import completeness, exports, figures

KINDS = [
    ("", "Mọi loại trang"),
    (Unit.Kind.CITY, "Thành phố"),
    (Unit.Kind.DEPARTMENT, "Sở, ban, ngành"),
    (Unit.Kind.WARD, "Phường"),
    (Unit.Kind.COMMUNE, "Xã"),
]
CHART_WIDTH, CHART_HEIGHT, CHART_TOP = 640, 200, 20


# A site's admin and its editorial board answer for its figures; editors write and see their own queue instead.
READERS = BOARD_ROLES | {RoleKey.SITE_ADMIN}


def visible_units(user):
    """The sites whose figures the user may read: every site for operators, else those where they are admin or
    on the board."""
    queryset = Unit.objects.filter(site__isnull=False).select_related("site__root_page")
    if is_operator(user):
        return queryset
    if not user.is_active:
        return queryset.none()
    return queryset.filter(pk__in=[pk for pk, held in roles_by_unit(user).items() if held & READERS])


def today_text(missing):
    """ "buổi chiều · thiếu 1 tin", or "đủ" when nothing is missing today."""
    if not missing:
        return "đủ"
    parts, short = missing
    return " · ".join(filter(None, [", ".join(parts), f"thiếu {short} tin" if short else ""]))


def table_rows(summaries, missing_today=None, link_period=None):
    """What each row of the summary table shows, computed once: 142 rows render in a few milliseconds."""
    kinds = dict(Unit.Kind.choices)
    rows = []
    for summary in summaries:
        unit = summary.unit
        name = f"{kinds[unit.kind]} {unit.name}" if unit.is_ward_or_commune else unit.name
        url = reverse("compliance_site", args=[unit.pk]) + f"?ky={link_period}" if link_period else ""
        today = today_text(missing_today.get(unit.pk)) if missing_today is not None else None
        rows.append({"name": name, "url": url, "cells": summary.cells(), "today": today})
    return rows


def bars(trend):
    """Geometry of the monthly chart: one bar per month, its height the share of quota days met."""
    if not trend:
        return []
    step = CHART_WIDTH // len(trend)
    result = []
    for index, (month, published, met, days) in enumerate(trend):
        rate = figures.percent(met, days)
        height = round(CHART_HEIGHT * (rate or 0) / 100)
        result.append(
            {
                "x": index * step + step // 4,
                "y": CHART_TOP + CHART_HEIGHT - height,
                "width": max(step // 2, 4),
                "height": height,
                "label_x": index * step + step // 2,
                "month": month,
                "published": published,
                "met": met,
                "days": days,
                "rate": rate,
            }
        )
    return result


class ComplianceMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not visible_units(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chosen_period(self):
        chosen = figures.period(self.request.GET.get("ky", "30d"))
        return chosen or figures.period("30d")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_template_names(self):
        return ["compliance/print.html"] if self.request.GET.get("in") == "1" else [self.template_name]

    def export(self, title, period, rows, filename):
        kind = self.request.GET.get("xuat")
        if kind == "xlsx":
            return exports.xlsx_response(title, period, rows, filename)
        if kind == "csv":
            return exports.csv_response(rows, filename)
        return None


class DashboardView(ComplianceMixin, TemplateView):
    """All sites ranked (operators), or the user's own sites (a site's staff)."""

    template_name = "compliance/dashboard.html"
    page_title = _("Đánh giá hoạt động các trang")

    def get(self, request, *args, **kwargs):
        units = visible_units(request.user)
        if not is_operator(request.user) and units.count() == 1:
            return SiteView.as_view()(request, unit_id=units.get().pk)
        kind = request.GET.get("loai", "")
        if kind in dict(KINDS) and kind:
            units = units.filter(kind=kind)
        period = self.chosen_period()
        summaries = figures.summaries(units, period.start, period.end)
        whole = figures.total(summaries)
        filename = f"danh-gia-{period.key}"
        response = self.export(
            f"Đánh giá hoạt động các trang – {period.label}", period, exports.rows_of(summaries, whole), filename
        )
        if response:
            return response
        missing_today = figures.today(units)
        context = self.get_context_data(
            summaries=summaries,
            rows=table_rows(summaries, missing_today, period.key),
            whole=whole.cells(),
            period=period,
            periods=figures.periods(),
            kinds=KINDS,
            kind=kind,
            with_today=True,
            query=request.GET.urlencode(),
        )
        return self.render_to_response(context)


class SiteView(ComplianceMixin, TemplateView):
    """One site: its summary, its monthly trend, the items that missed a deadline, what today still needs."""

    template_name = "compliance/site.html"

    def get(self, request, unit_id, *args, **kwargs):
        unit = visible_units(request.user).filter(pk=unit_id).first()
        if unit is None:
            raise Http404("Không có trang này trong các trang bạn theo dõi.")
        period = self.chosen_period()
        summary = figures.summaries([unit], period.start, period.end)[0]
        title = f"Đánh giá hoạt động – {unit.display_name}"
        response = self.export(
            f"{title} – {period.label}", period, exports.rows_of([summary]), f"danh-gia-{unit.label}-{period.key}"
        )
        if response:
            return response
        self.page_title = title
        checks = completeness.measure([unit])[unit.pk]
        missing = figures.today([unit]).get(unit.pk)
        context = self.get_context_data(
            unit=unit,
            summary=summary,
            period=period,
            periods=figures.periods(),
            chart=bars(figures.monthly_trend(unit, period.start, period.end)),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT + CHART_TOP + 30,
            chart_base=CHART_HEIGHT + CHART_TOP,
            missed=figures.missed_deadlines(unit, period.start, period.end),
            gaps=completeness.gaps(checks),
            missing_today=missing,
            today=timezone.localdate(),
            rows=table_rows([summary]),
            rating_means=[
                (dict(ASPECTS)[aspect], figures.decimal(mean)) for aspect, mean in summary.rating_means.items()
            ],
            query=request.GET.urlencode(),
            several=visible_units(request.user).count() > 1,
        )
        return self.render_to_response(context)
