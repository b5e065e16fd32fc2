"""Issue #13: a review that reads like the Quy chế, and a dashboard for each role."""

import json
import re

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import TaskState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import SectionPage

from .conftest import CAU_GIAY, DONG_DA, refused
from .test_editorial_boards import act, news_of, write_and_submit

pytestmark = pytest.mark.django_db


def section_of(unit, key):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def in_progress(article):
    return TaskState.objects.get(workflow_state__object_id=str(article.pk), status="in_progress")


def edit_form_data(article, action, **extra):
    """The page editor's form as the browser posts it when a board action is chosen in its footer."""
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "author": article.author,
            "source_agency": article.source_agency,
            "published_at": "22/11/2026 08:00",
            "tags": "",
            "body": streamfield([]),
        }
    )
    data.update({"action-workflow-action": "true", "workflow-action-name": action})
    data["workflow-action-extra-data"] = json.dumps(extra)
    return data


def act_in_editor(client, article, action, **extra):
    """Act from the page editor's footer; the messages the next page shows."""
    list(get_messages(client.get(reverse("wagtailadmin_home")).wsgi_request))  # earlier messages are read
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), edit_form_data(article, action, **extra)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return [str(message).strip() for message in client.get(response.url).context["messages"]]


def test_the_ground_list_starts_empty_and_a_rejection_without_a_ground_is_refused_in_vietnamese(login, member_of, unit):
    article = write_and_submit(login(member_of(DONG_DA, "editor")), news_of(unit(DONG_DA)), "Tin cần sửa")
    reviewer = login(member_of(DONG_DA, "reviewer"))
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[article.pk, "reject", in_progress(article).pk]
    )

    modal = json.loads(reviewer.get(url).content)["html"]
    first_option = re.search(r'<select name="reason"[^>]*>\s*<option value="([^"]*)"[^>]*>([^<]*)<', modal)
    assert first_option.groups() == ("", "— Chọn lý do —")
    assert 'value="a" selected' not in modal

    answer = json.loads(
        reviewer.post(
            url, {"reason": "", "comment": "Thiếu nguồn"}, headers={"x-requested-with": "XMLHttpRequest"}
        ).content
    )
    assert answer["step"] == "action"
    assert "Hãy chọn một trong năm lý do của Quy chế, Điều 14.3." in answer["html"]
    act(reviewer, article, "reject", comment="Thiếu nguồn")
    assert in_progress(article).task.specific.role == "reviewer"


def test_the_editor_sees_who_sent_the_article_back_when_on_which_ground_and_why_at_the_top(login, member_of, unit):
    editor = member_of(DONG_DA, "editor")
    reviewer = member_of(DONG_DA, "reviewer")
    reviewer.first_name, reviewer.last_name = "Thị Hoa", "Nguyễn"
    reviewer.save()
    article = write_and_submit(login(editor), news_of(unit(DONG_DA)), "Số liệu dân số phường")
    act(login(reviewer), article, "reject", reason="c", comment="Số liệu dân số chưa khớp với báo cáo thống kê.")
    rejected = TaskState.objects.get(workflow_state__object_id=str(article.pk), status="rejected")
    rejected.finished_at = rejected.finished_at.replace(year=2026, month=11, day=23, hour=2, minute=5, second=0)
    rejected.save()

    html = login(editor).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    notice = html[html.index("data-board-sent-back") : html.index('id="page-edit-form"')]
    assert "Nguyễn Thị Hoa" in notice or "Thị Hoa Nguyễn" in notice
    assert editor.get_username() not in notice
    assert "23/11/2026 09:05" in notice  # 02:05 UTC is 09:05 in Hanoi
    assert "(c) Thông tin không chính xác, không đúng sự thật" in notice
    assert "Số liệu dân số chưa khớp với báo cáo thống kê." in notice
    assert "Bị trả lại" in html
    assert "Gửi lại Ban Biên tập duyệt" in html


