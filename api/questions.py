"""POST /api/questions/ and GET /api/questions/{code}/: citizens' questions for other front ends, described at
/api/questions/openapi.json. The same form, checks and deadlines as the reference front end (citizens/); the
status never carries the asker's name or contact."""

from datetime import datetime

from ninja import NinjaAPI, Schema
from ninja import Status as Respond  # (status code, body): the description above names both
from ninja.errors import HttpError

from citizens import defences, questions
from citizens.forms import QuestionForm, errors_by_field
from citizens.models import FIELDS, Question, Status
from citizens.views import normalised_code

from .citizen_forms import ErrorOut, form_body, refused

api = NinjaAPI(
    title="Hỏi đáp - Cổng thông tin điện tử thành phố Hà Nội",
    version="1",
    description=(
        "Người dân gửi câu hỏi tới một trang của Cổng và theo dõi bằng mã tra cứu (HN-DONGDA-2026-000123). "
        "Câu hỏi được chuyển đơn vị xử lý trong 2 ngày làm việc và trả lời trong 15 ngày làm việc (không tính "
        "thứ Bảy, Chủ nhật, ngày lễ, Tết). Họ tên và thông tin liên hệ không bao giờ được trả về."
    ),
    urls_namespace="questions_api",
)

FORM_FIELDS = {
    "name": {"type": "string", "maxLength": 120, "description": "Họ và tên"},
    "email": {"type": "string", "format": "email", "description": "Thư điện tử (hoặc phone)"},
    "phone": {"type": "string", "description": "Số điện thoại: 0912345678 hoặc +84912345678 (hoặc email)"},
    "organisation": {"type": "string", "maxLength": 200, "description": "Cơ quan, tổ chức (nếu có)"},
    "unit": {"type": "integer", "description": "id của đơn vị (GET /api/v2/sites/) mà câu hỏi gửi tới"},
    "field": {"type": "string", "enum": [key for key, _label in FIELDS], "description": "Lĩnh vực"},
    "title": {"type": "string", "maxLength": 200},
    "text": {"type": "string", "maxLength": 5000},
    "consent": {"type": "string", "enum": ["on"], "description": "Đồng ý điều khoản bảo vệ dữ liệu cá nhân"},
    "pow": {
        "type": "string",
        "description": "Lời giải của GET /api/questions/challenge/: salt|number|challenge|signature",
    },
    "attachments": {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "description": "Tối đa 3 tệp PDF, JPEG, PNG, mỗi tệp ≤ 5 MB",
    },
}


class StatusOut(Schema):
    code: str
    status: str
    status_label: str
    unit: str
    field: str
    received_at: datetime
    route_due_at: datetime
    route_due: str
    routed_at: datetime | None
    answer_due_at: datetime
    answer_due: str
    answered_at: datetime | None
    out_of_scope_reason: str
    answer_url: str | None


def status_of(question):
    answer = question.answer_page if question.answer_page_id and question.answer_page.live else None
    return {
        "code": question.code,
        "status": question.status,
        "status_label": question.get_status_display(),
        "unit": question.unit.display_name,
        "field": question.get_field_display(),
        "received_at": question.received_at,
        "route_due_at": question.route_due_at,
        "route_due": questions.vietnamese_moment(question.route_due_at),
        "routed_at": question.routed_at,
        "answer_due_at": question.answer_due_at,
        "answer_due": questions.vietnamese_moment(question.answer_due_at),
        "answered_at": question.answered_at,
        "out_of_scope_reason": question.out_of_scope_reason if question.status == Status.OUT_OF_SCOPE else "",
        "answer_url": answer.full_url if answer else None,
    }


@api.post(
    "/",
    response={201: StatusOut, 400: ErrorOut, 429: ErrorOut},
    summary="Gửi câu hỏi",
    description=(
        "400: thiếu hoặc sai một trường, tệp đính kèm hay bài kiểm tra. "
        "429: quá số câu hỏi cho phép từ một địa chỉ mạng hoặc một liên hệ."
    ),
    url_name="ask",
    openapi_extra=form_body(
        FORM_FIELDS, ["name", "unit", "field", "title", "text", "consent", "pow"], media=("multipart/form-data",)
    ),
)
def ask(request):
    form = QuestionForm(request.POST, request.FILES)
    try:
        defences.check_request(request)
        valid = form.is_valid()
        if valid:
            defences.check_contact(form.cleaned_data["email"], form.cleaned_data["phone"])
    except defences.Refused as refusal:
        return Respond(refusal.status, refused(str(refusal)))
    if not valid:
        return Respond(400, refused("Câu hỏi chưa gửi được:", errors_by_field(form)))
    question = questions.submit(**form.question_fields())
    return Respond(201, status_of(question))


class ChallengeOut(Schema):
    algorithm: str
    salt: str
    challenge: str
    signature: str
    maxnumber: int


@api.get("/challenge/", response=ChallengeOut, summary="Bài kiểm tra chống thư rác", url_name="challenge")
def challenge(request):
    """Find `number` ≤ maxnumber with SHA-256(salt + number) = challenge; send `salt|number|challenge|signature`
    as `pow` with the question, once, within 20 minutes."""
    return defences.challenge()


@api.get(
    "/{code}/",
    response={200: StatusOut, 404: ErrorOut},
    summary="Tình trạng câu hỏi theo mã tra cứu",
    url_name="status",
)
def status(request, code: str):
    normal = normalised_code(code)
    question = Question.objects.select_related("unit", "answer_page").filter(code=normal).first() if normal else None
    if question is None:
        raise HttpError(404, "Không tìm thấy câu hỏi có mã này.")
    return status_of(question)
