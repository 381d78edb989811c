import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

ROLES = ("Editor", "Reviewer")


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editor (or Reviewer) group with a generated password, "
        "printed once. An existing account is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="editor")
        parser.add_argument("--role", choices=ROLES, default="Editor")

    def handle(self, *args, username: str, role: str, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Account “{username}” already exists; its password is unchanged "
                f"(reset it with: python manage.py changepassword {username})."
            )
            return
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist as missing:
            raise CommandError(
                f"Group {role} is missing: run python manage.py migrate."
            ) from missing
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {role.lower()} account “{username}” with password: {password}\n"
                "It is shown only this once."
            )
        )
