"""The admin answers only on the operator's admin hostnames (PORTAL_ADMIN_HOSTNAMES), never on a site's public one.

Every ward's and department's hostname reaches this one instance, so without this the portal's login form (and
every admin URL) would answer on 142 public hostnames, each a place to guess passwords that the operator does not
watch. On any other hostname an admin URL is the public "page not found", with nothing that says an admin exists.
"""

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import reverse


def on_admin_host(request):
    hostname, _port = split_domain_port(request.get_host())
    return hostname in settings.PORTAL_ADMIN_HOSTNAMES


def under_admin(request):
    """Whether the request is for an admin URL: the one test the 2FA, CSP, hostname and maintenance rules share."""
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class AdminHostsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if under_admin(request) and not on_admin_host(request):
            raise Http404
        return self.get_response(request)
