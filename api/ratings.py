"""POST /api/ratings/{page_id}/: a rating of a page (four aspects and an optional comment) for other front ends,
described at /api/ratings/openapi.json. The same form, limits and "one per browser per page per day" as the
form under every page (citizens/ratings.py): the browser keeps its random id in the signed cookie the first
answer sets."""

from datetime import date

from ninja import NinjaAPI, Schema
from ninja import Status as Respond
from ninja.errors import HttpError

from django.http import HttpResponse

from citizens import ratings
from citizens.forms import errors_by_field
from sites.resolve import site_for_request

from .citizen_forms import ErrorOut, form_body, page_id_of, refused

api = NinjaAPI(
    title="Đánh giá trang - Cổng thông tin điện tử thành phố Hà Nội",
    version="1",
    description=(
        "Đánh giá ẩn danh một trang theo bốn tiêu chí (giao diện, nội dung, chất lượng, hỗ trợ) từ 1 đến 5 và góp ý "
        "nếu có. Mỗi trình duyệt đánh giá một trang một lần mỗi ngày (cookie `portal_rater` do lần trả lời đầu "
        "tiên đặt). Không lưu địa chỉ mạng, tên hay thông tin liên hệ."
    ),
    urls_namespace="ratings_api",
)
MISSING = "Không có trang này để đánh giá."
SCORE = {"type": "integer", "minimum": 1, "maximum": 5}
FORM_FIELDS = {
    **{name: {**SCORE, "description": label} for name, label in ratings.ASPECTS},
    "comment": {"type": "string", "maxLength": 1000, "description": "Góp ý (nếu có)"},
}


class RatedOut(Schema):
    page: int
    rated_on: date
    message: str


@api.post(
    "/{page_id}/",
    response={201: RatedOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="Đánh giá một trang",
    description="409: trình duyệt này đã đánh giá trang hôm nay. 429: quá số đánh giá từ một địa chỉ mạng.",
    url_name="rate",
    openapi_extra=form_body(FORM_FIELDS, [name for name, _label in ratings.ASPECTS]),
)
def rate(request, response: HttpResponse, page_id: str):
    page, unit = ratings.rated_page(page_id_of(page_id, MISSING), site_for_request(request))
    if page is None:
        raise HttpError(404, MISSING)
    rated = ratings.receive(request, page, unit)
    if rated.status != 201:
        errors = errors_by_field(rated.form) if rated.status == 400 else {}
        return Respond(rated.status, refused(rated.refusal or "Đánh giá chưa gửi được:", errors))
    ratings.remember(request, response, rated)
    return Respond(201, {"page": page.pk, "rated_on": rated.day, "message": "Cảm ơn Ông/Bà đã đánh giá."})
