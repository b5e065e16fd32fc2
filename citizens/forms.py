"""The public question form: what a citizen fills in, each mistake told in Vietnamese beside its field.

Attachments are judged by their content, never by their name: a PDF must start as a PDF and carry no script or
launch action, an image must open as a JPEG or PNG; at most MAX_FILES of MAX_FILE_BYTES each.
"""

import re
import unicodedata

from PIL import Image, UnidentifiedImageError

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from sites.models import Unit

from .models import FIELDS

MAX_FILES = 3
MAX_FILE_BYTES = 5 * 1024 * 1024
ACTIVE_HTML = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.I | re.S)
PHONE = re.compile(r"^(?:\+84|0)\d{9,10}$")
# A PDF that runs something when opened is refused, whatever it says it is.
PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA)\b")


def clean_text(value):
    """NFC, no HTML (a script's or a style's content goes with its tags), no control characters but line breaks."""
    value = unicodedata.normalize("NFC", strip_tags(ACTIVE_HTML.sub("", value or "")))
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def sniff(upload):
    """The attachment's real type from its bytes ('application/pdf', 'image/jpeg', 'image/png'), or a refusal."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        body = upload.read()
        upload.seek(0)
        if PDF_ACTIVE.search(body):
            raise ValidationError(f"Tệp “{upload.name}” chứa mã tự chạy, không được chấp nhận.")
        return "application/pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        try:
            with Image.open(upload) as image:
                image.verify()
                kind = image.format
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(f"Tệp “{upload.name}” không phải ảnh hợp lệ.") from error
        finally:
            upload.seek(0)
        return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(kind) or _wrong_type(upload)
    return _wrong_type(upload)


def _wrong_type(upload):
    raise ValidationError(f"Tệp “{upload.name}” không phải PDF, JPEG hay PNG (kiểm tra theo nội dung tệp).")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [file for file in (data or []) if file] if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(f"Gửi tối đa {MAX_FILES} tệp đính kèm.")
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise ValidationError(f"Tệp “{upload.name}” lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB.")
            if upload.size == 0:
                raise ValidationError(f"Tệp “{upload.name}” rỗng.")
            upload.content_type = sniff(upload)
            upload.name = clean_text(upload.name)[-200:] or "tep-dinh-kem"
        return files


def errors_by_field(form):
    """A form's errors as the API returns them: {field: [message, …]}."""
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def unit_choices():
    return [(unit.pk, unit.display_name) for unit in Unit.objects.filter(site__isnull=False).order_by("sort_order")]


class ContactForm(forms.Form):
    """Who writes (questions and comments alike): name, e-mail or phone, organisation, and consent to the notice;
    each input names its hint and error for screen readers (`described`)."""

    name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(label="Thư điện tử", max_length=254, required=False)
    phone = forms.CharField(
        label="Số điện thoại", max_length=20, required=False, help_text="Ví dụ: 0912345678 hoặc +84912345678."
    )
    organisation = forms.CharField(label="Cơ quan, tổ chức (nếu có)", max_length=200, required=False)
    consent = forms.BooleanField()
    # What the contact is used for, in the consent's label.
    purpose = ""
    # Text fields stripped of HTML and control characters, stored as NFC.
    text_fields = ("name", "organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = (
            f"Tôi đồng ý để Cổng thông tin dùng họ tên và thông tin liên hệ này chỉ để {self.purpose}; "
            "chúng không bao giờ được công khai"  # no full stop: the error summary adds ": <error>" after it
        )
        for name, field in self.fields.items():
            field.error_messages["required"] = (
                "Cần đồng ý với điều khoản bảo vệ dữ liệu cá nhân để gửi."
                if name == "consent"
                else f"Vui lòng nhập {field.label.lower()}."
            )
            field.error_messages["max_length"] = "Quá dài: tối đa %(limit_value)d ký tự."
        self.fields["email"].error_messages["invalid"] = "Địa chỉ thư điện tử không hợp lệ."

    def described(self):
        """Each input names its hint and its error (aria-describedby) and says when it is wrong (aria-invalid)."""
        for name, field in self.fields.items():
            ids = [f"{self[name].auto_id}-goi-y"] if field.help_text else []
            if name in self.errors:
                ids.append(f"{self[name].auto_id}-loi")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
        return self

    def clean_phone(self):
        value = re.sub(r"[\s.\-()]", "", self.cleaned_data.get("phone", ""))
        if value and not PHONE.match(value):
            raise ValidationError("Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0, hoặc +84.")
        return value

    def clean(self):
        data = super().clean()
        for name in self.text_fields:
            if name in data:
                data[name] = clean_text(data[name])
                if self.fields[name].required and not data[name]:
                    self.add_error(name, f"Vui lòng nhập {self.fields[name].label.lower()}.")
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", "Cần ít nhất thư điện tử hoặc số điện thoại để nhận trả lời.")
        return data


class QuestionForm(ContactForm):
    unit = forms.TypedChoiceField(label="Câu hỏi gửi tới", coerce=int, choices=())
    field = forms.ChoiceField(label="Lĩnh vực", choices=(("", "— Chọn lĩnh vực —"), *FIELDS))
    title = forms.CharField(label="Tiêu đề", max_length=200)
    text = forms.CharField(label="Nội dung câu hỏi", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    attachments = AttachmentsField(
        label="Tệp đính kèm (nếu có)",
        required=False,
        help_text=f"Tối đa {MAX_FILES} tệp PDF, JPEG hoặc PNG, mỗi tệp không quá {MAX_FILE_BYTES // (1024 * 1024)} MB.",
    )
    purpose = "trả lời câu hỏi"
    text_fields = ("name", "organisation", "title", "text")
    field_order = [
        "name", "email", "phone", "organisation", "unit", "field", "title", "text", "attachments", "consent",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices()
        self.fields["unit"].error_messages["invalid_choice"] = "Đơn vị được chọn không có trên Cổng."
        self.fields["field"].error_messages["invalid_choice"] = "Lĩnh vực được chọn không có trong danh sách."

    def question_fields(self):
        data = self.cleaned_data
        return {
            "unit": Unit.objects.get(pk=data["unit"]),
            "attachments": data["attachments"],
            **{name: data[name] for name in ("name", "email", "phone", "organisation", "field", "title", "text")},
        }


class CommentForm(ContactForm):
    """A comment on a draft document: which article (Điều) it is about, and what the commenter proposes."""

    article = forms.CharField(
        label="Góp ý cho điều, khoản (nếu có)",
        max_length=100,
        required=False,
        help_text="Ví dụ: Điều 5, khoản 2. Để trống nếu góp ý chung cho cả dự thảo.",
    )
    text = forms.CharField(label="Nội dung góp ý", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    purpose = "liên hệ về góp ý này"
    text_fields = ("name", "organisation", "article", "text")
    field_order = ["name", "email", "phone", "organisation", "article", "text", "consent"]

    def comment_fields(self):
        return {name: self.cleaned_data[name] for name in ("name", "email", "phone", "organisation", "article", "text")}
