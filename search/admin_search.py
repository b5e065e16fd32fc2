"""The admin's page search (Wagtail's `wagtailadmin_pages:search`) for a site's own staff: bounded by their sites.

Wagtail keeps the matches of the whole portal that are among the pages the user may explore: every page they hold a
permission on, and its ancestors, an OR of path conditions per permission the planner cannot bound. A ward's editor
then waited for every site's matches of a common word (1.0 s against a superuser's 77 ms at 200,000 pages, issue
#15). Here their pages are their own sites' subtrees (`sites.admin_scope.own_pages`: one path prefix per site,
which the path index serves), so the work grows with their site, not the portal; on PostgreSQL the join is steered
to start from those pages (`OwnSitesSearchView.get`). Operators and superusers keep Wagtail's search. Matching
Vietnamese as typed (folding, i/y, Telex/VNI) is the backend's (search/backends/database.py), for every search
through it.
"""

from django.db import connection, transaction

from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from sites.admin_scope import own_home_paths, own_pages


class OwnSitesPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the pages a site's staff may search being their own sites' pages, every state."""

    def explorable_instances(self, user):
        if own_home_paths(user) is None:
            return super().explorable_instances(user)
        return own_pages(user)


class OwnSitesSearchView(SearchView):
    permission_policy = OwnSitesPolicy(Page)

    def get_queryset(self):
        """Wagtail's search, whose counts are taken from the page types' counts it has just made (the filter
        buttons) instead of counting the same matches twice more: once for "Tất cả (N)" and the heading, once for
        the paginator (two statements of four, 250 ms each at a million pages for a ward's editor,
        docs/performance.md)."""
        pages = super().get_queryset()
        self.matches = None
        if pages.supports_facet:
            by_type = dict(self.content_types)
            # modelsearch keeps a results' count here once counted; nothing else sets it.
            self.all_pages._count_cache = sum(by_type.values())
            wanted = self.selected_content_type
            self.matches = self.all_pages._count_cache if wanted is None else by_type.get(wanted, 0)
        return pages

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if self.matches is not None:
            paginator.count = self.matches  # a cached property of Django's paginator
        return paginator

    def get(self, request, *args, **kwargs):
        if connection.vendor != "postgresql" or own_home_paths(request.user) is None:
            return super().get(request, *args, **kwargs)
        # PostgreSQL takes the words' matches to be few (it multiplies the syllables' frequencies as if they were
        # independent: 240 estimated, 82,001 found at a million pages) and hashes every page of the portal to join
        # them. Without hash and merge joins it starts from the user's own pages and reaches each one's entry by
        # its object id (migration search 0009): 1.1 s -> 0.4 s a statement for Đống Đa's editor. The plan's higher
        # estimate would then have it compiled (JIT), 70 ms of those 0.4 s for a plan run once.
        with transaction.atomic(), connection.cursor() as cursor:
            for setting in ("enable_hashjoin", "enable_mergejoin", "jit"):
                cursor.execute(f"SET LOCAL {setting} = off")
            response = super().get(request, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response  # its queries run as it renders


class PortalPageViewSet(PageViewSet):
    """Wagtail's base page viewset (registered after it, so it takes its place) with the search view above:
    `search_view_class` is read from the base Page model's viewset only."""

    search_view_class = OwnSitesSearchView
