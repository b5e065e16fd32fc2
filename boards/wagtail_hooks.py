from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .queue import BoardQueueView


@hooks.register("register_admin_urls")
def register_board_queue_url():
    return [path("hang-cho-duyet/", BoardQueueView.as_view(), name="board_queue")]


@hooks.register("register_admin_menu_item")
def register_board_queue_menu_item():
    return MenuItem(BoardQueueView.page_title, reverse("board_queue"), icon_name="tasks", order=150)
