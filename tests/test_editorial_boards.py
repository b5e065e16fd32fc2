"""Nothing goes live without the site's own board (Quy chế Art. 6.3, 9, 14): one workflow, 142 boards."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ArticlePage, SectionPage

from .conftest import CAU_GIAY, DONG_DA

pytestmark = pytest.mark.django_db


def news_of(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")


def write_and_submit(client, section, title):
    data = nested_form_data(
        {
            "title": title,
            "slug": "bai-cho-duyet",
            "summary": "Tóm tắt",
            "author": "Lan Anh",
            "source_agency": "UBND phường",
            "published_at": "22/11/2026 08:00",
            "tags": "",
            "body": streamfield([]),
        }
    )
    data["action-submit"] = "action-submit"
    url = reverse("wagtailadmin_pages:add", args=["home", "articlepage", section.pk])
    assert client.post(url, data).status_code == 302
    return ArticlePage.objects.child_of(section).get(title=title)


def act(client, page, action, **data):
    state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, data)


def queue_of(client):
    """The pages waiting in a user's moderation queue, as Wagtail's dashboard lists them."""
    return {state.workflow_state.content_object.pk for state in TaskState.objects.reviewable_by(client.user)}


def test_the_board_workflow_is_one_workflow_of_two_steps_for_every_site():
    workflow = Workflow.objects.get(name="Ban Biên tập")
    steps = [wt.task.specific.role for wt in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")]
    assert steps == ["reviewer", "board_head"]
    assert ArticlePage(title="x").get_workflow() is None  # not yet in the tree
    assert news_of_unit_workflow_name() == "Ban Biên tập"


def news_of_unit_workflow_name():
    return SectionPage.objects.filter(section_key="news").first().get_workflow().name


def test_an_article_goes_live_only_after_its_own_wards_reviewer_and_board_head(login, member_of, unit):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    editor, reviewer, head = (member_of(DONG_DA, role) for role in ("editor", "reviewer", "board_head"))
    reviewer.email, head.email = "thanhvien@dongda.example", "truongban@dongda.example"
    reviewer.save(), head.save()
    outsiders = [member_of(CAU_GIAY, role) for role in ("reviewer", "board_head")]
    outsiders[1].email = "truongban@caugiay.example"
    outsiders[1].save()

    article = write_and_submit(login(editor), news_of(dong_da), "Lịch tiêm chủng mở rộng tháng 12")
    assert not article.live
    assert sorted(mail.outbox[-1].to) == ["thanhvien@dongda.example", "truongban@dongda.example"]

    for outsider in outsiders:
        client = login(outsider)
        assert article.pk not in queue_of(client)
        assert act(client, article, "approve").status_code in (302, 403)
        assert (
            TaskState.objects.get(workflow_state__object_id=str(article.pk), status="in_progress").task.specific.role
            == "reviewer"
        )

    assert article.pk in queue_of(login(reviewer))
    act(login(reviewer), article, "approve")
    article.refresh_from_db()
    assert not article.live
    assert article.pk not in queue_of(login(reviewer))
    assert article.pk in queue_of(login(head))
    assert all(article.pk not in queue_of(login(outsider)) for outsider in outsiders)
    assert "truongban@caugiay.example" not in {address for message in mail.outbox for address in message.to}

    act(login(head), article, "approve")
    article.refresh_from_db()
    assert article.live
    assert cau_giay.pk != dong_da.pk


def test_a_rejected_article_shows_its_author_the_legal_reason(login, member_of, unit):
    editor, head = member_of(DONG_DA, "editor"), member_of(DONG_DA, "board_head")
    article = write_and_submit(login(editor), news_of(unit(DONG_DA)), "Tin chưa kiểm chứng")
    act(login(member_of(DONG_DA, "reviewer")), article, "approve")

    act(login(head), article, "reject", reason="c", comment="Số liệu dân số chưa khớp với báo cáo thống kê.")

    article.refresh_from_db()
    assert not article.live
    state = TaskState.objects.get(workflow_state__object_id=str(article.pk), status="rejected")
    assert state.comment.startswith("Lý do (c) Thông tin không chính xác, không đúng sự thật.")
    assert "Số liệu dân số chưa khớp" in state.comment
    logged = PageLogEntry.objects.filter(page=article, action="wagtail.workflow.reject").get()
    assert "(c) Thông tin không chính xác" in str(logged.data)
    edit_view = login(editor).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Thông tin không chính xác, không đúng sự thật" in edit_view


def test_a_rejection_without_a_reason_is_not_accepted(login, member_of, unit):
    article = write_and_submit(login(member_of(DONG_DA, "editor")), news_of(unit(DONG_DA)), "Tin cần sửa")
    reviewer = login(member_of(DONG_DA, "reviewer"))
    act(reviewer, article, "reject", comment="Thiếu nguồn")
    assert TaskState.objects.get(workflow_state__object_id=str(article.pk), status="in_progress")


def test_the_site_admin_cannot_publish_around_the_board(login, member_of, unit):
    client = login(member_of(DONG_DA, "site_admin"))
    data = nested_form_data(
        {
            "title": "Bài đăng thẳng",
            "slug": "bai-dang-thang",
            "author": "x",
            "source_agency": "y",
            "published_at": "22/11/2026 08:00",
            "tags": "",
            "body": streamfield([]),
        }
    )
    data["action-publish"] = "action-publish"
    section = news_of(unit(DONG_DA))
    client.post(reverse("wagtailadmin_pages:add", args=["home", "articlepage", section.pk]), data)
    assert not ArticlePage.objects.filter(title="Bài đăng thẳng", live=True).exists()


def test_a_boards_queue_lists_its_waiting_items_with_working_time_oldest_first(login, member_of, unit):
    from datetime import timedelta

    from django.utils import timezone

    editor = login(member_of(DONG_DA, "editor"))
    older = write_and_submit(editor, news_of(unit(DONG_DA)), "Bài gửi tuần trước")
    newer = write_and_submit(
        editor, SectionPage.objects.child_of(unit(DONG_DA).site.root_page).get(section_key="direction"), "Bài vừa gửi"
    )
    week_ago = timezone.now() - timedelta(days=7)
    TaskState.objects.filter(workflow_state__object_id=str(older.pk)).update(started_at=week_ago)

    reviewer = login(member_of(DONG_DA, "reviewer"))
    html = reviewer.get(reverse("board_queue")).content.decode()
    assert html.index("Bài gửi tuần trước") < html.index("Bài vừa gửi")
    assert "ngày làm việc" in html
    filtered = reviewer.get(reverse("board_queue"), {"cho_tu": 2}).content.decode()
    assert "Bài gửi tuần trước" in filtered and "Bài vừa gửi" not in filtered
    newest_first = reviewer.get(reverse("board_queue"), {"sap_xep": "newest"}).content.decode()
    assert newest_first.index("Bài vừa gửi") < newest_first.index("Bài gửi tuần trước")

    outsider = login(member_of(CAU_GIAY, "reviewer")).get(reverse("board_queue")).content.decode()
    assert "Bài gửi tuần trước" not in outsider and newer.title not in outsider
