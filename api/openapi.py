"""The OpenAPI 3.1 description of the portal's API, served at /api/v2/openapi.json.

Maintained by hand beside the views; `tests/test_api_contract.py` validates real responses of every endpoint
against it and `bench/api_schemathesis.py` fuzzes a live server with it. Page items carry the fields of their
page type (and whatever `fields=` asks for), so only the fields every page has are pinned for pages.
"""

from django.http import JsonResponse

from home.models import SiteIdentity

from .filters import RANGES

KINDS = ["city", "department", "ward", "commune"]
NULLABLE_STRING = {"type": ["string", "null"]}
DATE_TIME = {"type": ["string", "null"], "format": "date-time"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, required=None, extra=False):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": extra,
    }


def meta(**extra):
    return obj({"type": {"type": "string"}, "detail_url": {"type": "string", "format": "uri"}, **extra})


def listing(item, **extra_meta):
    return obj(
        {
            "meta": obj({"total_count": {"type": "integer", "minimum": 0}, **extra_meta}),
            "items": {"type": "array", "items": item},
        }
    )


def nested():
    """A related object as Wagtail nests it: id, meta and the related endpoint's nested fields."""
    return {
        "oneOf": [
            {"type": "null"},
            obj({"id": {"type": "integer"}, "meta": {"type": "object"}}, extra=True),
        ]
    }


# A syndicated copy (Quy chế Art. 12.1, 15.2.a): its source and canonical URL; null on the site's own pages.
SYNDICATION = {
    "oneOf": [
        {"type": "null"},
        obj(
            {
                "source_site": obj(
                    {"code": {"type": "string"}, "name": {"type": "string"}, "hostname": {"type": "string"}}
                ),
                "canonical_url": {"type": "string", "format": "uri"},
                "author": NULLABLE_STRING,
                "source_agency": NULLABLE_STRING,
                "original_published_at": {"type": "string", "format": "date-time"},
                "shown_since": {"type": "string", "format": "date-time"},
            }
        ),
    ]
}
PAGE_META = {
    "type": {"type": "string", "pattern": r"^\w+\.\w+$"},
    "detail_url": {"type": "string", "format": "uri"},
    "html_url": NULLABLE_STRING,
    "slug": {"type": "string"},
    "first_published_at": DATE_TIME,
    "locale": {"type": "string", "enum": ["vi", "en"]},
    "syndication": SYNDICATION,
}
PAGE_DETAIL_META = {
    **PAGE_META,
    "show_in_menus": {"type": "boolean"},
    "seo_title": {"type": "string"},
    "search_description": {"type": "string"},
    "alias_of": nested(),
    "parent": nested(),
}

