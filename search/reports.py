"""The report "Từ khóa tìm kiếm phổ biến": what citizens searched on the user's own sites, and found nothing for."""

import datetime

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from sites.ownership import unit_ids_for_user
from sites.spreadsheets import spreadsheet_text

from .models import SearchQueryDay

PERIODS = (("7", _("7 ngày qua")), ("30", _("30 ngày qua")), ("90", _("90 ngày qua")))
DEFAULT_PERIOD = 30


def sites_for_user(user):
    """The sites whose search the user may read about: their units' sites, or every site (None) for operators."""
    units = unit_ids_for_user(user)
    if units is None:
        return Site.objects.all()
    return Site.objects.filter(unit__in=units)


def _sites(request):
    return sites_for_user(request.user).order_by("site_name", "hostname")


class PopularQueriesFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Khoảng thời gian"), choices=PERIODS, empty_label=_("30 ngày qua"), method="keep"
    )
    site = django_filters.ModelChoiceFilter(label=_("Trang"), queryset=_sites, empty_label=_("Mọi trang của tôi"))
    no_results = django_filters.BooleanFilter(label=_("Chỉ từ khóa không có kết quả"), method="keep")

    class Meta:
        model = SearchQueryDay
        fields = ["period", "site", "no_results"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and _sites(request).count() < 2:
            del self.filters["site"]

    def keep(self, queryset, name, value):
        return queryset  # applied after grouping, in the view


class PopularQueriesView(ReportView):
    page_title = _("Từ khóa tìm kiếm phổ biến")
    header_icon = "search"
    index_url_name = "search_popular_queries"
    index_results_url_name = "search_popular_queries_results"
    filterset_class = PopularQueriesFilterSet
    paginate_by = 50
    no_results_message = _("Chưa có ai tìm kiếm trong khoảng thời gian này.")
    columns = [
        Column("query_folded", label=_("Từ khóa (không dấu)")),
        Column("total_searches", label=_("Lượt tìm")),
        Column("total_empty", label=_("Lượt không có kết quả")),
        StatusFlagColumn("no_results", label=_("Tình trạng"), true_label=_("không có kết quả")),
    ]
    list_export = ["query_folded", "total_searches", "total_empty"]
    # Queries are what anyone on the internet typed: neutralised in both formats (SpreadsheetExportMixin).
    custom_field_preprocess = {"query_folded": {"csv": spreadsheet_text, "xlsx": spreadsheet_text}}
    export_headings = {
        "query_folded": _("Từ khóa (không dấu)"),
        "total_searches": _("Lượt tìm"),
        "total_empty": _("Lượt không có kết quả"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not sites_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"tu-khoa-tim-kiem-{timezone.localdate():%Y-%m-%d}"

    def _choice(self, name):
        return self.filters.form.cleaned_data.get(name) if self.filters and self.filters.is_valid() else None

    def get_filtered_queryset(self):
        return self.get_queryset()  # filtered before grouping, in get_queryset

    def get_queryset(self):
        days = int(self._choice("period") or DEFAULT_PERIOD)
        rows = self.filter_queryset(
            SearchQueryDay.objects.filter(
                site__in=sites_for_user(self.request.user),
                day__gt=timezone.localdate() - datetime.timedelta(days=days),
            )
        )
        grouped = rows.values("query_folded").annotate(
            total_searches=Sum("searches"), total_empty=Sum("empty_searches")
        )
        if self._choice("no_results"):
            grouped = grouped.filter(total_empty__gt=0)
        return grouped.order_by("-total_searches", "query_folded")

    def decorate_paginated_queryset(self, object_list):
        # Zero-result queries are what editors most need to see: flag them.
        rows = list(object_list)
        for row in rows:
            row["no_results"] = row["total_empty"] > 0
        return rows
