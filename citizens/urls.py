from django.urls import path

from . import views

urlpatterns = [
    path("cau-hoi/", views.ask, name="citizen_ask"),
    path("cau-hoi/tra-cuu/", views.lookup, name="citizen_question_lookup"),
    path("cau-hoi/<str:code>/", views.status, name="citizen_question_status"),
    path("danh-gia/<int:page_id>/", views.rate, name="citizen_rate"),
    path("gop-y-du-thao/<int:page_id>/", views.comment, name="citizen_draft_comment"),
]
