"""What the pages API reads once per request for all the pages it serializes, instead of once per page.

- Wagtail's table of site roots (`Site.get_site_root_paths`): `page.full_url` without a request rebuilds it for
  every page (142 sites: a cache read and ~150 tuples each time, wagtail#2916). Every page serialized, and every
  page its fields reach, shares one copy, kept by the process between requests.
- Tag names: one query for the whole page of results. Prefetching through django-taggit builds a queryset per page,
  which cost more than the query it saves.
"""

from collections import defaultdict

from taggit.managers import TaggableManager

from wagtail.models import Site

from .remembered import remembered

# Where Wagtail's Page._get_site_root_paths keeps its copy when given no cache object: the page itself.
SITE_ROOT_PATHS = "_wagtail_cached_site_root_paths"


def share_site_root_paths(pages, root_paths):
    """Let these pages build their URLs (`full_url`, `url`) from the request's copy of the site-root table."""
    for page in pages:
        setattr(page, SITE_ROOT_PATHS, root_paths)


def inherit_site_root_paths(page, nested_in):
    """A page reached from a serialized one (its parent, its original) builds its URL from the same copy."""
    if hasattr(nested_in, SITE_ROOT_PATHS):
        setattr(page, SITE_ROOT_PATHS, getattr(nested_in, SITE_ROOT_PATHS))


def read_site_root_paths(request):
    """Wagtail keeps the table in Django's cache, a Redis read and 142 rows unpickled each request; a process
    keeps it as it keeps the site (api/remembered.py): a Site saved bumps the stamps that retire it."""
    return remembered(request, "site root paths", Site.get_site_root_paths)


def tag_fields(model):
    """The tag managers among a model's API fields."""
    names = {field.name for field in getattr(model, "api_fields", ())}
    return [field for field in model._meta.get_fields() if field.name in names and isinstance(field, TaggableManager)]


def tag_names(model, pages):
    """{(field name, page id): sorted tag names} for the pages' tag fields in the API, one query per field."""
    found = defaultdict(list)
    ids = [page.pk for page in pages]
    for field in tag_fields(model):
        through = field.through
        rows = through.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag__name")
        for page_id, name in rows:
            found[field.name, page_id].append(name)
    return {key: sorted(names) for key, names in found.items()}
