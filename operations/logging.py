"""Logs a machine can read: one JSON object per line, each tied to its request by a request id.

`RequestIdMiddleware` gives every request an id (the proxy's X-Request-ID when it is a sane token, so one id
follows a request through nginx and gunicorn, else a new uuid4), echoes it in the response and writes one line
per request with its status and duration. `JsonFormatter` adds the request's id, site hostname, path and user id
to every record logged while the request runs. Nothing personal beyond the user id: no names, no IP addresses,
no query strings (a citizen's search words).
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
current_request = ContextVar("current_request", default=None)
request_logger = logging.getLogger("portal.requests")


def hostname(request):
    # The raw Host header, not sites.resolve.requested_hostname: a log line must never raise (get_host refuses an
    # unknown host) and is about where the request went, not the ?site= it asked about.
    return request.META.get("HTTP_HOST", "").lower().split(":", 1)[0][:255]


def user_id(request):
    # Only a user the request has already loaded: logging must not cost a session or database query.
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = current_request.get()
        if request is not None:
            entry.update(
                request_id=request.request_id, site=hostname(request), path=request.path, user_id=user_id(request)
            )
        for field in ("status", "duration_ms"):
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={"status": response.status_code, "duration_ms": duration_ms},
            )
            return response
        finally:
            current_request.reset(token)
