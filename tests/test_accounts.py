"""Account control (Quy chế Art. 8.7–8.9): the account list stays confidential and a user can be suspended at once."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from sites.accounts import SUSPEND_ACTION, set_active

from .conftest import CAU_GIAY, CITY, DONG_DA, refused

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "mat-khau-thu-nghiem"


def signed_out(response):
    return response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def group_of(unit, role):
    return unit.roles.get(role=role).group


def users_url(name, account=None):
    return reverse(f"wagtailusers_users:{name}", args=[account.pk] if account else [])


def listed_usernames(client, **query):
    response = client.get(users_url("index"), query)
    assert response.status_code == 200
    return {user.username for user in response.context["object_list"]}


def bulk_url(action, *accounts):
    ids = "&".join(f"id={account.pk}" for account in accounts)
    return reverse("wagtail_bulk_action", args=["auth", "user", action]) + f"?{ids}"


def account_form(username, *groups, **extra):
    return {
        "username": username,
        "email": f"{username}@dongda.hanoi.gov.vn",
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [group.pk for group in groups],
        **extra,
    }


@pytest.fixture
def dong_da_admin(member_of):
    return member_of(DONG_DA, "site_admin")


def test_a_ward_site_admin_sees_their_own_wards_accounts_and_no_one_elses(member_of, unit, dong_da_admin):
    own = {member_of(DONG_DA, "editor").username, member_of(DONG_DA, "reviewer").username, dong_da_admin.username}
    cau_giay_editor = member_of(CAU_GIAY, "editor")
    member_of(CITY, "operator")
    # A superuser who also sits in a Đống Đa group is still nobody Đống Đa may manage.
    User.objects.create_superuser("quan-tri-goc", password=PASSWORD).groups.add(group_of(unit(DONG_DA), "editor"))
    # Someone who serves both wards is Cầu Giấy's account too, so Đống Đa alone may not change it.
    member_of(DONG_DA, "editor").groups.add(group_of(unit(CAU_GIAY), "editor"))
    client = logged_in(dong_da_admin)

    assert listed_usernames(client) == own
    assert listed_usernames(client, q=cau_giay_editor.username) == set()


def test_a_ward_site_admin_cannot_open_change_delete_or_suspend_another_wards_account(member_of, unit, dong_da_admin):
    cau_giay_editor = member_of(CAU_GIAY, "editor")
    operator = member_of(CITY, "operator")
    client = logged_in(dong_da_admin)

    for account in (cau_giay_editor, operator):
        for view in ("edit", "delete", "history", "usage", "suspend"):
            assert refused(client.get(users_url(view, account))), (account, view)

        edit = client.post(users_url("edit", account), account_form("da-bi-doi", group_of(unit(DONG_DA), "editor")))
        assert refused(edit)
        assert refused(client.post(users_url("delete", account)))
        assert refused(client.post(users_url("suspend", account)))
        assert client.post(bulk_url("set_active_state", account), {"mark_as_active": "False"}).status_code == 404
        assert client.post(bulk_url("delete", account)).status_code == 404

        account.refresh_from_db()
        assert account.username != "da-bi-doi" and account.is_active
        assert list(account.groups.values_list("site_role__unit__code", flat=True)) in ([CAU_GIAY], [CITY])


def test_a_ward_site_admin_grants_only_their_own_wards_groups_and_never_superuser(member_of, unit, dong_da_admin):
    dong_da, cau_giay = unit(DONG_DA), unit(CAU_GIAY)
    client = logged_in(dong_da_admin)

    form = client.get(users_url("add")).context["form"]
    assert set(form.fields["groups"].queryset) == {role.group for role in dong_da.roles.all()}
    assert "is_superuser" not in form.fields

    # Another ward's group is not a choice, so the whole account is refused.
    refused_form = client.post(users_url("add"), account_form("nguoi-moi", group_of(cau_giay, "site_admin")))
    assert refused_form.status_code == 200 and refused_form.context["form"].errors["groups"]
    assert not User.objects.filter(username="nguoi-moi").exists()

    # Superuser and staff status in a crafted POST are ignored.
    crafted = account_form("nguoi-moi", group_of(dong_da, "editor"), is_superuser="on", is_staff="on")
    assert client.post(users_url("add"), crafted).status_code == 302
    created = User.objects.get(username="nguoi-moi")
    assert not created.is_superuser and not created.is_staff
    assert list(created.groups.all()) == [group_of(dong_da, "editor")]
    assert created.username in listed_usernames(client)

    # Nor can an account of the ward be moved into the operating unit or another ward, whichever way it is asked.
    editor = member_of(DONG_DA, "editor")
    for group in (group_of(unit(CITY), "operator"), group_of(cau_giay, "editor")):
        grab = account_form(editor.username, group, is_superuser="on")
        assert client.post(users_url("edit", editor), grab).context["form"].errors["groups"]
        client.post(bulk_url("assign_role", editor), {"role": group.pk})
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert list(editor.groups.all()) == [group_of(dong_da, "editor")]


def test_the_city_site_admin_cannot_touch_the_operating_unit(member_of, unit):
    city_editor, operator = member_of(CITY, "editor"), member_of(CITY, "operator")
    client = logged_in(member_of(CITY, "site_admin"))

    assert city_editor.username in listed_usernames(client)
    assert operator.username not in listed_usernames(client)
    assert refused(client.get(users_url("edit", operator)))
    operators = group_of(unit(CITY), "operator")
    assert operators not in client.get(users_url("edit", city_editor)).context["form"].fields["groups"].queryset


@pytest.mark.parametrize("role", ["editor", "reviewer", "board_head"])
def test_editors_and_board_members_cannot_open_the_user_list(member_of, role):
    client = logged_in(member_of(DONG_DA, role))
    colleague = member_of(DONG_DA, "editor")

    assert refused(client.get(users_url("index")))
    assert refused(client.get(users_url("edit", colleague)))
    assert refused(client.get(users_url("suspend", colleague)))


def test_the_operator_manages_every_account_but_the_superusers(member_of):
    accounts = {member_of(DONG_DA, "editor"), member_of(CAU_GIAY, "site_admin"), member_of(CITY, "editor")}
    root = User.objects.create_superuser("quan-tri-goc", password=PASSWORD)
    client = logged_in(member_of(CITY, "operator"))

    assert {account.username for account in accounts} <= listed_usernames(client)
    for account in accounts:
        assert client.get(users_url("edit", account)).status_code == 200
    assert root.username not in listed_usernames(client)
    assert refused(client.get(users_url("edit", root)))


def test_the_operator_cannot_make_anyone_a_superuser(member_of, unit):
    operator = logged_in(member_of(CITY, "operator"))
    editor = member_of(DONG_DA, "editor")
    form = operator.get(users_url("edit", editor)).context["form"]
    assert "is_superuser" not in form.fields
    operator.post(users_url("add"), account_form("nguoi-moi-tp", group_of(unit(DONG_DA), "editor"), is_superuser="on"))
    assert not User.objects.get(username="nguoi-moi-tp").is_superuser


def test_suspending_an_account_ends_its_session_at_once(member_of, dong_da_admin):
    editor = member_of(DONG_DA, "editor")
    editors_browser = logged_in(editor)
    assert editors_browser.get(reverse("wagtailadmin_home")).status_code == 200

    admin = logged_in(dong_da_admin)
    assert "Tạm khóa" in admin.get(users_url("edit", editor)).content.decode()
    assert "mọi phiên đăng nhập đang mở kết thúc ngay" in admin.get(users_url("suspend", editor)).content.decode()
    assert admin.post(users_url("suspend", editor)).status_code == 302

    assert signed_out(editors_browser.get(reverse("wagtailadmin_home")))
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(editor.pk)]
    # Reinstating lets the account sign in again, but the old session stays ended.
    assert admin.post(users_url("reinstate", editor)).status_code == 302
    assert signed_out(editors_browser.get(reverse("wagtailadmin_home")))
    signed_in = editors_browser.post(
        reverse("wagtailadmin_login"), {"username": editor.username, "password": PASSWORD}, follow=True
    )
    assert signed_in.request["PATH_INFO"] == reverse("wagtailadmin_home")


def test_the_audit_log_records_who_suspended_whom_and_when(member_of, dong_da_admin):
    editor, reviewer = member_of(DONG_DA, "editor"), member_of(DONG_DA, "reviewer")
    admin = logged_in(dong_da_admin)
    before = timezone.now()

    admin.post(users_url("suspend", editor))
    # Wagtail's own bulk "set active state" goes the same way.
    admin.post(bulk_url("set_active_state", reviewer), {"mark_as_active": "False"})

    for account in (editor, reviewer):
        account.refresh_from_db()
        assert not account.is_active
        entry = ModelLogEntry.objects.get(object_id=str(account.pk), action=SUSPEND_ACTION)
        assert entry.user_id == dong_da_admin.pk and entry.timestamp >= before
    assert "Tạm khóa tài khoản" in admin.get(users_url("history", editor)).content.decode()


def test_the_site_history_report_shows_a_site_admin_no_other_wards_accounts(member_of, dong_da_admin):
    cau_giay_editor, operator = member_of(CAU_GIAY, "editor"), member_of(CITY, "operator")
    logged_in(operator).post(users_url("suspend", cau_giay_editor))
    assert ModelLogEntry.objects.filter(object_id=str(cau_giay_editor.pk), action=SUSPEND_ACTION).exists()

    report = logged_in(dong_da_admin).get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    assert cau_giay_editor.username not in report.content.decode()
    assert operator.username not in report.content.decode()


def test_a_site_admin_cannot_lock_themselves_out(dong_da_admin):
    client = logged_in(dong_da_admin)

    assert refused(client.post(users_url("suspend", dong_da_admin)))
    dong_da_admin.refresh_from_db()
    assert dong_da_admin.is_active


def test_a_suspended_site_admin_keeps_no_right_over_accounts(member_of, dong_da_admin):
    set_active(dong_da_admin, False, by=member_of(CITY, "operator"))

    policy = policy_registry.get_by_type(User)
    assert not policy.user_has_any_permission(dong_da_admin, ["add", "change"])
    assert not policy.instances_user_has_any_permission_for(dong_da_admin, ["change"]).exists()


def test_the_operator_suspends_an_account_from_the_console(member_of, capsys):
    editor, operator = member_of(CAU_GIAY, "editor"), member_of(CITY, "operator")
    editors_browser = logged_in(editor)

    call_command("suspend_user", editor.username, "--by", operator.username)

    editor.refresh_from_db()
    assert not editor.is_active
    assert signed_out(editors_browser.get(reverse("wagtailadmin_home")))
    assert ModelLogEntry.objects.get(object_id=str(editor.pk), action=SUSPEND_ACTION).user_id == operator.pk
    assert "Đã tạm khóa" in capsys.readouterr().out

    call_command("suspend_user", editor.username)
    assert "không thay đổi gì" in capsys.readouterr().out
    call_command("suspend_user", editor.username, "--reinstate")
    editor.refresh_from_db()
    assert editor.is_active


def test_the_console_refuses_unknown_accounts_and_non_operators(member_of):
    editor, site_admin = member_of(CAU_GIAY, "editor"), member_of(CAU_GIAY, "site_admin")

    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("suspend_user", "khong-ton-tai")
    with pytest.raises(CommandError, match="không thuộc Đơn vị vận hành Cổng"):
        call_command("suspend_user", editor.username, "--by", site_admin.username)
    editor.refresh_from_db()
    assert editor.is_active
