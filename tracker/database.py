"""What the project asks of each database connection it opens."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created)
def turn_jit_off(sender, connection, **kwargs) -> None:
    """PostgreSQL's JIT compiler off for this session. The tracker's queries are short,
    but those with correlated subqueries (the corrections log, the change feed) are
    estimated dear enough to be compiled before they run: at a million claims with
    their history, up to 445 ms of compiling for queries that ran in 2 to 5 ms
    (bench/README.md). Set on the session rather than in the connection's startup
    options, which would stop libpq from reading PGOPTIONS and which some connection
    poolers refuse; behind a pooler that shares sessions between clients, set it on the
    database instead (README, "For operators")."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
