"""The admin form for pinned results: only live public pages, a real query, and "every site" for city pins only."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from sites.admin_scope import promotable_pages
from sites.models import Unit
from sites.ownership import UnitOwnedForm

from .text import Query, normalise, query_key


class SearchPromotionForm(UnitOwnedForm):
    def clean_query(self):
        query = normalise(self.cleaned_data.get("query"))
        if not Query(query):
            raise ValidationError(_("Từ khóa phải có ít nhất một chữ hoặc số."))
        return query

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is not None and not Page.objects.live().public().filter(pk=page.pk, depth__gt=1).exists():
            raise ValidationError(_("Chỉ ghim được trang đang xuất bản và công khai."))
        return page

    def clean(self):
        cleaned = super().clean()
        unit, page, query = cleaned.get("unit"), cleaned.get("page"), cleaned.get("query")
        if cleaned.get("everywhere") and (unit is None or unit.kind != Unit.Kind.CITY):
            self.add_error("everywhere", _("Chỉ ghim của Thành phố mới được áp dụng cho mọi trang."))
        if unit and page and not promotable_pages(unit).filter(pk=page.pk).exists():
            self.add_error("page", _("Chỉ ghim được trang đang xuất bản, công khai của chính trang đơn vị mình."))
        if unit and page and query:
            twins = self._meta.model.objects.filter(unit=unit, page=page, query_folded=query_key(query))
            if twins.exclude(pk=self.instance.pk).exists():
                self.add_error("page", _("Trang này đã được ghim cho từ khóa này."))
        return cleaned
