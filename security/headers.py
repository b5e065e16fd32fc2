"""Content Security Policy (django-csp 4): strict on the public sites and the API, relaxed on Wagtail's admin.

Public pages and the API get the strict policy of CONTENT_SECURITY_POLICY: scripts and styles only from our own
static files or an element carrying this response's nonce (`{{ request.csp_nonce }}`). Wagtail's admin is not
strict-CSP clean (wagtail#1288: inline scripts and style attributes), so it is enforced with the relaxed
PORTAL_ADMIN_CONTENT_SECURITY_POLICY while the strict policy is sent report-only beside it: what the admin would
break is reported to /csp-report/ and nothing breaks for editors.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings

from .admin_hosts import on_admin_host, under_admin


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own @csp decorator (parts.config) still wins; an admin URL on a public hostname is a plain 404.
        if parts.config is None and under_admin(request) and on_admin_host(request):
            strict, relaxed = settings.CONTENT_SECURITY_POLICY, settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY
            parts.config = (strict if report_only else relaxed)["DIRECTIVES"]
        return parts
