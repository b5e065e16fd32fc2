"""Staff two-factor authentication (Quy chế Art. 8.1): a password alone opens nothing in the admin for those who
must use it, a recovery code works once, an operator resets a lost phone, and a password reset skips nothing."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from wagtail.models import ModelLogEntry

from security.two_factor import OPEN_URL_NAMES, RESET_ACTION, must_use_two_factor

from .conftest import CITY, DONG_DA, SO_TAI_CHINH, pass_second_factor, refused
from .test_isolation_matrix import admin_patterns

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
ENROL, VERIFY = reverse("portal_two_factor_enrol"), reverse("portal_two_factor_verify")


@pytest.fixture(autouse=True)
def staff_pass_the_second_factor():
    """Overrides the conftest's: here force_login and the login form give the password step only."""


def signed_in_with_password(user):
    client = Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password step itself failed"
    return client


def code_of(device, steps_ahead=0):
    """What the user's authenticator app shows now (or `steps_ahead` periods of 30 s later, still accepted)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client):
    """Reads the secret beside the QR code, as a user typing it into their app, and confirms with its code."""
    page = client.get(ENROL)
    assert "<svg" in page.content.decode(), "no QR code on the enrolment page"
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    shown = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert shown.replace(" ", "") in device.config_url
    done = client.post(ENROL, {"code": code_of(device)})
    assert done.status_code == 200
    return device, done.context["codes"]


def every_admin_url():
    """One URL per admin pattern, its parameters filled with "1": the middleware answers before any view looks."""
    for _, name, params in admin_patterns():
        if not name or name.split(":")[-1] in OPEN_URL_NAMES | {"wagtailadmin_login"} or "password_reset" in name:
            continue
        try:
            yield reverse(name, kwargs=dict.fromkeys(params, "1"))
        except NoReverseMatch:
            continue


@pytest.mark.parametrize("role", ["operator", "site_admin", "board_head"])
def test_operators_site_admins_and_board_heads_must_use_two_factor_and_editors_need_not(member_of, role):
    code = CITY if role == "operator" else DONG_DA
    assert must_use_two_factor(member_of(code, role))
    assert not must_use_two_factor(member_of(DONG_DA, "editor"))
    assert not must_use_two_factor(member_of(DONG_DA, "reviewer"))


def test_superusers_must_and_a_setting_asks_it_of_everyone(member_of, settings):
    superuser = get_user_model().objects.create_superuser("sieuquantri", password=PASSWORD)
    editor = member_of(SO_TAI_CHINH, "editor")
    assert must_use_two_factor(superuser)
    settings.PORTAL_2FA_REQUIRED_FOR_ALL = True
    assert must_use_two_factor(editor)


def test_a_board_head_with_a_password_alone_is_sent_to_enrolment_from_every_admin_url(member_of):
    client = signed_in_with_password(member_of(DONG_DA, "board_head"))
    urls = list(every_admin_url())
    assert len(urls) > 200, "the walk found too few admin URLs"
    let_through = {}
    for url in urls:
        response = client.get(url)
        sent_to_enrol = response.status_code == 302 and response.url == f"{ENROL}?{urlencode({'next': url})}"
        refused_as_json = response.status_code == 403 and response.json()["code"] == "two_factor_required"
        if not (sent_to_enrol or refused_as_json):
            let_through[url] = response.status_code
    assert not let_through, f"admin URLs reached without the second factor: {let_through}"


def test_the_admin_api_and_the_admins_json_calls_answer_403_in_vietnamese(member_of):
    client = signed_in_with_password(member_of(DONG_DA, "board_head"))
    api = client.get(reverse("wagtailadmin_api:pages:listing"))
    chooser = client.get(reverse("wagtailadmin_choose_page"), headers={"accept": "application/json"})
    for response in (api, chooser):
        assert response.status_code == 403
        assert response.json()["message"].startswith("Cần xác thực hai lớp")
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302


def test_an_operator_enrols_then_signs_in_with_password_and_code(member_of):
    operator = member_of(CITY, "operator")
    client = signed_in_with_password(operator)
    assert client.get(reverse("wagtailadmin_home")).url.startswith(ENROL)
    device, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    again = signed_in_with_password(operator)
    assert again.get(reverse("wagtailusers_users:index")).url.startswith(VERIFY)
    wrong = again.post(VERIFY, {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    time.sleep(1)  # django_otp waits a second after a wrong code before it checks another
    verified = again.post(f"{VERIFY}?next=/admin/users/", {"code": code_of(device, steps_ahead=1)})
    assert verified.url == "/admin/users/"
    assert again.get(reverse("wagtailusers_users:index")).status_code == 200


def test_a_recovery_code_works_once(member_of):
    head = member_of(DONG_DA, "board_head")
    _, codes = enrol(signed_in_with_password(head))

    lost_phone = signed_in_with_password(head)
    response = lost_phone.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "còn 9 mã" in response.content.decode()

    used_again = signed_in_with_password(head)
    assert "Mã không đúng" in used_again.post(VERIFY, {"code": codes[0]}).content.decode()
    assert used_again.get(reverse("wagtailadmin_home")).url.startswith(VERIFY)


def test_an_editor_may_enrol_by_choice_and_then_needs_the_code_too(member_of):
    editor = member_of(DONG_DA, "editor")
    client = signed_in_with_password(editor)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Bật xác thực hai lớp" in account
    enrol(client)
    assert signed_in_with_password(editor).get(reverse("wagtailadmin_home")).url.startswith(VERIFY)


def test_an_operator_resets_a_lost_phone_and_the_user_enrols_again(member_of):
    head = member_of(DONG_DA, "board_head")
    head_session = signed_in_with_password(head)
    enrol(head_session)
    operator = member_of(CITY, "operator")
    desk = Client()
    desk.force_login(operator)
    pass_second_factor(desk, operator)
    reset_url = reverse("portal_two_factor_reset", args=[head.pk])
    assert reset_url in desk.get(reverse("wagtailusers_users:index")).content.decode()

    assert desk.post(reset_url).status_code == 302

    assert not TOTPDevice.objects.filter(user=head).exists()
    entry = ModelLogEntry.objects.get(action=RESET_ACTION, object_id=str(head.pk))
    assert entry.user_id == operator.pk
    assert head_session.get(reverse("wagtailadmin_home")).url.startswith(reverse("wagtailadmin_login"))
    assert signed_in_with_password(head).get(reverse("wagtailadmin_home")).url.startswith(ENROL)


@pytest.mark.parametrize("role", ["site_admin", "board_head", "editor"])
def test_nobody_but_the_operating_unit_resets_anothers_two_factor(member_of, role):
    colleague = member_of(DONG_DA, "editor")
    TOTPDevice.objects.create(user=colleague, name="Điện thoại")
    client = Client()
    client.force_login(actor := member_of(DONG_DA, role))
    pass_second_factor(client, actor)
    reset_url = reverse("portal_two_factor_reset", args=[colleague.pk])
    assert refused(client.get(reset_url))
    assert refused(client.post(reset_url))
    assert TOTPDevice.objects.filter(user=colleague, name="Điện thoại").exists()


def test_a_password_reset_does_not_skip_the_second_factor(member_of, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    head = member_of(DONG_DA, "board_head")
    head.email = "truongban@dongda.hanoi.gov.vn"
    head.save()
    enrol(signed_in_with_password(head))

    client = Client()
    client.post(reverse("wagtailadmin_password_reset"), {"email": head.email})
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link).url
    new_password = "mat-khau-moi-sau-khi-quen"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302

    client.post(reverse("wagtailadmin_login"), {"username": head.username, "password": new_password})
    assert client.get(reverse("wagtailadmin_home")).url.startswith(VERIFY)
    assert client.get(reverse("wagtailimages:index")).url.startswith(VERIFY)


def test_a_demo_board_head_signs_in_without_a_phone_with_the_code_totp_code_prints(member_of, capsys):
    head = member_of(DONG_DA, "board_head")
    head.username = "truongban.dongda"
    head.save()
    client = signed_in_with_password(head)

    call_command("totp_code", "truongban.dongda")

    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", code)
    assert client.post(VERIFY, {"code": code}).url == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_totp_code_refuses_real_accounts_and_production_settings(member_of, settings):
    real = member_of(DONG_DA, "board_head")
    with pytest.raises(CommandError, match="không phải tài khoản dùng thử"):
        call_command("totp_code", real.username)
    settings.PORTAL_ALLOW_DEMO_CONTENT = False
    with pytest.raises(CommandError, match="không cho phép"):
        call_command("totp_code", "admin")
    assert not TOTPDevice.objects.exists()
