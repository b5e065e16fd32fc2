# ruff: noqa: F811
"""No public input gets a server error: hostile strings in every query parameter and path of every public URL.

The URLs and their parameters come from the portal itself: the OpenAPI descriptions (/api/v2/openapi.json,
/api/search/openapi.json and the citizens' CITIZEN_DOCUMENTS), the parameters each API endpoint accepts
(`known_query_parameters`) and the URLconf's public routes (feeds, sitemap, the search page, /english, page routes).
Every hostile value goes into every parameter and into every path; any 5xx or exception fails the test, listing each
failing request. The citizens' POST operations get hostile values in every field their description names. Then
schemathesis generates requests from /api/v2/openapi.json in process, through the Django test client.
"""

import re
import unicodedata
from datetime import timedelta
from urllib.parse import quote

import hypothesis
import pytest
import schemathesis

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from citizens import defences
from citizens.models import DraftDocumentPage
from home.models import SectionPage
from search.legal import LegalSearchForm

from .api_content import DONGDA, content, fresh_api_cache  # noqa: F401
from .conftest import figures

pytestmark = pytest.mark.django_db


def hostile_values():
    """Quotes, very long, NUL and control characters, huge and negative numbers, NFD, % sequences, SQL, HTML,
    JSON and query-language syntax, path traversal."""
    values = ['"', "'", 'a"b', "'\"", '"thủ tục', "`", "x" * 300, "ư" * 5000, "1" * 5000]
    values += [chr(code) for code in (0, 1, 9, 10, 13, 27, 31, 127)] + ["a\x00b", "thu\x01tuc", "\x1f\x1e"]
    values += ["99999999999999999999999", "9223372036854775808", "2147483648", "-1", "-99999999999999999999"]
    values += ["0", "1e309", "NaN", "-0", "0x10", "١٢", "²"]  # Arabic-Indic and superscript digits pass isdigit()
    values += [unicodedata.normalize("NFD", "Hoàn Kiếm thủ tục"), "\u0301", "\ufeff", "\u202e", "\U0001f600"]
    values += ["%", "%00", "%zz", "%25%32%35", "100%"]
    values += ["' OR 1=1 --", "1; DROP TABLE wagtailcore_page", "a AND OR NOT", "NEAR(a b)", "*", "a*", "-a", "()"]
    values += ["<script>alert(1)</script>", "&amp;", '{"a": [1', "[]", "null", "true"]
    values += ["../../etc/passwd", "..\\..\\windows", "/", "//evil.example", "a/../../b", ":", "::", "a:b"]
    values += ["", " ", ",", ",,,", "home.ArticlePage,", "wagtailcore.Page", "auth.User", "_", "-id", "random"]
    values += ["2026-13-45", "0000-00-00", "9999-12-31", "0001-01-01", "2026-02-30T25:61"]
    return values


HOSTILE = hostile_values()
# One of each class, for every parameter of every URL.
CORE = ['a"b', "ư" * 5000, "a\x00b", "thu\x01tuc", "99999999999999999999999", "-1", "²", "%00", "../../etc/passwd"]
# A section listing reads trang (its page number); the question look-up reads ma (a tracking code).
HTML_PARAMETERS = ["page", "p", "q", "x", "trang", "ma"]