SCHEMAS = {
    "Error": obj(
        {"message": {"type": "string", "minLength": 1}, "code": {"type": "string"}, "detail": {"type": "string"}},
        required=["message", "code"],
    ),
    # Listings carry the default fields unless `fields=` changes them, hence only `id` is required.
    "PageListItem": obj(
        {"id": {"type": "integer"}, "meta": obj(PAGE_META, required=["type"]), "title": {"type": "string"}},
        required=["id"],
        extra=True,
    ),
    "PageDetail": obj(
        {
            "id": {"type": "integer"},
            "meta": obj(PAGE_DETAIL_META, required=["type", "detail_url", "html_url", "slug", "locale", "parent"]),
            "title": {"type": "string"},
        },
        extra=True,
    ),
    "Image": obj(
        {
            "id": {"type": "integer"},
            "meta": obj(
                {
                    "type": {"const": "wagtailimages.Image"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "download_url": {"type": "string"},
                },
                required=["type"],
            ),
            "title": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        },
        required=["id"],
    ),
    "Document": obj(
        {
            "id": {"type": "integer"},
            "meta": obj(
                {
                    "type": {"const": "wagtaildocs.Document"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "download_url": {"type": "string"},
                },
                required=["type"],
            ),
            "title": {"type": "string"},
        },
        required=["id"],
    ),
    # Planned downtime announced on every site (Decree 224/2026 Art. 13); also in every response's
    # X-Portal-Maintenance header as an ISO 8601 interval "starts_at/ends_at".
    "Maintenance": obj(
        {
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "in_progress": {"type": "boolean"},
            "period": {"type": "string", "description": "Thời gian bảo trì bằng tiếng Việt, giờ Hà Nội."},
            "message": {"type": "string"},
            "emergency": {"type": "boolean"},
        }
    ),
    "Notice": obj(
        {
            "id": {"type": "integer"},
            "meta": meta(),
            "title": {"type": "string"},
            "message": {"type": "string"},
            "link": {"type": "string"},
            "level": {"type": "integer", "enum": [0, 1, 2]},
            "ends_at": DATE_TIME,
        },
        required=["id"],
    ),
    "Official": obj(
        {
            "id": {"type": "integer"},
            "meta": meta(),
            "name": {"type": "string"},
            "position": {"type": "string"},
            "phone": {"type": "string"},
            "email": {"type": "string"},
            "photo": nested(),
        },
        required=["id"],
    ),
    "ContactCard": obj(
        {
            "id": {"type": "integer"},
            "meta": meta(),
            "title": {"type": "string"},
            "address": {"type": "string"},
            "phone": {"type": "string"},
            "email": {"type": "string"},
            "office_hours": {"type": "string"},
        },
        required=["id"],
    ),
    "SiteIdentity": obj(
        {
            "id": {"type": "integer"},
            "meta": meta(),
            "logo": nested(),
            **{name: {"type": "string"} for name in SiteIdentity.TEXT_FIELDS},
        },
        required=["id"],
    ),
    "Taxonomy": obj(
        {"id": {"type": "integer"}, "meta": meta(), "name": {"type": "string"}, "slug": {"type": "string"}},
        required=["id"],
    ),
    "Site": obj(
        {
            "id": {"type": "integer"},
            "meta": meta(),
            "code": {"type": "string", "pattern": r"^(\d{2}|\d{5}|S\d{2})$"},
            "kind": {"type": "string", "enum": KINDS},
            "name": {"type": "string"},
            "display_name": {"type": "string"},
            "hostname": {"type": "string"},
            "root_url": {"type": "string", "format": "uri"},
            "api_base": {"type": "string", "format": "uri"},
            "front_end_url": {"type": "string", "format": "uri"},
            "locales": {"type": "array", "items": {"type": "string", "enum": ["vi", "en"]}, "minItems": 1},
        },
        required=["id"],
    ),
}

NAVIGATION_LINK = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "slug": {"type": "string"},
    "url": NULLABLE_STRING,
    "html_url": NULLABLE_STRING,
}
SCHEMAS["Navigation"] = obj(
    {
        "site": obj(
            {
                "name": {"type": "string"},
                "hostname": {"type": "string"},
                "root_url": {"type": "string", "format": "uri"},
                "unit": obj(
                    {
                        "code": {"type": "string", "pattern": r"^(\d{2}|\d{5}|S\d{2})$"},
                        "kind": {"type": "string", "enum": KINDS},
                        "name": {"type": "string"},
                        "display_name": {"type": "string"},
                    }
                ),
                "locales": {"type": "array", "items": {"type": "string", "enum": ["vi", "en"]}, "minItems": 1},
            }
        ),
        "locale": {"type": "string", "enum": ["vi", "en"]},
        "home": obj(NAVIGATION_LINK),
        "menu": {
            "type": "array",
            "items": obj({**NAVIGATION_LINK, "section_key": NULLABLE_STRING}),
        },
    }
)


# Each criterion: a score from 0 to 100, or null with the reason it is not measured yet.
CRITERION = {"type": "object", "properties": {"score": {"type": ["integer", "null"]}}, "required": ["score"]}
COUNT = {"type": "integer", "minimum": 0}
# Citizens' questions (Quy chế Art. 13.1.e), ratings (Decree 224 Art. 10), comments on drafts: docs/compliance.md.
QUESTIONS = obj(
    {
        "score": {"type": ["integer", "null"]},
        **dict.fromkeys(["received", "routed_on_time", "route_missed", "answered_on_time", "answer_missed"], COUNT),
    }
)
RATING_MEAN = {"type": ["number", "null"], "minimum": 1, "maximum": 5}
RATINGS = obj({"count": COUNT, **dict.fromkeys(["interface", "content", "quality", "support"], RATING_MEAN)})
DRAFT_COMMENTS = obj(dict.fromkeys(["received", "approved"], COUNT))
# Accessibility and performance: the mean Lighthouse score of the site's pages checked in the period, or null with
# the reason (compliance/assessment.py: lab_checks).
LAB_CHECK = {
    **CRITERION,
    "properties": {
        **CRITERION["properties"],
        "reason": {"type": "string"},
        "pages_measured": COUNT,
        "last_measured_at": {"type": "string", "format": "date-time"},
        "tool": {"type": "string"},
        "failed_audits": {"type": "array", "items": {"type": "string"}},
    },
}
COMPLIANCE = obj(
    {
        "site": {"type": "object"},
        "period": {"type": "object"},
        "method": {"type": "string"},
        "score": {"type": ["integer", "null"]},
        "completeness": CRITERION,
        **dict.fromkeys(["accessibility", "performance"], LAB_CHECK),
        "timeliness": {
            **CRITERION,
            "properties": {**CRITERION["properties"], "questions": QUESTIONS},
            "required": ["score", "questions"],
        },
        "usage": {
            **CRITERION,
            "properties": {**CRITERION["properties"], "ratings": RATINGS, "draft_comments": DRAFT_COMMENTS},
            "required": ["score", "ratings", "draft_comments"],
        },
    }
)


def parameter(name, description, schema=None, location="query", required=False):
    return {
        "name": name,
        "in": location,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


SITE = parameter("site", "Tên miền của trang được hỏi (mặc định: theo Host), ví dụ dongda.hanoi.gov.vn.")
COMMON = [
    SITE,
    parameter("fields", "Các trường cần trả về, cú pháp của Wagtail API v2: title,-slug,* hoặc _."),
    parameter("rich_text_format", "Định dạng rich text.", {"type": "string", "enum": ["db_html", "html"]}),
]
LISTING = [
    parameter("limit", "Số mục mỗi trang (tối đa 100).", {"type": "integer", "minimum": 0, "maximum": 100}),
    parameter("offset", "Bỏ qua bao nhiêu mục.", {"type": "integer", "minimum": 0, "maximum": 1_000_000}),
    parameter("order", "Sắp xếp theo trường, thêm dấu - để giảm dần; random để ngẫu nhiên."),
]
SEARCH = [parameter("search", "Tìm kiếm toàn văn.")]
# Keyset pagination of the pages listing (api/keyset.py).
AFTER = parameter(
    "after",
    "Con trỏ lấy từ meta.next của trang trước: trang tiếp theo, nhanh như trang đầu dù sâu đến đâu. "
    "Không dùng cùng offset; chỉ khi sắp xếp mặc định hoặc theo một trường (không search, không random).",
)
NEXT = {
    "oneOf": [{"type": "null"}, {"type": "string"}],
    "description": "Con trỏ của trang tiếp theo (tham số after); null khi đã hết hoặc thứ tự không cho phép.",
}
DATE = {"type": "string", "format": "date"}
PAGE_FILTERS = [
    parameter("type", "Loại trang, ví dụ home.ArticlePage hoặc home.LegalDocumentPage."),
    parameter("section", "Chuyên mục: khóa chuẩn (news, legal_documents, …) hoặc id của trang chuyên mục."),
    parameter("child_of", "Chỉ các trang con của trang có id này (hoặc root)."),
    parameter("descendant_of", "Chỉ các trang nằm dưới trang có id này (hoặc root)."),
    parameter("locale", "Ngôn ngữ: vi hoặc en.", {"type": "string", "enum": ["vi", "en"]}),
    parameter("category", "Chuyên mục tin (slug), cho bài viết."),
    parameter("tag", "Thẻ (slug), cho bài viết."),
    parameter("document_type", "Loại văn bản, ví dụ quyet_dinh.", {"type": "string"}),
    parameter("number", "Số, ký hiệu văn bản."),
    parameter("issuing_body", "Cơ quan ban hành."),
    parameter("field", "Lĩnh vực (id, xem /api/v2/fields/).", {"type": "integer", "minimum": 1}),
    parameter(
        "status",
        "Tình trạng hiệu lực.",
        {"type": "string", "enum": ["in_force", "not_yet", "expired", "replaced"]},
    ),
    parameter("issue_date", "Ngày ban hành.", DATE),
    parameter("effective_date", "Ngày có hiệu lực.", DATE),
    *(parameter(name, f"Khoảng ngày ({lookup.split('__')[0]}).", DATE) for name, (_, lookup) in RANGES.items()),
]

JSON_ERROR = {"application/json": {"schema": ref("Error")}}
ERRORS = {
    "400": {"description": "Tham số không hợp lệ.", "content": JSON_ERROR},
    "404": {
        "description": "Không có trang với tên miền này, hoặc không có nội dung này trên trang.",
        "content": JSON_ERROR,
    },
}
CACHING = {
    "304": {"description": "Không đổi so với ETag / Last-Modified của lần trước."},
}


def ok(schema, description):
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}


ID = parameter("id", "id của đối tượng.", {"type": "integer", "minimum": 1}, location="path", required=True)


def endpoint_paths(name, item, summary, filters=(), detail=None, scoped=True, listing_meta=None):
    common = COMMON if scoped else COMMON[1:]
    return {
        f"/api/v2/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": summary,
                "parameters": [*common, *LISTING, *filters],
                "responses": {**ok(listing(ref(item), **(listing_meta or {})), summary), **CACHING, **ERRORS},
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"{summary}: một mục",
                "parameters": [ID, *common],
                "responses": {**ok(ref(detail or item), summary), **CACHING, **ERRORS},
            }
        },
    }


