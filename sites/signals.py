from django.db.models.signals import pre_delete
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, task_submitted

from . import syndication
from .boards import notify_board
from .models import Placement


def _source_published(sender, instance, **kwargs):
    syndication.source_published(instance)


def _source_unpublished(sender, instance, **kwargs):
    when = formats.date_format(timezone.localtime(), "H:i d/m/Y")
    syndication.source_gone(instance, Placement.State.WITHDRAWN, _("Trang nguồn gỡ bài gốc xuống lúc %s.") % when)


def _source_deleted(sender, instance, **kwargs):
    # Sent for the specific page and again for its Page row; the second finds nothing left to change.
    if isinstance(instance, Page):
        when = formats.date_format(timezone.localtime(), "H:i d/m/Y")
        syndication.source_gone(instance, Placement.State.SOURCE_DELETED, _("Trang nguồn xóa bài gốc lúc %s.") % when)


def connect():
    task_submitted.connect(notify_board, dispatch_uid="portal_notify_board")
    page_published.connect(_source_published, dispatch_uid="portal_syndication_published")
    page_unpublished.connect(_source_unpublished, dispatch_uid="portal_syndication_unpublished")
    pre_delete.connect(_source_deleted, dispatch_uid="portal_syndication_deleted")
