"""The role groups of DESIGN.md and their permissions.

Permissions are Django's model permissions: they govern Django admin for a user who is also `is_staff`. What a
role may see and change in the app's own pages is decided by acip/access.py, which reads the group names.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_STAFF = "Programme staff"
GROUP_DELEGATES = "Partner delegates"
GROUP_DONORS = "Donor viewers"

PROGRAMME_APPS = ["acip", "partners", "meetings"]
# Reference data and user links are the administrators' to change; deleting is theirs alone too.
READ_ONLY_FOR_STAFF = {"integrityfactor", "region", "profile"}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name=GROUP_STAFF)
    Group.objects.get_or_create(name=GROUP_DELEGATES)
    Group.objects.get_or_create(name=GROUP_DONORS)
    programme_perms = Permission.objects.filter(content_type__app_label__in=PROGRAMME_APPS).exclude(
        content_type__model__startswith="historical"
    )
    allowed = [
        perm
        for perm in programme_perms.select_related("content_type")
        if perm.codename.startswith("view_")
        or (perm.content_type.model not in READ_ONLY_FOR_STAFF and not perm.codename.startswith("delete_"))
    ]
    staff.permissions.set(allowed)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[GROUP_STAFF, GROUP_DELEGATES, GROUP_DONORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("acip", "0003_load_integrity_factors_and_regions"),
        ("partners", "0001_initial"),
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
