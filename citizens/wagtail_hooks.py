from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

urls = [
    path("", admin_views.QuestionListView.as_view(), name="index"),
    path("qua-han/", admin_views.OverdueView.as_view(), name="overdue"),
    path("<int:pk>/", admin_views.QuestionView.as_view(), name="detail"),
    path("<int:pk>/chuyen/", admin_views.RouteView.as_view(), name="route"),
    path("<int:pk>/dong/", admin_views.CloseView.as_view(), name="close"),
    path("<int:pk>/soan-tra-loi/", admin_views.DraftView.as_view(), name="draft"),
    path("tep/<uuid:token>/", admin_views.attachment, name="attachment"),
    path("danh-gia/", admin_views.RatingsView.as_view(), name="ratings"),
]


@hooks.register("register_admin_urls")
def register_question_urls():
    return [path("cau-hoi/", include((urls, "citizen_questions"), namespace="citizen_questions"))]


@hooks.register("register_admin_menu_item")
def register_questions_menu_item():
    return MenuItem(_("Câu hỏi của người dân"), reverse("citizen_questions:index"), icon_name="help", order=160)


@hooks.register("register_admin_menu_item")
def register_ratings_menu_item():
    return MenuItem(_("Đánh giá của người dân"), reverse("citizen_questions:ratings"), icon_name="pick", order=161)
