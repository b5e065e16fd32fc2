from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page, Site


def search(request):
    """Search the live public pages of the site asked for (by its Host), never every site."""
    query = request.GET.get("q", "").strip()
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site:
        results = Page.objects.live().public().in_site(site).specific().search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})
