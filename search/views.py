"""The public search page /tim-kiem/: the same search as the API, rendered for citizens."""

from datetime import date

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .service import ALL_SITES, Params, SearchRequestError, find, page_number


def _day(value, label):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise SearchRequestError(
            _("%(label)s phải có dạng năm-tháng-ngày, ví dụ 2026-03-01.") % {"label": label}
        ) from error


def search(request):
    """Search the site the page is on, or every site when the citizen asks (site=all)."""
    get = request.GET
    query = get.get("q", "").strip()
    context = {"search_query": query, "site_param": get.get("site", ""), "all_sites": ALL_SITES}
    status = 200
    if query:
        try:
            params = Params(
                q=query,
                site=get.get("site", ""),
                type=get.get("type", ""),
                section=get.get("section", ""),
                date_from=_day(get.get("from"), _("Từ ngày")),
                date_to=_day(get.get("to"), _("Đến ngày")),
                page=page_number(get.get("page")),
            )
            context["search"] = find(request, params)
        except SearchRequestError as error:
            context["error"] = str(error)
            status = 400
    # A mistake in what was asked is the citizen's: a 400 with the message on the page, never a server error.
    return TemplateResponse(request, "search/search.html", context, status=status)
