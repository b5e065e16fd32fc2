"""The Wagtail internals the portal wraps, replaces or extends still have the shape our code expects.

Site isolation leans on Wagtail code that is not public API (docs/operator-guide.md "Nâng cấp thư viện"): views
replaced at start-up, filters whose choices we scope, methods our subclasses override, templates whose blocks we
fill. A Wagtail upgrade that renames or reshapes one of them would not break loudly: the admin would simply stop
hiding other sites' pages and people. Each failure below names the module of ours that must be revisited.
"""

import inspect
import re
from pathlib import Path

import pytest

from django.template import Context, loader
from django.template.loader_tags import BlockNode, ExtendsNode
from django.utils.functional import cached_property

from wagtail.admin.ui.components import Component
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.base_bulk_action import BulkAction
from wagtail.admin.views.generic import chooser as generic_chooser
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet, PageFilterSet
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views import bulk_actions, users
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetsAPI

ROOT = Path(__file__).resolve().parents[1]
# laces: the component library Wagtail's admin UI is built on (wagtail.admin.ui.components re-exports it).
WAGTAIL_PACKAGES = ("wagtail.", "wagtail_localize.", "laces.")


def wagtail_original(owner, name):
    """The Wagtail function behind owner.name, seen through the wrapper our start-up code may have put there."""
    function = getattr(owner, name)
    while not function.__module__.startswith(WAGTAIL_PACKAGES):
        wrapped = [
            value
            for value in inspect.getclosurevars(function).nonlocals.values()
            if inspect.isfunction(value) and value.__name__ == name
        ]
        assert wrapped, f"{owner.__name__}.{name} is ours and wraps no Wagtail function"
        function = wrapped[0]
    return function


def parameters(function):
    return list(inspect.signature(function).parameters)


# (Wagtail class, method, the parameters we call it with or override it by, the module of ours relying on it)
METHODS = [
    (chooser.BrowseView, "get", ["self", "request", "parent_page_id"], "sites/admin_guards.py (page chooser)"),
    (chooser.ChosenMultipleView, "get", ["self", "request"], "sites/admin_guards.py (page chooser)"),
    (ExplorableIndexView, "get", ["self", "request", "parent_page_id"], "sites/admin_guards.py (page explorer)"),
    (SiteHistoryReportFilterSet, "get_users_queryset", ["self"], "sites/admin_guards.py (site history report)"),
    (BulkAction, "get_actionable_objects", ["self"], "sites/admin_guards.py (bulk action confirmations)"),
    (BulkAction, "get_queryset", ["model", "object_ids"], "sites/wagtail_hooks.py (ManagedAccountsOnly)"),
    (BulkAction, "check_perm", ["self", "obj"], "sites/wagtail_hooks.py (ChangeByPolicy)"),
    (
        PageTypesUsageReportView,
        "decorate_paginated_queryset",
        ["self", "page_types"],
        "sites/admin_guards.py (page types usage report)",
    ),
    (TranslationsReportView, "get_queryset", ["self"], "sites/admin_guards.py (translations report)"),
    (LocalizeSnippetsAPI, "get_queryset", ["self"], "sites/admin_guards.py (wagtail-localize snippets API)"),
    (type(ModelLogEntry.objects), "viewable_by_user", ["self", "user"], "sites/audit_log.py"),
    (generic_chooser.BaseChooseView, "get_object_list", ["self"], "home/wagtail_hooks.py (ReachableSnippets)"),
    (generic_chooser.ChosenViewMixin, "get_object", ["self", "pk"], "home/wagtail_hooks.py (ReachableSnippets)"),
    (generic_chooser.ChosenMultipleViewMixin, "get_objects", ["self", "pks"], "home/wagtail_hooks.py"),
    (SnippetViewSet, "get_queryset", ["self", "request"], "home/wagtail_hooks.py (UnitScopedSnippetViewSet)"),
    (users.IndexView, "get_base_queryset", ["self"], "sites/views/accounts.py (AccountIndexView)"),
    (users.IndexView, "get_list_more_buttons", ["self", "instance"], "sites/views/accounts.py (AccountIndexView)"),
    (users.EditView, "header_more_buttons", None, "sites/views/accounts.py (AccountEditView)"),
    (users.CreateView, "get_form_kwargs", ["self"], "sites/views/accounts.py (ForActingUser)"),
    (users.UserViewSet, "get_form_class", ["self", "for_update"], "sites/views/accounts.py (AccountViewSet)"),
    (bulk_actions.SetActiveStateBulkAction, "check_perm", ["self", "obj"], "sites/wagtail_hooks.py"),
    (BaseListingView, "get_queryset", ["self"], "boards/queue.py (BoardQueueView)"),
    (Component, "get_context_data", ["self", "parent_context"], "boards/dashboard.py (dashboard panels)"),
    (Component, "render_html", ["self", "parent_context"], "boards/dashboard.py (dashboard panels)"),
]


