from django.contrib.auth.management import create_permissions
from django.db import migrations

# The newsroom's roles as they stand at this migration (later migrations revise them).
ENTRY_MODELS = ["actor", "person", "source", "event", "claim", "citation"]
# Rows that live inside another record's page; removing one is part of editing that record.
PART_MODELS = ["actoralias", "personalias", "affiliation", "eventrelation", "citation"]
EDITOR = {
    f"{verb}_{model}" for model in ENTRY_MODELS + PART_MODELS for verb in ("add", "change", "view")
} | {f"delete_{model}" for model in PART_MODELS}
GROUP_PERMISSIONS = {"Editor": EDITOR, "Reviewer": EDITOR | {"publish_claim"}}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; groups need them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
