"""The Admin group holds every permission there is (0010 says so): give it those of the
models added since (the desk's rejected suggestions, webhooks, import jobs, and the job
queue's results)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_admin_everything(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the group needs them now.
    for label in ("claims", "django_tasks_database"):
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin, _ = Group.objects.get_or_create(name="Admin")
    admin.permissions.set(Permission.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0027_webhooks_and_import_jobs"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant_admin_everything, migrations.RunPython.noop)]
