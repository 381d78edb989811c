"""Keep each event's derived attribution in step with its claims, however they are saved.

(The readers' cache is retired by the services' announcements, `claims.announcements`.)
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from claims import services
from claims.models import Actor, Claim, Event


@receiver(pre_save, sender=Claim)
def remember_previous_event(sender, instance: Claim, **kwargs) -> None:
    instance._previous_event_id = (
        Claim.objects.filter(pk=instance.pk).values_list("event_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Claim)
@receiver(post_delete, sender=Claim)
def refresh_event_attribution(sender, instance: Claim, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the fixture carries the derived rows too
        return
    event_ids = {instance.event_id, getattr(instance, "_previous_event_id", None)} - {None}
    for event in Event.objects.filter(pk__in=event_ids):
        services.refresh_attribution(event)


@receiver(pre_save, sender=Actor)
def remember_previous_parent(sender, instance: Actor, **kwargs) -> None:
    instance._previous_parent_id = (
        Actor.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Actor)
def refresh_after_restructuring(sender, instance: Actor, created: bool, **kwargs) -> None:
    if not created and not kwargs.get("raw") and instance._previous_parent_id != instance.parent_id:
        services.refresh_attribution_of_actor_events(instance)
