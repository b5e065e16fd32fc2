"""The maintenance notice for the banner of every public page (cms/templates/base.html)."""

from .maintenance import request_notice


def maintenance_notice(request):
    return {"maintenance_notice": request_notice(request)}
