"""Wagtail tells the page cache which pages must never be stored: those behind a view restriction."""

from wagtail import hooks


@hooks.register("before_serve_page")
def never_cache_private_pages(page, request, serve_args, serve_kwargs):
    # Only for a request the page cache may store (caching/pages.py): a signed-in editor's costs nothing more.
    # Wagtail answers an anonymous visitor of a private page with a login redirect or a password form (which sets
    # the CSRF cookie), neither stored; this makes it impossible whatever a future hook lets through.
    if getattr(request, "page_cache_candidate", False) and page.get_view_restrictions().exists():
        request.page_cache_forbidden = True
