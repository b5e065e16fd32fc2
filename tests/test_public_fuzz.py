# ruff: noqa: F811
"""No public input gets a server error: hostile strings in every query parameter and path of every public URL.

The URLs and their parameters come from the portal itself: the two OpenAPI descriptions (/api/v2/openapi.json,
/api/search/openapi.json), the parameters each API endpoint accepts (`known_query_parameters`) and the URLconf's
public routes (feeds, sitemap, the search page, /english, page routes). Every hostile value goes into every
parameter and into every path; any 5xx or exception fails the test, listing each failing request. Then schemathesis
generates requests from /api/v2/openapi.json in process, through the Django test client.
"""

import re
import unicodedata
from urllib.parse import quote

import hypothesis
import pytest
import schemathesis

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

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


def search_operations(client, document="/api/search/openapi.json"):
    """The GET operations of a Django Ninja API (search, questions), a question's code filled in."""
    document = client.get(document, HTTP_HOST=DONGDA).json()
    return [
        (
            path.replace("{code}", "HN-DONGDA-2026-000001"),
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
    section = pages["library"].get_parent().specific.url_path.split("/", 2)[2]  # "tin-tuc-su-kien/"
    fillings = {
        "section_rss": f"/{section}rss.xml",
        "section_atom": f"/{section}atom.xml",
        "english": "/english/",
        "citizen_question_status": "/cau-hoi/HN-DONGDA-2026-000001/",
        "citizen_rate": f"/danh-gia/{pages['library'].pk}/",
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
    return [*dict.fromkeys(paths), "/english", "/en/", "/", f"/{section}", pages["library"].url]


def hostile_requests(client, pages):
    """(path, query parameters) for every parameter of every public URL.

    Every (URL, parameter) gets one value of each class (CORE); every parameter name gets the whole list once,
    on the first URL that reads it; every public path gets each hostile value as a path segment. That keeps
    the run near a minute while no class and no value goes untried anywhere it could matter."""
    api_operations = api_v2_operations(client)
    searches = search_operations(client) + search_operations(client, "/api/questions/openapi.json")
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
    requests += [(url.rstrip("/") + "/" + quote(value, safe="") + "/", {}) for url in urls for value in HOSTILE]
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