@pytest.mark.parametrize(
    ("owner", "name", "expected", "ours"), METHODS, ids=[f"{o.__name__}.{n}" for o, n, *_ in METHODS]
)
def test_each_wagtail_method_we_wrap_or_override_keeps_its_name_and_parameters(owner, name, expected, ours):
    assert hasattr(owner, name), f"Wagtail's {owner.__name__}.{name} is gone: revisit {ours}"
    if expected is None:  # a property we override by a property
        assert isinstance(inspect.getattr_static(owner, name), property | cached_property), ours
        return
    original = wagtail_original(owner, name)
    assert parameters(original) == expected, (
        f"Wagtail's {owner.__name__}.{name}{inspect.signature(original)} changed shape: revisit {ours}"
    )


# (Wagtail filter set, filter name, the module of ours that replaces its choices)
FILTERS = [
    (PageFilterSet, "site", "sites/explorer_filters.py"),
    (PageFilterSet, "owner", "sites/explorer_filters.py"),
    (PageFilterSet, "edited_by", "sites/explorer_filters.py"),
    (GenericPageFilterSet, "site", "sites/explorer_filters.py"),
    (GenericPageFilterSet, "owner", "sites/explorer_filters.py"),
    (GenericPageFilterSet, "edited_by", "sites/explorer_filters.py"),
    (LockedPagesReportFilterSet, "locked_by", "sites/admin_guards.py"),
    (WorkflowReportFilterSet, "requested_by", "sites/admin_guards.py"),
]


@pytest.mark.parametrize(("filterset", "name", "ours"), FILTERS, ids=[f"{f.__name__}.{n}" for f, n, _ in FILTERS])
def test_each_admin_filter_whose_choices_we_scope_still_takes_a_queryset_of_the_request(filterset, name, ours):
    field = filterset.base_filters.get(name)
    assert field is not None, f"Wagtail's {filterset.__name__} has no '{name}' filter any more: revisit {ours}"
    assert callable(field.queryset), f"{filterset.__name__}.{name} no longer scoped per request: revisit {ours}"


def test_the_page_types_usage_report_still_annotates_the_last_edited_page_we_hide():
    source = inspect.getsource(PageTypesUsageReportView)
    assert "last_edited_page_id" in source and "last_edited_page" in source, (
        "Wagtail's page types usage report no longer names last_edited_page(_id): revisit sites/admin_guards.py"
    )


def test_bulk_actions_still_report_the_objects_out_of_reach_under_the_name_we_filter():
    source = inspect.getsource(BulkAction.get_actionable_objects)
    assert '"items_with_no_access"' in source, (
        "Wagtail's bulk actions renamed items_with_no_access: revisit sites/admin_guards.py"
    )


def our_template_overrides():
    """Our templates that extend a Wagtail admin template, with the Wagtail template each one extends."""
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        found = re.match(r"""\{% extends ["'](wagtailadmin/[^"']+)["'] %\}""", path.read_text(encoding="utf-8"))
        if found:
            yield path.relative_to(ROOT), found.group(1)


def wagtail_blocks(name):
    """The block names a Wagtail template and the templates it extends define (Wagtail's own file, not ours)."""
    engine = loader.engines["django"].engine
    blocks, pending = set(), [name]
    while pending:
        current = pending.pop()
        origin = next(
            origin
            for origin in _origins(engine, current)
            # Wagtail's file, not an override of ours by the same path.
            if "site-packages" in origin.name and Path(origin.name).exists()
        )
        nodelist = engine.from_string(Path(origin.name).read_text(encoding="utf-8")).nodelist
        for node in nodelist:
            if isinstance(node, ExtendsNode):
                pending.append(node.parent_name.resolve(Context()))
        blocks.update(node.name for node in nodelist.get_nodes_by_type(BlockNode))
    return blocks


def _origins(engine, name):
    for template_loader in engine.template_loaders:
        yield from template_loader.get_template_sources(name)


def our_blocks(path):
    """The blocks our template fills: those at its top level. A block nested inside one of them may be a new one of
    ours, for our own templates to fill (security/templates/security/second_step.html's "step")."""
    nodelist = loader.engines["django"].engine.from_string((ROOT / path).read_text(encoding="utf-8")).nodelist
    extends = next(node for node in nodelist if isinstance(node, ExtendsNode))
    return {node.name for node in extends.nodelist if isinstance(node, BlockNode)}


OVERRIDES = list(our_template_overrides())


def test_our_templates_extending_the_wagtail_admin_are_found():
    paths = {str(path) for path, _ in OVERRIDES}
    assert "boards/templates/wagtailadmin/pages/edit.html" in paths
    assert "cms/templates/wagtailadmin/login.html" in paths


@pytest.mark.parametrize(("path", "parent"), OVERRIDES, ids=[str(path) for path, _ in OVERRIDES])
def test_every_block_our_admin_templates_fill_still_exists_in_wagtail(path, parent):
    missing = our_blocks(path) - wagtail_blocks(parent)
    assert not missing, f"{path} fills blocks Wagtail's {parent} no longer has: {sorted(missing)}"
