"""Guessing passwords at the admin's login page: after five failures one address is locked
out (the right password included) for fifteen minutes, other addresses are not, and
`axes_reset` lifts it."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings as project
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "10.0.0.1"
COLLEAGUE = "10.0.0.2"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Many logins: a cheap hasher for the accounts made here (before the fixtures make them)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client: Client, password: str, address: str, username: str = "alice"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def locked_out(response) -> bool:
    return response.status_code == 429 and "Too many failed logins" in response.content.decode()


def fail_five_times(address: str = ATTACKER) -> list:
    return [log_in(Client(), f"guess-{n}", address) for n in range(5)]


def minutes_ago(minutes: int) -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=minutes)


def test_the_settings_are_those_the_issue_asks_for():
    limit, parameters, cooloff = (
        project.AXES_FAILURE_LIMIT,
        project.AXES_LOCKOUT_PARAMETERS,
        project.AXES_COOLOFF_TIME,
    )
    assert (limit, parameters) == (5, ["ip_address"])
    assert cooloff == datetime.timedelta(minutes=15)


def test_four_failures_still_let_the_right_password_in(alice):
    failures = [log_in(Client(), f"guess-{n}", ATTACKER) for n in range(4)]

    assert [r.status_code for r in failures] == [200] * 4  # the form again, with its error
    assert logged_in(log_in(Client(), "pw", ATTACKER))


def test_after_five_failures_even_the_right_password_is_refused(alice):
    failures = fail_five_times()

    assert [r.status_code for r in failures[:4]] == [200] * 4
    assert locked_out(failures[4])  # the fifth failure locks the address
    refused = log_in(Client(), "pw", ATTACKER)
    assert locked_out(refused)
    assert "sessionid" not in refused.cookies


def test_the_lockout_page_is_a_plain_page_of_the_site(alice):
    fail_five_times()

    response = log_in(Client(), "pw", ATTACKER)

    assert response["Content-Type"].startswith("text/html")
    assert response.has_header("Content-Security-Policy")
    assert "<title>Too many failed logins" in response.content.decode()


def test_the_lockout_is_by_address_not_by_account(alice, bob):
    fail_five_times()

    assert locked_out(log_in(Client(), "pw", ATTACKER, username="bob"))
    assert logged_in(log_in(Client(), "pw", COLLEAGUE))
    assert logged_in(log_in(Client(), "pw", COLLEAGUE, username="bob"))


def test_axes_reset_lets_the_locked_address_in_again(alice):
    fail_five_times()
    assert locked_out(log_in(Client(), "pw", ATTACKER))

    call_command("axes_reset", verbosity=0)

    assert logged_in(log_in(Client(), "pw", ATTACKER))


def test_the_lockout_lifts_after_fifteen_minutes(alice):
    fail_five_times()
    attempts = AccessAttempt.objects.filter(ip_address=ATTACKER)
    assert attempts.exists()

    attempts.update(attempt_time=minutes_ago(14))
    assert locked_out(log_in(Client(), "pw", ATTACKER))
    attempts.update(attempt_time=minutes_ago(16))
    assert logged_in(log_in(Client(), "pw", ATTACKER))


def test_a_successful_login_clears_earlier_failures(alice):
    for n in range(4):
        log_in(Client(), f"guess-{n}", ATTACKER)
    assert logged_in(log_in(Client(), "pw", ATTACKER))

    failures = [log_in(Client(), f"again-{n}", ATTACKER) for n in range(4)]

    assert [r.status_code for r in failures] == [200] * 4
    assert logged_in(log_in(Client(), "pw", ATTACKER))