def schema():
    paths = {
        **endpoint_paths(
            "pages",
            "PageListItem",
            "Các trang đã xuất bản của trang",
            [*SEARCH, *PAGE_FILTERS, AFTER],
            "PageDetail",
            listing_meta={"next": NEXT},
        ),
        **endpoint_paths("images", "Image", "Ảnh của trang", SEARCH),
        **endpoint_paths("documents", "Document", "Tài liệu của trang", SEARCH),
        **endpoint_paths("notices", "Notice", "Thông báo đang hiển thị trên trang"),
        **endpoint_paths("officials", "Official", "Danh bạ cán bộ của trang"),
        **endpoint_paths("contacts", "ContactCard", "Đầu mối liên hệ của trang"),
        **endpoint_paths("identity", "SiteIdentity", "Thông tin đơn vị của trang: tên, liên hệ, biểu trưng, màu"),
        **endpoint_paths("categories", "Taxonomy", "Chuyên mục tin dùng chung"),
        **endpoint_paths("fields", "Taxonomy", "Lĩnh vực dùng chung"),
        **endpoint_paths(
            "sites",
            "Site",
            "Danh bạ 142 trang: thành phố, sở ngành, phường xã",
            [
                parameter("kind", "Loại đơn vị.", {"type": "string", "enum": KINDS}),
                parameter("code", "Mã đơn vị."),
            ],
            scoped=False,
            listing_meta={"maintenance": {"oneOf": [{"type": "null"}, ref("Maintenance")]}},
        ),
        "/api/v2/navigation/": {
            "get": {
                "operationId": "get_navigation",
                "summary": "Tên, đơn vị, các ngôn ngữ và trình đơn (các chuyên mục) của trang",
                "parameters": [
                    SITE,
                    parameter(
                        "locale", "Ngôn ngữ của trình đơn (mặc định vi).", {"type": "string", "enum": ["vi", "en"]}
                    ),
                ],
                "responses": {
                    **ok(ref("Navigation"), "Trình đơn của trang"),
                    **CACHING,
                    "400": ERRORS["400"],
                    "404": {
                        "description": "Không có trang với tên miền này, hoặc trang chưa có phiên bản ngôn ngữ này.",
                        "content": JSON_ERROR,
                    },
                },
            }
        },
        "/api/v2/compliance/": {
            "get": {
                "operationId": "get_compliance",
                "summary": "Tự đánh giá của trang theo Nghị định 224/2026 Điều 12 (docs/compliance.md)",
                "parameters": [
                    SITE,
                    parameter("period", "Kỳ: 30d (mặc định), một năm (2026), nửa năm (2026-h1, 2026-h2)."),
                ],
                "responses": {**ok(COMPLIANCE, "Điểm từng tiêu chí của trang"), **ERRORS},
            }
        },
        "/api/v2/preview/": {
            "get": {
                "operationId": "preview_page",
                "summary": "Bản nháp mới nhất của một trang, cho biên tập viên giữ mã xem trước",
                "parameters": [parameter("token", "Mã xem trước đã ký, có hạn.", required=True), *COMMON],
                "responses": {
                    **ok(ref("PageDetail"), "Bản nháp"),
                    "403": {
                        "description": "Mã hết hạn hoặc sai.",
                        "content": {"application/json": {"schema": ref("Error")}},
                    },
                    **ERRORS,
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API nội dung Cổng thông tin điện tử thành phố Hà Nội",
            "version": "2",
            "description": "Wagtail API v2 theo từng trang: chọn trang bằng Host hoặc ?site=<tên miền>.",
        },
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }


def openapi_view(request):
    return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False})
