from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, comment_views
from .models import CommentStatus

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


comment_urls = [
    path("", comment_views.QueueView.as_view(), name="index"),
    path("du-thao/<int:draft_id>/", comment_views.DraftCommentsView.as_view(), name="draft"),
    path("du-thao/<int:draft_id>/tong-hop.csv", comment_views.export, {"kind": "csv"}, name="export_csv"),
    path("du-thao/<int:draft_id>/tong-hop.xlsx", comment_views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path(
        "<int:pk>/duyet/",
        comment_views.ModerateView.as_view(decision=CommentStatus.APPROVED),
        name="approve",
    ),
    path(
        "<int:pk>/khong-cong-khai/",
        comment_views.ModerateView.as_view(decision=CommentStatus.REJECTED),
        name="reject",
    ),
]


@hooks.register("register_admin_urls")
def register_comment_urls():
    return [path("gop-y-du-thao/", include((comment_urls, "citizen_comments"), namespace="citizen_comments"))]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return MenuItem(_("Góp ý dự thảo"), reverse("citizen_comments:index"), icon_name="comment", order=162)
