"""Liveness and readiness for load balancers: /healthz (the process answers) and /readyz (its services answer).

/readyz times each service the portal needs to serve a request. A failing check names the part and the kind of
error only: an exception's text can hold a hostname, a user name or a path, which a public endpoint must not show.
"""

import time
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search import engine


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def shared_cache():
    key, value = f"portal-operations:readyz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise LookupError("cache does not keep values")
    cache.delete(key)


def media_storage():
    default_storage.exists("readyz-probe")


def citizen_search():
    engine.search("kiểm tra sẵn sàng", limit=1, facets=False)


CHECKS = {"database": database, "cache": shared_cache, "storage": media_storage, "search": citizen_search}


def run(check):
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure means "not ready"; the body names which kind
        result = {"ok": False, "error": type(error).__name__}
    else:
        result = {"ok": True}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {name: run(check) for name, check in CHECKS.items()}
    failing = [name for name, result in checks.items() if not result["ok"]]
    return JsonResponse(
        {"status": "not_ready" if failing else "ready", "failing": failing, "checks": checks},
        status=503 if failing else 200,
    )
