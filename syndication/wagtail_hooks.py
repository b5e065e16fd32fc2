from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from .views import InboxView, PullFeedView, SourceStatusView, board_units, status_url


@hooks.register("register_admin_urls")
def register_syndication_urls():
    return [
        path("chia-se/trang/<int:page_id>/", SourceStatusView.as_view(), name="syndication_status"),
        path("bai-chia-se/", InboxView.as_view(), name="syndication_inbox"),
        path("bai-chia-se/tim-bai/", PullFeedView.as_view(), name="syndication_feed"),
    ]


class BoardMenuItem(MenuItem):
    """Shown only to people who sit on a board: the inbox is theirs to decide."""

    def is_shown(self, request):
        return board_units(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_syndication_menu_item():
    return BoardMenuItem(InboxView.page_title, reverse("syndication_inbox"), icon_name="download", order=160)


@hooks.register("register_page_header_buttons")
def syndication_header_button(page, user, view_name, next_url=None):
    listed = page.live and getattr(page.specific_class, "listed", False)
    if listed and page.permissions_for_user(user).can_edit():
        yield Button(_("Chia sẻ tới các trang"), status_url(page), icon_name="site", priority=40)
