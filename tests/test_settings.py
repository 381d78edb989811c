"""The settings module refuses unsafe or malformed configuration at start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent


def run_fresh(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with only the given configuration variables set."""
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=clean_env | env,
        capture_output=True,
        text=True,
        check=False,
    )


def load_settings(
    show: str = "s.DEBUG, s.ALLOWED_HOSTS", **env: str
) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only the given variables set, and
    print the settings named in `show`."""
    return run_fresh(f"import tracker.settings as s; print({show})", **env)


def test_it_runs_in_development_with_no_configuration():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['localhost', '127.0.0.1', '[::1]']"


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = load_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_it_starts_in_production_with_a_secret_key_and_hosts():
    result = load_settings(
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="tracker.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['tracker.example']"


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_it_rejects_a_boolean_it_cannot_read(value):
    result = load_settings(DJANGO_DEBUG=value)
    assert result.returncode != 0
    assert f"DJANGO_DEBUG must be 1/0, true/false, yes/no or on/off, not '{value}'" in result.stderr


def cache_settings(**env: str) -> subprocess.CompletedProcess:
    return load_settings("s.CACHES['default']['BACKEND'], s.PAGE_CACHE_SECONDS", **env)


def test_it_caches_pages_only_in_a_cache_every_process_shares():
    alone = cache_settings()
    shared = cache_settings(DJANGO_CACHE_URL="redis://127.0.0.1:6379/0")
    assert alone.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "0"]
    assert shared.stdout.split() == ["tracker.redis_cache.SharedClientRedisCache", "600"]


def test_it_rejects_a_cache_it_does_not_know():
    result = cache_settings(DJANGO_CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL must be redis://… or locmem://" in result.stderr


def proxy_settings(**env: str) -> subprocess.CompletedProcess:
    return load_settings("s.REST_FRAMEWORK['NUM_PROXIES'], s.AXES_CLIENT_IP_CALLABLE", **env)


@pytest.mark.parametrize(
    ("env", "count"),
    [
        ({}, "0"),
        ({"DJANGO_BEHIND_TLS_PROXY": "1"}, "1"),
        ({"DJANGO_TRUSTED_PROXY_COUNT": "2"}, "2"),
        ({"DJANGO_BEHIND_TLS_PROXY": "1", "DJANGO_TRUSTED_PROXY_COUNT": "0"}, "0"),
    ],
    ids=["no proxy", "the TLS proxy", "two proxies", "TLS proxy that adds no address"],
)
def test_one_proxy_count_names_the_client_for_rate_limits_and_lockout(env, count):
    result = proxy_settings(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [count, "tracker.client_address.client_address"]


@pytest.mark.parametrize("value", ["-1", "one"])
def test_it_rejects_a_proxy_count_it_cannot_use(value):
    result = proxy_settings(DJANGO_TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT must be" in result.stderr


def test_it_reads_the_limits_of_a_claim_and_refuses_a_limit_below_one():
    limits = "s.QUOTE_MAX_LENGTH, s.CLAIM_MAX_CITATIONS"
    configured = load_settings(
        limits, DJANGO_QUOTE_MAX_LENGTH="500", DJANGO_CLAIM_MAX_CITATIONS="5"
    )
    refused = load_settings(limits, DJANGO_CLAIM_MAX_CITATIONS="0")

    assert configured.stdout.split() == ["500", "5"]
    assert refused.returncode != 0
    assert "DJANGO_CLAIM_MAX_CITATIONS must be 1 or more, not '0'" in refused.stderr


def test_it_reads_each_replica_as_a_mirror_of_the_primary():
    result = load_settings(
        "s.REPLICA_DATABASES, [s.DATABASES[a]['PORT'] for a in s.REPLICA_DATABASES],"
        " s.DATABASES['replica2']['TEST']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracker",
        DATABASE_REPLICA_URLS="postgres://postgres@10.0.0.2:5433/tracker, "
        "postgres://postgres@10.0.0.3:5434/tracker",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['replica1', 'replica2'] [5433, 5434] {'MIRROR': 'default'}"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's compiler")
def test_the_database_connection_has_its_jit_compiler_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_it_has_no_replica_unless_told():
    result = load_settings("s.REPLICA_DATABASES, sorted(s.DATABASES)")
    assert result.stdout.strip() == "[] ['default']"


@pytest.mark.parametrize("module", ["tracker.wsgi", "tracker.asgi"])
def test_a_serving_process_keeps_what_it_loaded_out_of_the_collector(module):
    result = run_fresh(
        f"import gc, {module}; print(gc.get_freeze_count() > 10_000, gc.get_threshold()[0])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "7000"]
