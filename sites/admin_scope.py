"""Which pages, images, documents, snippets and people a user may see and use in the admin: the one place saying it.

A unit's staff see and use everything of their own units (every state), and of the city only what it shares:
its images, documents and snippets. Another site's pages may be chosen (to link to them) only while they are live,
public and have no unpublished draft, so a chooser never shows another site's draft titles. Operators and
superusers reach everything (`unit_ids_for_user` is None for them). The admin applies these rules through
Wagtail's hooks and viewsets (sites/wagtail_hooks.py, home/wagtail_hooks.py), the page form (home/forms.py) and
search pins (search/forms.py).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Page, PageViewRestriction

from .models import SiteRole, Unit
from .ownership import unit_ids_for_user

REFUSED = {
    "page": _("Không được liên kết tới trang này: trang chưa công khai và không thuộc đơn vị của bạn."),
    "image": _("Không được dùng ảnh “%(title)s”: ảnh thuộc đơn vị khác."),
    "document": _("Không được dùng tài liệu “%(title)s”: tài liệu thuộc đơn vị khác."),
    "snippet": _("Không được dùng “%(title)s”: nội dung dùng chung này thuộc đơn vị khác."),
}


def home_paths(unit_ids):
    """Paths of the home pages of these units' sites, their translation trees included (the city's English home)."""
    roots = Page.objects.filter(depth=2, sites_rooted_here__unit__pk__in=unit_ids)
    homes = Page.objects.filter(depth=2).filter(
        Q(pk__in=roots) | Q(translation_key__in=roots.values("translation_key"))
    )
    return list(homes.values_list("path", flat=True))


def own_home_paths(user):
    """None for every site; otherwise the home paths of the user's units (read once per user object)."""
    if not hasattr(user, "_portal_home_paths"):
        unit_ids = unit_ids_for_user(user)
        user._portal_home_paths = None if unit_ids is None else home_paths(unit_ids)
    return user._portal_home_paths


def under(paths, field="path"):
    """Q for the pages under (or at) any of these paths."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _private_q(field="path"):
    return under(PageViewRestriction.objects.values_list("page__path", flat=True), field)


def shown_elsewhere_q():
    """Another site's page a user may see (to link to it): live, public, and no draft waiting with a new title."""
    return Q(live=True, has_unpublished_changes=False) & ~_private_q()


# ------------------------------------------------------------------------------------------------------------- pages


def own_pages(user, pages=None):
    """The pages of the user's own sites, in every state."""
    pages = Page.objects.all() if pages is None else pages
    paths = own_home_paths(user)
    return pages if paths is None else pages.filter(under(paths))


def visible_pages(user, pages=None):
    """What a chooser may offer: the user's own pages, other sites' live public pages, and the root to browse from."""
    pages = Page.objects.all() if pages is None else pages
    paths = own_home_paths(user)
    if paths is None:
        return pages
    return pages.filter(Q(depth=1) | under(paths) | shown_elsewhere_q())


def may_see_page(user, page):
    return visible_pages(user, Page.objects.filter(pk=page.pk)).exists()


def promotable_pages(unit):
    """Pages a unit may pin in citizen search: its own site's live, public pages."""
    return Page.objects.live().filter(under(home_paths([unit.pk]))).exclude(_private_q())


# ------------------------------------------------------------------------------------------------------------- media


def usable_collections(user):
    """None for every collection; otherwise the collections of the user's units and the city's, with their children."""
    unit_ids = unit_ids_for_user(user)
    if unit_ids is None:
        return None
    tops = Collection.objects.filter(Q(unit__pk__in=unit_ids) | Q(unit__kind=Unit.Kind.CITY))
    condition = Q(pk__in=[])
    for path in tops.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition)


def usable_media(user, objects):
    """Images or documents the user may see and use: those in their own units' or the city's collections."""
    collections = usable_collections(user)
    return objects if collections is None else objects.filter(collection__in=collections)


# ---------------------------------------------------------------------------------------------------------- snippets


def usable_snippets(user, objects):
    """Per-unit snippets the user may choose: their own units' and the city's (a city hotline card serves a ward)."""
    unit_ids = unit_ids_for_user(user)
    if unit_ids is None or not any(field.name == "unit" for field in objects.model._meta.fields):
        return objects  # city-wide taxonomies (categories, fields) are everyone's to choose
    return objects.filter(Q(unit_id__in=unit_ids) | Q(unit__kind=Unit.Kind.CITY))


# ------------------------------------------------------------------------------------------------------------ people


def colleagues(user, people=None):
    """The accounts a report may name to this user: those serving one of the user's units (and the user)."""
    people = get_user_model().objects.all() if people is None else people
    unit_ids = unit_ids_for_user(user)
    if unit_ids is None:
        return people
    groups = SiteRole.objects.filter(unit_id__in=unit_ids).values("group_id")
    return people.filter(Q(groups__in=groups) | Q(pk=user.pk)).distinct()


# ------------------------------------------------------------------------------------------------------------ any one


def in_scope(user, instance):
    """Whether an admin view may name this object to the user: own pages, usable media and snippets, anything else."""
    if unit_ids_for_user(user) is None:
        return True
    model = type(instance)
    if isinstance(instance, Page):
        return own_pages(user, Page.objects.filter(pk=instance.pk)).exists()
    if hasattr(instance, "collection_id") and hasattr(instance, "file"):
        return usable_media(user, model.objects.filter(pk=instance.pk)).exists()
    if hasattr(instance, "unit_id"):
        return usable_snippets(user, model.objects.filter(pk=instance.pk)).exists()
    return True


def refusal(user, instance):
    """None if the user may put this object on their pages; otherwise the Vietnamese reason it is refused."""
    if instance is None or unit_ids_for_user(user) is None:
        return None
    model = type(instance)
    if isinstance(instance, Page):
        allowed = may_see_page(user, instance)
        kind = "page"
    elif hasattr(instance, "collection_id") and hasattr(instance, "file"):
        allowed = usable_media(user, model.objects.filter(pk=instance.pk)).exists()
        kind = "image" if hasattr(instance, "get_rendition") else "document"
    elif hasattr(instance, "unit_id"):
        allowed = usable_snippets(user, model.objects.filter(pk=instance.pk)).exists()
        kind = "snippet"
    else:
        return None
    if allowed:
        return None
    return REFUSED[kind] if kind == "page" else REFUSED[kind] % {"title": instance}
