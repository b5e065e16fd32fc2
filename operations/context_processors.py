"""The maintenance notice for the banner of every public page (cms/templates/base.html)."""

from .maintenance import current_notice


def maintenance_notice(request):
    return {"maintenance_notice": current_notice()}
