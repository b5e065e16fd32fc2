import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from security.two_factor import must_use_two_factor
from sites.models import Unit

DONG_DA, CAU_GIAY, HOAN_KIEM, CITY, SO_TAI_CHINH = "00235", "00166", "00070", "01", "S03"


def refused(response):
    """Wagtail refuses a forbidden admin view with 403/404, or a redirect to the admin home or to login."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url.rstrip("/") in ("/admin", "/admin/login")
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the fully provisioned portal: 142 sites, as in production."""
    with django_db_blocker.unblock():
        call_command("provision_sites", verbosity=0)


@pytest.fixture(autouse=True)
def nothing_cached_outlives_its_test():
    """The database rolls back between tests without signals, so nothing cached from it may outlive the test: the
    maintenance windows' list, cached pages and API responses, the version stamps they are keyed by (the run's own
    memory cache: cms/settings/test.py)."""
    yield
    cache.clear()


def pass_second_factor(client, user):
    """The client's session as after the 2FA step: verified by the user's authenticator device (made if none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Điện thoại kiểm thử"
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def staff_pass_the_second_factor(monkeypatch):
    """A test that signs a user in with force_login (the `login` fixture, or by hand) is behind the sign-in: for
    users who must use 2FA (security/two_factor.py) the session is also verified. tests/test_two_factor.py, which
    tests that step, overrides this fixture to sign in with the password alone."""
    force_login = Client.force_login

    def force_login_and_verify(client, user, backend=None):
        force_login(client, user, backend)
        if must_use_two_factor(user):
            pass_second_factor(client, user)

    monkeypatch.setattr(Client, "force_login", force_login_and_verify)


@pytest.fixture
def unit():
    return lambda code: Unit.objects.select_related("site__root_page", "collection").get(code=code)


@pytest.fixture
def login(client):
    """The test client logged in as `user`, who stays on it as `client.user`: login(editor).get(...)."""

    def as_user(user):
        client.force_login(user)
        client.user = user
        return client

    return as_user


@pytest.fixture
def member_of(db):
    """A user who holds one role on one unit's site: member_of(DONG_DA, "editor")."""
    counter = iter(range(1_000_000))

    def make(code, role):
        user = get_user_model().objects.create_user(f"{role}-{code}-{next(counter)}", password="mat-khau-thu-nghiem")
        user.groups.add(Unit.objects.get(code=code).roles.get(role=role).group)
        return user

    return make


# Figures a test wants printed at the end of the run (how many checks the isolation matrix and the fuzz made):
# `figures["isolation matrix"] = "4,212 checks (view × object × role)"`.
figures = {}


def pytest_terminal_summary(terminalreporter):
    for name, value in figures.items():
        terminalreporter.write_line(f"{name}: {value}")
