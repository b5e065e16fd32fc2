"""GET /api/search/ and /api/search/suggest/: citizen search as JSON, described at /api/search/openapi.json."""

from datetime import date

from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from search.service import PER_PAGE, Params, SearchRequestError, find, suggestions

api = NinjaAPI(
    title="Tìm kiếm - Cổng thông tin điện tử thành phố Hà Nội",
    version="1",
    description=(
        "Tìm kiếm trang công khai đang xuất bản, trên một trang thành phần (site=<tên miền>) hoặc toàn Cổng "
        "(site=all). Gõ có dấu hay không dấu đều tìm được; kết quả đúng dấu và đúng cụm từ được xếp trước.\n\n"
        "Kết quả được ghim: biên tập viên của một trang có thể ghim trang cho một từ khóa (so khớp không dấu, không "
        "phân biệt hoa thường). Ở trang 1 của một tìm kiếm không lọc theo loại, chuyên mục hay ngày, các trang được "
        "ghim đứng đầu `results` với `promoted: true`, rồi mới đến các kết quả thường (`promoted: false`), và không "
        "lặp lại trong các kết quả thường ở bất kỳ trang nào. Ghim của Thành phố có thể áp dụng cho mọi trang (và cho "
        "site=all). `total` và `pages` chỉ đếm kết quả thường; `promoted` là số kết quả được ghim trong trang này."
    ),
    urls_namespace="search_api",
)


# What a parameter that does not parse must look like, for the 400's message.
EXPECTED = {"page": "số nguyên", "per_page": "số nguyên", "from": "ngày dạng YYYY-MM-DD", "to": "ngày dạng YYYY-MM-DD"}


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """A parameter that does not parse (page=abc, from=2026-13-45): a 400 in Vietnamese, like every other mistake."""
    names = dict.fromkeys(str(error["loc"][-1]) for error in exc.errors if error.get("loc"))
    wrong = ", ".join(f"{name} (phải là {EXPECTED[name]})" if name in EXPECTED else name for name in names)
    return api.create_response(request, {"detail": f"Tham số không hợp lệ: {wrong or 'không đọc được'}."}, status=400)


class SiteOut(Schema):
    name: str
    hostname: str


class TypeOut(Schema):
    key: str
    label: str


class ResultOut(Schema):
    id: int
    title: str
    title_html: str
    url: str
    site: SiteOut
    type: TypeOut
    date: date
    snippet_html: str
    score: float
    promoted: bool = Field(description="Trang được biên tập viên ghim cho từ khóa này (chỉ ở trang 1).")


class SiteFacet(SiteOut):
    count: int


class TypeFacet(TypeOut):
    count: int


class YearFacet(Schema):
    year: int
    count: int


class FacetsOut(Schema):
    site: list[SiteFacet]
    type: list[TypeFacet]
    year: list[YearFacet]


class SearchOut(Schema):
    query: str
    site: str
    total: int
    total_exact: bool = Field(
        description="false khi quá nhiều trang khớp: `total` khi đó là số bài mới nhất được xếp hạng; "
        "thực tế còn nhiều hơn."
    )
    page: int
    per_page: int
    pages: int
    promoted: int = Field(description="Số kết quả được ghim ở đầu `results`.")
    results: list[ResultOut]
    facets: FacetsOut
    suggestions: list[str]
    did_you_mean: str = Field(
        description="Khi không tìm thấy hoặc chỉ thấy ít kết quả (dưới 3, ở trang 1): từ khóa có lẽ người dân muốn "
        "tìm, để gợi ý “Có phải bạn muốn tìm …”: từ gõ kiểu Telex/VNI khi tắt bộ gõ, được giải mã "
        "(ddawng kys → đăng ký), hoặc từ khóa viết theo tiêu đề gần nhất (khai sihn → khai sinh). Chuỗi rỗng khi "
        "không có gợi ý."
    )


class SuggestOut(Schema):
    suggestions: list[str]


@api.get("/", response=SearchOut, summary="Tìm kiếm", url_name="search")
def search(
    request,
    q: str = "",
    site: str = Query("", description="Tên miền của một trang (dongda.hanoi.gov.vn), hoặc all: toàn Cổng."),
    type: str = Query("", description="Loại trang, cách nhau bởi dấu phẩy: articlepage,legaldocumentpage."),
    section: str = Query("", description="Chuyên mục chuẩn: news, legal_documents, procedures, ..."),
    date_from: date | None = Query(None, alias="from", description="Từ ngày (YYYY-MM-DD)."),  # noqa: B008
    date_to: date | None = Query(None, alias="to", description="Đến ngày (YYYY-MM-DD)."),  # noqa: B008
    page: int = 1,
    per_page: int = PER_PAGE,
):
    params = Params(q, site, type, section, date_from, date_to, page, per_page)
    try:
        return find(request, params)
    except SearchRequestError as error:
        raise HttpError(400, str(error)) from error


@api.get("/suggest/", response=SuggestOut, summary="Gợi ý khi đang gõ", url_name="suggest")
def suggest(request, q: str = "", site: str = "", type: str = ""):
    try:
        return {"suggestions": suggestions(request, q, site, type)}
    except SearchRequestError as error:
        raise HttpError(400, str(error)) from error
