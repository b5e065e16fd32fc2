"""GET and POST /api/comments/{page_id}/: a draft document's comments (góp ý dự thảo) for other front ends,
described at /api/comments/openapi.json. The same form, defences and dates as the draft's page (citizens/drafts.py);
only comments the site's board approved are returned, never with their contact."""

from datetime import date, datetime

from ninja import NinjaAPI, Schema
from ninja import Status as Respond
from ninja.errors import HttpError

from citizens import drafts
from citizens.models import CommentStatus
from sites.resolve import site_for_request
from sites.working_time import HANOI

from .citizen_forms import ErrorOut, form_body, page_id_of, refused

api = NinjaAPI(
    title="Góp ý dự thảo - Cổng thông tin điện tử thành phố Hà Nội",
    version="1",
    description=(
        "Người dân, tổ chức góp ý cho dự thảo văn bản trong thời gian lấy ý kiến. Góp ý được Ban Biên tập của "
        "trang duyệt trước khi công khai; thư điện tử và số điện thoại không bao giờ được công khai. Bài kiểm tra "
        "chống thư rác (`pow`): GET /api/questions/challenge/, như khi gửi câu hỏi."
    ),
    urls_namespace="comments_api",
)
MISSING = "Không có dự thảo này để góp ý."

FORM_FIELDS = {
    "name": {"type": "string", "maxLength": 120, "description": "Họ và tên"},
    "email": {"type": "string", "format": "email", "description": "Thư điện tử (hoặc phone)"},
    "phone": {"type": "string", "description": "Số điện thoại: 0912345678 hoặc +84912345678 (hoặc email)"},
    "organisation": {"type": "string", "maxLength": 200, "description": "Cơ quan, tổ chức (nếu có)"},
    "article": {"type": "string", "maxLength": 100, "description": "Điều, khoản được góp ý (nếu có)"},
    "text": {"type": "string", "maxLength": 5000, "description": "Nội dung góp ý"},
    "consent": {"type": "string", "enum": ["on"], "description": "Đồng ý điều khoản bảo vệ dữ liệu cá nhân"},
    "pow": {"type": "string", "description": "Lời giải của GET /api/questions/challenge/"},
}


class CommentOut(Schema):
    name: str
    organisation: str
    article: str
    text: str
    received_on: date


class DraftOut(Schema):
    id: int
    title: str
    drafting_unit: str
    opens_on: date
    closes_on: date
    open: bool
    message: str
    comments: list[CommentOut]


class ReceivedOut(Schema):
    status: str
    status_label: str
    received_at: datetime
    message: str


def draft_of(request, page_id):
    page = drafts.open_draft(page_id_of(page_id, MISSING), site_for_request(request))
    if page is None:
        raise HttpError(404, MISSING)
    return page


@api.get("/{page_id}/", response=DraftOut, summary="Dự thảo và các góp ý đã công khai", url_name="draft")
def draft(request, page_id: str):
    page = draft_of(request, page_id)
    message = drafts.phase_message(page)
    return {
        "id": page.pk,
        "title": page.title,
        "drafting_unit": page.drafting_unit,
        "opens_on": page.opens_on,
        "closes_on": page.closes_on,
        "open": not message,
        "message": message,
        "comments": [
            {
                **{name: getattr(c, name) for name in ("name", "organisation", "article", "text")},
                "received_on": c.received_at.astimezone(HANOI).date(),
            }
            for c in page.public_comments
        ],
    }


@api.post(
    "/{page_id}/",
    response={201: ReceivedOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="Gửi góp ý cho dự thảo",
    description="409: ngoài thời gian lấy ý kiến. 429: quá số góp ý cho phép từ một địa chỉ mạng hoặc một liên hệ.",
    url_name="comment",
    openapi_extra=form_body(FORM_FIELDS, ["name", "text", "consent", "pow"]),
)
def comment(request, page_id: str):
    received = drafts.receive(request, draft_of(request, page_id))
    if received.comment is None:
        return Respond(received.status, refused(received.refusal or "Góp ý chưa gửi được:", received.errors))
    return Respond(
        201,
        {
            "status": received.comment.status,
            "status_label": str(CommentStatus(received.comment.status).label),
            "received_at": received.comment.received_at,
            "message": "Cảm ơn Ông/Bà đã góp ý. Góp ý sẽ được công khai sau khi Ban Biên tập của trang xem xét.",
        },
    )
