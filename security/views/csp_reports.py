"""/csp-report/: where browsers report what the Content Security Policy blocked (or, on the admin, would block).

Anyone can post here, so a report is read only if it is small and well-formed, and each client address may send
a limited number a minute; accepted reports go to the "security.csp" log, one line each, for the operator.
"""

import json
import logging

from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ..lockout import client_ip

logger = logging.getLogger("security.csp")

MAX_REPORT_BYTES = 8 * 1024
REPORTS_PER_MINUTE = 60
# Fields of a report worth a line in the log (CSP level 2 "csp-report" and the Reporting API's "body").
FIELDS = ("document-uri", "documentURL", "violated-directive", "effectiveDirective", "blocked-uri", "blockedURL")


def refusal(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def violations(body):
    """The reports in a body, in either format; ValueError if it is not one."""
    data = json.loads(body)
    reports = data if isinstance(data, list) else [data]
    found = [report.get("csp-report") or report.get("body") for report in reports if isinstance(report, dict)]
    if not found or not all(isinstance(report, dict) for report in found):
        raise ValueError("not a CSP report")
    return found


@csrf_exempt
def csp_report(request):
    if request.method != "POST":
        return refusal("Địa chỉ này chỉ nhận báo cáo vi phạm CSP gửi bằng POST.", 405)
    key = f"csp-reports:{client_ip(request)}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > REPORTS_PER_MINUTE:
        return refusal("Quá nhiều báo cáo trong một phút, xin gửi lại sau.", 429)
    # Django itself refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a 400 before it is read.
    if len(request.body) > MAX_REPORT_BYTES:
        return refusal("Báo cáo quá lớn.", 413)
    try:
        reports = violations(request.body)
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors too
        return refusal("Không đọc được báo cáo vi phạm CSP.", 400)
    for report in reports:
        logger.warning("CSP: %s", json.dumps({k: str(report[k])[:300] for k in FIELDS if k in report}))
    return HttpResponse(status=204)
