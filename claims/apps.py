from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims and attributions")

    def ready(self) -> None:
        from claims import (
            signals,  # noqa: F401  (connects the receivers)
            suggestions,  # noqa: F401  (rebuilds the gazetteer on name edits)
            webhooks,  # noqa: F401  (listens to the announcements)
        )
        from tracker import database  # noqa: F401  (PostgreSQL's JIT off on each connection)

        post_migrate.connect(_ensure_full_text_indexes, sender=self)


def _ensure_full_text_indexes(using, **kwargs) -> None:
    """The SQLite full-text indexes' triggers are dropped when a migration remakes the
    citations or the events table: put them back (claims.fulltext.FullTextIndex)."""
    from django.db import connections

    from claims.fulltext import INDEXES

    for index in INDEXES:
        index.ensure_sqlite(connections[using])
