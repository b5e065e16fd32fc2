"""/tra-cuu-van-ban/: a site's legal documents searched by type, number, issuer, field, dates and status (Decree 224
Art. 9), the text folded as citizen search folds it. It lives in search/ (above home/) to use that one rule and the
folded text citizen search already keeps for every live page.
"""

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from home.models import Field, LegalDocumentPage
from home.models.pages import listing_page_number
from sites.resolve import public_site

from .text import indexed

LEGAL_PAGE_SIZE = 20


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],  # what a date field sends; 06/12/2026 would be read as the 12th of June
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-03-01.")},
    )


class LegalSearchForm(forms.Form):
    """What a citizen searches legal documents by (Decree 224 Art. 9: type, number, issuer, field, dates, status)."""

    q = forms.CharField(label=_("Số, ký hiệu hoặc trích yếu"), max_length=200, required=False)
    loai = forms.ChoiceField(
        label=_("Loại văn bản"),
        choices=[("", _("Tất cả"))] + list(LegalDocumentPage.DocumentType.choices),
        required=False,
        error_messages={"invalid_choice": _("Loại văn bản “%(value)s” không có trong danh sách.")},
    )
    co_quan = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Field.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Tất cả"),
        required=False,
        error_messages={"invalid_choice": _("Lĩnh vực này không có trong danh sách.")},
    )
    tu_ngay = date_field(_("Ban hành từ ngày"))
    den_ngay = date_field(_("Đến ngày"))
    tinh_trang = forms.ChoiceField(
        label=_("Tình trạng hiệu lực"),
        choices=[("", _("Tất cả"))] + list(LegalDocumentPage.Status.choices),
        required=False,
        error_messages={"invalid_choice": _("Tình trạng “%(value)s” không có trong danh sách.")},
    )

    def full_clean(self):
        super().full_clean()
        # Each field with an error names it for screen readers (WCAG 3.3.1): the message is read with the field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].id_for_label}-loi"}
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        for name in ("q", "co_quan"):
            if "\x00" in (cleaned.get(name) or ""):
                self.add_error(name, _("Nội dung tìm kiếm có ký tự không hợp lệ."))
        return cleaned

    def filter(self, documents):
        data = self.cleaned_data
        if data.get("q"):
            # Folded as citizen search folds (search/text.py): "quyet dinh" finds "Quyết định", "dat dai" and
            # "đat dai" find "đất đai", "12/qd-ubnd" finds "12/QĐ-UBND"; matched in the page's citizen-search entry,
            # which holds its title, number, abstract, issuer and signer, folded.
            text = indexed(data["q"])
            documents = documents.filter(
                Q(search_entry__title_folded__contains=text) | Q(search_entry__text_folded__contains=text)
            )
        if data.get("loai"):
            documents = documents.filter(document_type=data["loai"])
        if data.get("co_quan"):
            documents = documents.filter(issuing_body__in=self.issuers_matching(documents, data["co_quan"]))
        if data.get("linh_vuc"):
            documents = documents.filter(field=data["linh_vuc"])
        if data.get("tu_ngay"):
            documents = documents.filter(issue_date__gte=data["tu_ngay"])
        if data.get("den_ngay"):
            documents = documents.filter(issue_date__lte=data["den_ngay"])
        if data.get("tinh_trang"):
            documents = documents.filter(status=data["tinh_trang"])
        return documents

    @staticmethod
    def issuers_matching(documents, typed):
        """The issuers among these documents whose name, folded as citizen search folds it, holds the syllables typed,
        folded, in a row: "ubnd thanh pho" and "UBND THÀNH PHỐ" find "UBND Thành phố", "pho" does not find "phòng".
        A site names a few dozen issuers at most, so they are folded here rather than stored folded a second time."""
        wanted = f" {indexed(typed)} "
        names = documents.order_by().values_list("issuing_body", flat=True).distinct()
        return [name for name in names if wanted in f" {indexed(name)} "]


def legal_search(request):
    """/tra-cuu-van-ban/: the site's legal documents, newest first, filtered by the form; a GET form, paginated."""
    site = public_site(request)
    if site is None:
        raise Http404
    form = LegalSearchForm(request.GET)
    documents = (
        LegalDocumentPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .select_related("field")
        .order_by("-issue_date", "-pk")
    )
    status = 200
    context = {"form": form, "searched": bool(request.GET)}
    number = listing_page_number(request.GET.get("trang", "1"))
    if not form.is_valid():
        status = 400
        context["results"] = None
    elif number is None:
        status = 400
        context["page_error"] = _("Số trang phải là một số từ 1.")
        context["results"] = None
    else:
        paginator = Paginator(form.filter(documents), LEGAL_PAGE_SIZE)
        try:
            context["results"] = paginator.page(number)
        except EmptyPage as error:
            raise Http404("Không có trang kết quả này.") from error
    return TemplateResponse(request, "search/legal_search.html", context, status=status)