def test_the_board_head_publishes_or_sends_back_at_the_reviewer_step_in_one_action(login, member_of, unit):
    editor, head = member_of(DONG_DA, "editor"), member_of(DONG_DA, "board_head")
    section = news_of(unit(DONG_DA))
    first = write_and_submit(login(editor), section, "Tin gửi lại ngay")
    assert in_progress(first).task.specific.role == "reviewer"

    messages = act_in_editor(login(head), first, "reject", reason="c", comment="Sai ngày tổ chức.")
    assert messages == ["Đã gửi lại cho tác giả kèm lý do (c): “Tin gửi lại ngay”."]
    assert not TaskState.objects.filter(workflow_state__object_id=str(first.pk), status="in_progress").exists()
    assert TaskState.objects.get(workflow_state__object_id=str(first.pk), status="rejected").finished_by == head

    second = write_and_submit(login(editor), section_of(unit(DONG_DA), "direction"), "Tin duyệt ngay")
    html = login(head).get(reverse("wagtailadmin_pages:edit", args=[second.pk])).content.decode()
    assert "Duyệt và xuất bản và xuất bản" not in html and "và xuất bản và xuất bản" not in html
    assert "Duyệt và xuất bản" in html and "Gửi lại cho tác giả" in html
    assert 'name="action-publish"' not in html  # publishing goes through the board's record
    messages = act_in_editor(login(head), second, "publish")
    assert messages == ["Đã duyệt và xuất bản bài “Tin duyệt ngay”."]
    second.refresh_from_db()
    assert second.live


def test_the_reviewer_passes_the_article_to_the_board_head_and_is_told_so(login, member_of, unit):
    article = write_and_submit(login(member_of(DONG_DA, "editor")), news_of(unit(DONG_DA)), "Tin chuyển Trưởng ban")
    reviewer = login(member_of(DONG_DA, "reviewer"))
    html = reviewer.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Chuyển Trưởng ban duyệt" in html and "Duyệt và xuất bản" not in html
    messages = act_in_editor(reviewer, article, "approve")
    assert messages == ["Đã chuyển bài “Tin chuyển Trưởng ban” cho Trưởng ban."]
    assert in_progress(article).task.specific.role == "board_head"
    assert refused(act(reviewer, article, "publish"))
    assert in_progress(article).task.specific.role == "board_head"


def test_the_editors_dashboard_offers_to_write_only_in_their_own_sites_sections(login, member_of, unit):
    editor = member_of(DONG_DA, "editor")
    html = login(editor).get(reverse("wagtailadmin_home")).content.decode()
    own = SectionPage.objects.child_of(unit(DONG_DA).site.root_page)
    other = SectionPage.objects.child_of(unit(CAU_GIAY).site.root_page)
    links = set(re.findall(r"/admin/pages/add/home/articlepage/(\d+)/", html))
    assert "Viết bài mới" in html
    assert str(news_of(unit(DONG_DA)).pk) in links
    assert links <= {str(pk) for pk in own.values_list("pk", flat=True)}
    assert not links & {str(pk) for pk in other.values_list("pk", flat=True)}


def test_the_editors_dashboard_lists_what_was_sent_back_with_the_reason(login, member_of, unit):
    editor = member_of(DONG_DA, "editor")
    article = write_and_submit(login(editor), news_of(unit(DONG_DA)), "Tin bị trả lại trên bảng điều khiển")
    act(login(member_of(DONG_DA, "reviewer")), article, "reject", reason="d", comment="Ghi rõ nguồn ảnh.")
    html = login(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert "Tin bị trả lại trên bảng điều khiển" in html
    assert "(d) Không rõ nguồn gốc hoặc chất lượng chưa bảo đảm" in html and "Ghi rõ nguồn ảnh." in html


def test_the_board_heads_dashboard_shows_the_queue_count_and_incoming_shares(login, member_of, unit):
    editor = login(member_of(DONG_DA, "editor"))
    for key, title in (("news", "Tin một"), ("direction", "Tin hai")):
        write_and_submit(editor, section_of(unit(DONG_DA), key), title)
    head = member_of(DONG_DA, "board_head")
    html = login(head).get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-board-queue-count="2"' in html
    assert "2 bài đang chờ bạn duyệt" in html
    assert 'data-incoming-shares-count="0"' in html
    outsider = login(member_of(CAU_GIAY, "board_head")).get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-board-queue-count="0"' in outsider


def test_the_site_admins_dashboard_counts_their_sites_accounts(login, member_of):
    admin = member_of(DONG_DA, "site_admin")
    member_of(DONG_DA, "editor")
    member_of(CAU_GIAY, "editor")
    html = login(admin).get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-site-accounts-count="2"' in html
    assert reverse("wagtailusers_users:index") in html
