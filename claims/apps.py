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

        post_migrate.connect(_ensure_quote_index, sender=self)


def _ensure_quote_index(using, **kwargs) -> None:
    """The SQLite quote index's triggers are dropped when a migration remakes the
    citations table: put them back (claims.fulltext.ensure_sqlite_index)."""
    from django.db import connections

    from claims.fulltext import ensure_sqlite_index

    ensure_sqlite_index(connections[using])
