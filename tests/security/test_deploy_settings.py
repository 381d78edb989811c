"""`manage.py check --deploy` is clean with the production environment the README documents,
and production settings ask for HTTPS everywhere."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    # A key as `secrets` makes one: 50 characters, many distinct.
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)[:50],
    "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
}


def run_in_production(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run a Python command in a fresh interpreter with only the production variables set."""
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=clean_env | PRODUCTION | env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def production_setting(name: str):
    code = f"import json, tracker.settings as s; print(json.dumps(s.{name}))"
    result = run_in_production("-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_secret_key_used_here_is_what_the_check_asks_for():
    key = PRODUCTION["DJANGO_SECRET_KEY"]
    assert len(key) == 50
    assert len(set(key)) >= 5


def test_check_deploy_reports_nothing_in_production():
    result = run_in_production("manage.py", "check", "--deploy")

    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in output, output
    assert "WARNINGS" not in output


def test_check_deploy_does_warn_in_development():
    """The check is not blind: with DEBUG on it complains."""
    result = run_in_production("manage.py", "check", "--deploy", DJANGO_DEBUG="1")

    assert "security.W018" in result.stdout + result.stderr  # DEBUG on in deployment


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SECURE_SSL_REDIRECT", True),
        ("SESSION_COOKIE_SECURE", True),
        ("SESSION_COOKIE_HTTPONLY", True),
        ("CSRF_COOKIE_SECURE", True),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
        ("SECURE_CONTENT_TYPE_NOSNIFF", True),
        ("X_FRAME_OPTIONS", "DENY"),
        ("DEBUG", False),
    ],
)
def test_production_asks_for_https_and_safe_cookies(name, expected):
    assert production_setting(name) == expected


def test_production_keeps_hsts_for_at_least_a_year():
    assert production_setting("SECURE_HSTS_SECONDS") >= 365 * 24 * 3600
