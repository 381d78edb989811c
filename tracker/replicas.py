"""Read replicas: anonymous reads go to a replica, everything of an editor to the primary.

`DATABASE_REPLICA_URLS` names the replicas (settings.REPLICA_DATABASES holds their
aliases). With none, every query goes to the primary ("default") and nothing here costs
anything.

Who reads from a replica: a GET or HEAD request that carries neither a session cookie nor
an Authorization header, i.e. a reader's page, API read or export. An editor's request
(signed in, or with a token), every unsafe method, every write, every read inside a
write's transaction, and everything outside a request (commands, the worker) use the
primary, so an editor never reads a stale page of their own change.

A replica replays the primary's changes a little later. An anonymous page built from a
replica that has not yet replayed the latest edit would be filed in the readers' cache
under the generation that edit started, and served until the next edit. So, once a
change is committed, the primary's write position is remembered in the shared cache, and
a request reads from a replica only once the replica has replayed up to it (one query,
at the request's first read); a replica behind, or down, sends the request to the
primary.
"""

import contextvars
import logging
import random

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
PRIMARY_POSITION_KEY = "tracker:primary-wal-position"

# Per request: None (primary only), or the replica chosen for it, checked at first use.
_replica_for_request: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "replica_for_request", default=None
)
_replica_checked: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_checked", default=False
)


class ReadReplicaRouter:
    """Reads of an anonymous request to its replica; all else to the primary."""

    def db_for_read(self, model, **hints):
        alias = _replica_for_request.get()
        if alias is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if not _replica_checked.get():
            _replica_checked.set(True)
            if not replica_is_current(alias):
                _replica_for_request.set(None)
                return PRIMARY
        return alias

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # A replica holds the primary's rows: an object read from one may refer to the other's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReadReplicaMiddleware:
    """Chooses, before anything reads the database (the session included), where this
    request reads from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = _replica_for(request)
        token = _replica_for_request.set(alias)
        checked = _replica_checked.set(False)
        try:
            return self.get_response(request)
        finally:
            _replica_for_request.reset(token)
            _replica_checked.reset(checked)


def _replica_for(request) -> str | None:
    replicas = settings.REPLICA_DATABASES
    if not replicas or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    return random.choice(replicas)


def replica_is_current(alias: str) -> bool:
    """Whether the replica answers and has replayed the primary's last remembered change."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                required = cache.get(PRIMARY_POSITION_KEY)
                if required is None:
                    cursor.execute("SELECT 1")
                    return True
                # On a server that is not a replica (the tests' alias of the primary
                # itself), its own write position.
                cursor.execute(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
                    " ELSE pg_current_wal_lsn() END >= %s::pg_lsn",
                    [required],
                )
                return bool(cursor.fetchone()[0])
            cursor.execute("SELECT 1")
            return True
    except DatabaseError:
        logger.warning("Replica %s cannot be read; reading from the primary", alias)
        connection.close_if_unusable_or_obsolete()
        return False
    except Exception:  # the cache is down: the replica cannot be shown to be current
        logger.warning("No primary position to check replica %s against", alias)
        return False


def remember_primary_position() -> None:
    """After a committed change: the position replicas must reach before they serve."""
    if not settings.REPLICA_DATABASES or connections[PRIMARY].vendor != "postgresql":
        return
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            position = cursor.fetchone()[0]
        cache.set(PRIMARY_POSITION_KEY, position, timeout=None)
    except Exception:
        # Without it, replicas are not held back: said in the log.
        logger.exception("Could not remember the primary's write position")
