"""The editor's way to an external front end's preview: a page header item and the admin view it links to."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from .preview import preview_url


def headless_preview(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    site = page.get_site()
    if site is None:
        raise PermissionDenied
    return redirect(preview_url(page, site))


class HeadlessPreviewButton(PageMenuItem):
    label = _("Xem trước trên giao diện riêng")
    icon_name = "view"
    priority = 66

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()

    @property
    def url(self):
        return reverse("headless_preview", args=[self.page.pk])


@hooks.register("register_admin_urls")
def urls():
    return [path("xem-truoc-giao-dien-rieng/<int:page_id>/", headless_preview, name="headless_preview")]


@hooks.register("register_page_header_buttons")
def header_buttons(page, user, view_name, next_url=None):
    yield HeadlessPreviewButton(page=page)
