"""Copies follow their source: Wagtail's page signals reach syndication here."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from . import actions
from .models import Placement


def _source_published(sender, instance, **kwargs):
    actions.source_published(instance)


def _source_unpublished(sender, instance, **kwargs):
    when = formats.date_format(timezone.localtime(), "H:i d/m/Y")
    actions.source_gone(instance, Placement.State.WITHDRAWN, _("Trang nguồn gỡ bài gốc xuống lúc %s.") % when)


def _source_deleted(sender, instance, **kwargs):
    # Sent for the specific page and again for its Page row; the second finds nothing left to change.
    if isinstance(instance, Page):
        when = formats.date_format(timezone.localtime(), "H:i d/m/Y")
        actions.source_gone(instance, Placement.State.SOURCE_DELETED, _("Trang nguồn xóa bài gốc lúc %s.") % when)


def _restricted(sender, instance, **kwargs):
    actions.restriction_changed(instance.page, restricted=True)


def _opened(sender, instance, **kwargs):
    actions.restriction_changed(instance.page, restricted=False)


def connect():
    page_published.connect(_source_published, dispatch_uid="portal_syndication_published")
    page_unpublished.connect(_source_unpublished, dispatch_uid="portal_syndication_unpublished")
    pre_delete.connect(_source_deleted, dispatch_uid="portal_syndication_deleted")
    post_save.connect(_restricted, sender=PageViewRestriction, dispatch_uid="portal_syndication_restricted")
    post_delete.connect(_opened, sender=PageViewRestriction, dispatch_uid="portal_syndication_opened")
