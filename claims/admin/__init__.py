"""The editors' admin, one module per area of the model."""

from . import actors, claims, events, sources, webhooks  # noqa: F401  (registers the admin classes)