def api_v2_operations(client):
    """(path with {id}, query parameter names) of every operation of /api/v2/openapi.json, plus those the endpoint
    accepts that the description leaves out (Wagtail's own: search_operator, ancestor_of, translation_of, …)."""
    document = client.get("/api/v2/openapi.json", HTTP_HOST=DONGDA).json()
    operations = []
    for path, item in document["paths"].items():
        parameters = {p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"}
        view = getattr(resolve(path.replace("{id}", "1")).func, "cls", None)
        parameters |= set(getattr(view, "known_query_parameters", ()))
        operations.append((path, sorted(parameters)))
    return operations


# The citizens' Django Ninja APIs: questions, comments on drafts, ratings (GET and POST operations).
CITIZEN_DOCUMENTS = ("/api/questions/openapi.json", "/api/comments/openapi.json", "/api/ratings/openapi.json")


def filled(path, page_id):
    """A Ninja path with its parameter filled: a question's code, or a page's id."""
    return path.replace("{code}", "HN-DONGDA-2026-000001").replace("{page_id}", str(page_id))


def search_operations(client, document="/api/search/openapi.json", page_id=1):
    """The GET operations of a Django Ninja API (search, the citizens' APIs), their path parameter filled in."""
    document = client.get(document, HTTP_HOST=DONGDA).json()
    return [
        (
            filled(path, page_id),
            sorted(p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"),
        )
        for path, item in document["paths"].items()
        if "get" in item
    ]


# Public routes under these prefixes are fuzzed elsewhere: the admin by the isolation matrix, the API through its
# OpenAPI descriptions (api_v2_operations, search_operations); document downloads need a real document.
NOT_PUBLIC_PAGES = ("admin/", "documents/", "api/")
# Named routes that are not fuzzed as a path of their own, and why.
SKIPPED = {"wagtail_serve": "every page path: the pages below, and each hostile value as a path segment"}


def public_routes(pages):
    """Every public route of the URLconf as a concrete path: a route without parameters as it stands, one with
    parameters through `fillings`. A new route with parameters and no filling fails here, so that nothing public
    escapes the fuzz."""
    routes = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                routes.append((pattern.name, prefix + route))

    walk(get_resolver().url_patterns)
    section = section_path(pages)
    fillings = {
        "section_rss": f"/{section}rss.xml",
        "section_atom": f"/{section}atom.xml",
        "english": "/english/",
        "citizen_question_status": "/cau-hoi/HN-DONGDA-2026-000001/",
        "citizen_rate": f"/danh-gia/{pages['library'].pk}/",
        "citizen_draft_comment": f"/gop-y-du-thao/{pages['library'].pk}/",
        "sitemap_part": f"/sitemap-{pages['library'].get_parent().pk}-1.xml",
        "wagtailcore_authenticate_with_password": f"/_util/authenticate_with_password/1/{pages['library'].pk}/",
    }
    paths, unfilled = [], []
    for name, route in routes:
        if route.startswith(NOT_PUBLIC_PAGES) or name in SKIPPED:
            continue
        if name in fillings:
            paths.append(fillings[name])
        elif re.search(r"[(<\\[?*+]", route):
            unfilled.append(f"{name}: {route}")
        else:
            paths.append("/" + route)
    assert not unfilled, f"public routes with parameters need a filling in public_routes(): {unfilled}"
    assert {"/rss.xml", "/sitemap.xml", "/tim-kiem/", "/healthz"} <= set(paths), "a public route went missing"
    return [*dict.fromkeys(paths), *page_urls(pages)]


def page_urls(pages):
    """One page of each kind Wagtail routes a path below: the English portal, the home, a section, an article."""
    return ["/english", "/en/", "/", f"/{section_path(pages)}", pages["library"].url]


def section_path(pages):
    """The path of the article's section below its home: "tin-tuc-su-kien/"."""
    return pages["library"].get_parent().specific.url_path.split("/", 2)[2]


def hostile_requests(client, pages):
    """(path, query parameters) for every parameter of every public URL.

    Every (URL, parameter) gets one value of each class (CORE); every parameter name gets the whole list once,
    on the first URL that reads it; every public path gets a value of each class as a path segment, and each kind
    of page (page_urls: where Wagtail routes the segment) every hostile value. That keeps the run near a minute
    while no class and no value goes untried anywhere it could matter."""
    api_operations = api_v2_operations(client)
    searches = search_operations(client)
    for document in CITIZEN_DOCUMENTS:
        searches += search_operations(client, document, pages["library"].pk)
    article = pages["library"].pk
    urls = public_routes(pages)
    search_parameters = sorted({name for _path, parameters in searches for name in parameters})
    slots = []  # (path, parameter, the parameters sent beside it)
    for path, parameters in api_operations:
        slots += [(path.replace("{id}", str(article)), name, {}) for name in parameters]
    for path, parameters in searches:
        slots += [(path, name, {"q": "ho chieu"}) for name in parameters]
    slots += [("/tim-kiem/", name, {"q": "ho chieu"}) for name in search_parameters]  # the page reads the same
    slots += [(url, name, {}) for url in urls for name in HTML_PARAMETERS]
    # The legal-document search's own form fields, read from its form, and its page number.
    slots += [("/tra-cuu-van-ban/", name, {}) for name in LegalSearchForm.base_fields]

    requests, tried = [], set()
    for path, name, beside in slots:
        values = HOSTILE if name not in tried else CORE
        tried.add(name)
        requests += [(path, {**beside, name: value}) for value in values]
    api_paths = [path.replace("{id}", str(article)) for path, _parameters in api_operations + searches]
    requests += [(url, {value: "1"}) for url in [*urls, *api_paths] for value in CORE]  # hostile names
    for path, _parameters in api_operations:
        if "{id}" in path:
            requests += [(path.replace("{id}", quote(value, safe="")), {}) for value in HOSTILE if value]
    pages_routed = page_urls(pages)
    for url in urls:
        values = HOSTILE if url in pages_routed else CORE
        requests += [(url.rstrip("/") + "/" + quote(value, safe="") + "/", {}) for value in values]
    return requests


def test_no_public_input_gets_a_server_error(client, content):
    requests = hostile_requests(client, content)
    failures = []
    http = Client(raise_request_exception=True)
    for path, params in requests:
        try:
            # A savepoint per request: on PostgreSQL one refused statement must not abort the next requests.
            with transaction.atomic():
                response = http.get(path, params, HTTP_HOST=DONGDA)
        except Exception as error:  # the traceback a citizen would have got as a 500
            failures.append(f"{path} {params!r:.80}: {type(error).__name__}: {error!s:.120}")
            continue
        if response.status_code >= 500 or b"Traceback" in getattr(response, "content", b""):
            failures.append(f"{path} {params!r:.80}: {response.status_code}")
        elif 400 <= response.status_code < 500 and response.get("Content-Type", "").startswith("application/json"):
            body = response.json()
            assert body.get("message") or body.get("detail"), (path, params, body)

    figures["public fuzz"] = f"{len(requests):,} cases over {len({path for path, _ in requests}):,} URLs"
    assert failures == [], f"{len(failures)} of {len(requests)} requests failed:\n" + "\n".join(failures[:60])


def open_draft(pages):
    """A draft of Đống Đa taking comments today."""
    legal = SectionPage.objects.sibling_of(pages["library"].get_parent()).get(section_key="legal_documents")
    today = timezone.localdate()
    draft = DraftDocumentPage(
        title="Dự thảo quy định tiếp công dân",
        drafting_unit="Văn phòng",
        abstract="Tóm tắt",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
    )
    legal.add_child(instance=draft)
    draft.save_revision().publish()
    return draft


# A valid form for each POST operation of the citizens' APIs (the fuzz changes one field at a time); a new POST
# operation without one fails the test below, so that it cannot escape the fuzz.
VALID_FORMS = {
    "/api/questions/": lambda pages: {
        "name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "unit": pages["library"].get_site().unit.pk,
        "field": "ho-tich",
        "title": "Đăng ký khai sinh",
        "text": "Tôi đăng ký khai sinh ở đâu?",
        "consent": "on",
    },
    "/api/comments/{page_id}/": lambda pages: {
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "article": "Điều 5",
        "text": "Đề nghị bổ sung thời hạn.",
        "consent": "on",
    },
    "/api/ratings/{page_id}/": lambda pages: {"interface": "4", "content": "5", "quality": "3", "support": "4"},
}


def test_hostile_values_in_every_field_of_the_citizens_post_endpoints_get_no_server_error(client, content, settings):
    """Every field each citizens' POST operation describes (and an unknown one), one hostile value of each class,
    and every hostile value in the longest text; with a fresh proof of work each time so that the form is read."""
    settings.PORTAL_QUESTIONS_PER_IP_HOUR = settings.PORTAL_QUESTIONS_PER_CONTACT_DAY = 100_000
    settings.PORTAL_COMMENTS_PER_IP_HOUR = settings.PORTAL_RATINGS_PER_IP_HOUR = 100_000
    draft = open_draft(content)
    http = Client(raise_request_exception=True)
    failures, sent = [], 0
    for document in CITIZEN_DOCUMENTS:
        for path, item in client.get(document, HTTP_HOST=DONGDA).json()["paths"].items():
            if "post" not in item:
                continue
            assert path in VALID_FORMS, f"{path}: a POST operation without a valid form in VALID_FORMS"
            base = VALID_FORMS[path](content)
            fields = item["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
            target = filled(path, draft.pk)
            cases = [(target, name, value) for name in [*fields, "unknown"] for value in CORE]
            cases += [(target, "text", value) for value in HOSTILE if "text" in fields]
            cases += [(filled(path, quote(value, safe="")), "", "") for value in CORE if "{page_id}" in path]
            for url, name, value in cases:
                sent += 1
                try:
                    with transaction.atomic():
                        data = {**base, "pow": defences.solve(defences.challenge()), **({name: value} if name else {})}
                        response = http.post(url, data, HTTP_HOST=DONGDA)
                except Exception as error:
                    failures.append(f"POST {url} {name}={value!r:.40}: {type(error).__name__}: {error!s:.100}")
                    continue
                refusal = response.status_code >= 400 and response["Content-Type"].startswith("application/json")
                if response.status_code >= 500:
                    failures.append(f"POST {url} {name}={value!r:.40}: {response.status_code}")
                elif refusal and not set(response.json()) & {"detail", "message"}:
                    failures.append(f"POST {url} {name}={value!r:.40}: {response.status_code} without a message")
    figures["citizens' POST fuzz"] = f"{sent:,} posts"
    assert failures == [], "\n".join(failures[:40])


@pytest.mark.parametrize("document", ["/api/v2/openapi.json", "/api/search/openapi.json"])
def test_schemathesis_finds_no_server_error(client, content, document):
    """Property check: requests schemathesis generates from an OpenAPI description, sent in process."""
    schema = schemathesis.openapi.from_dict(client.get(document, HTTP_HOST=DONGDA).json())
    http = Client(raise_request_exception=True)
    sent = []

    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        def check(case):
            with transaction.atomic():
                response = http.get(case.formatted_path, case.query or {}, HTTP_HOST=DONGDA)
            sent.append(case)
            assert response.status_code < 500, (case.formatted_path, case.query, response.status_code)

        check()
    figures[f"schemathesis {document}"] = f"{len(sent):,} generated requests"
