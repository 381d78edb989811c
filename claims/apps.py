from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and attributions"

    def ready(self) -> None:
        from claims import (
            signals,  # noqa: F401  (connects the receivers)
            suggestions,  # noqa: F401  (rebuilds the gazetteer on name edits)
            webhooks,  # noqa: F401  (listens to the announcements)
        )
