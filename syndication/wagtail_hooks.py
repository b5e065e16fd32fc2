from django.template import Context, Template
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from .actions import shareable
from .models import Placement
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
    if page.live and shareable(page.specific_class) and page.permissions_for_user(user).can_edit():
        yield Button(_("Chia sẻ tới các trang"), status_url(page), icon_name="site", priority=40)


# Kept here, beside its one panel (issue #13: syndication's dashboard panel lives in this module only).
INCOMING_SHARES_TEMPLATE = Template(
    """{% load i18n wagtailadmin_tags %}
{% panel id="syndication-incoming" heading=_("Bài chia sẻ đến") classname="w-panel--dashboard" %}
    {% if count %}
        <p><a href="{{ inbox_url }}"><strong data-incoming-shares-count="{{ count }}">{{ count }}
        {% translate "bài các trang khác chia sẻ đang chờ bạn nhận hoặc từ chối" %}</strong></a></p>
    {% else %}
        <p data-incoming-shares-count="0">{% translate "Không có bài chia sẻ nào đang chờ." %}</p>
    {% endif %}
    <p><a class="button button-small button-secondary" href="{{ inbox_url }}">
        {% translate "Mở bài chia sẻ đến" %}</a></p>
{% endpanel %}"""
)


class IncomingSharesPanel(Component):
    """On a board member's dashboard: how many articles other sites offer theirs, with a link to decide."""

    name = "syndication_incoming"
    order = 35

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        units = board_units(self.request.user)
        if not units.exists():
            return ""
        count = Placement.objects.filter(state=Placement.State.OFFERED, target_unit__in=units).count()
        return INCOMING_SHARES_TEMPLATE.render(Context({"count": count, "inbox_url": reverse("syndication_inbox")}))


@hooks.register("construct_homepage_panels")
def incoming_shares_panel(request, panels):
    panels.append(IncomingSharesPanel(request))


@hooks.register("register_page_listing_more_buttons")
def syndication_listing_button(page, user, next_url=None):
    """The same share button in each published article's row actions ("…") in the page listing."""
    yield from syndication_header_button(page, user, "listing", next_url)
