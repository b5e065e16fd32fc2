"""The audit log of one site and period, on screen and as CSV or XLSX: Wagtail's site history report, scoped.

Wagtail's report (wagtail/admin/views/reports/audit_logging.py) already joins page and model log entries, filters
them by date and exports them; this view adds the site. Operators export any site (or all of them); a site admin
exports their own site only, whatever the query asks. A site's entries are those of its pages, of the objects its
unit owns (notices, officials, contact cards, search pins, media of its collection) and of its staff's accounts.
"""

import django_filters

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from sites.admin_scope import home_paths, under
from sites.audit_log import object_keys, unit_owned_models
from sites.models import Unit

from ..permissions import administered_unit_ids

EXCEL_DATE_FORMAT = "dd/mm/yyyy hh:mm"


def hanoi_time(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def hanoi_naive(value):
    return timezone.make_naive(value)


def entries_of_units(log_model, unit_ids):
    """Q for the log entries of `log_model` that belong to these units' sites."""
    if issubclass(log_model, PageLogEntry):
        return under(home_paths(unit_ids), "page__path")
    owned = [(model, model._default_manager.filter(unit_id__in=unit_ids)) for model in unit_owned_models()]
    owned += [
        (model, model.objects.filter(collection__unit__pk__in=unit_ids))
        for model in (get_image_model(), get_document_model())
    ]
    owned.append((get_user_model(), get_user_model().objects.filter(groups__site_role__unit__pk__in=unit_ids)))
    condition = Q(pk__in=[])
    for model, objects in owned:
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=object_keys(objects))
    return condition


def exportable_units(request):
    unit_ids = administered_unit_ids(request.user)
    units = Unit.objects.filter(site__isnull=False).order_by("sort_order", "code")
    return units if unit_ids is None else units.filter(pk__in=unit_ids)


class AuditExportFilterSet(SiteHistoryReportFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Trang"), queryset=exportable_units, method="filter_unit")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(entries_of_units(queryset.model, [value.pk]))


class AuditExportView(LogEntriesView):
    page_title = _("Nhật ký theo trang")
    filterset_class = AuditExportFilterSet
    index_url_name = "portal_audit_export"
    index_results_url_name = "portal_audit_export_results"
    export_headings = {
        "timestamp": _("Thời điểm"),
        "action": _("Thao tác"),
        "user_display_name": _("Người thực hiện"),
        "content_type": _("Loại đối tượng"),
        "label": _("Đối tượng"),
        "object_id": _("Mã đối tượng"),
    }
    list_export = ["timestamp", "action", "user_display_name", "content_type", "label", "object_id"]

    def dispatch(self, request, *args, **kwargs):
        if administered_unit_ids(request.user) == set():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess["timestamp"] = {self.FORMAT_CSV: hanoi_time, self.FORMAT_XLSX: hanoi_naive}

    def filter_queryset(self, queryset):
        """The chosen site's entries; whatever was chosen, never outside the sites the user administers."""
        queryset = super().filter_queryset(queryset)
        unit_ids = administered_unit_ids(self.request.user)
        return queryset if unit_ids is None else queryset.filter(entries_of_units(queryset.model, unit_ids))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return super().generate_xlsx_row(worksheet, row_dict, date_format=EXCEL_DATE_FORMAT)

    def get_filename(self):
        unit = self.filters.form.cleaned_data.get("unit") if self.filters.is_valid() else None
        return f"nhat-ky-{unit.code if unit else 'toan-cong'}-{timezone.localdate():%Y-%m-%d}"
