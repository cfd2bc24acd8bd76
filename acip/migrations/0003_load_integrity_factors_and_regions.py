"""Reference data: the ten key factors of the Revised Arusha Declaration and the six WCO regions (DOMAIN.md §2, §3)."""

from django.db import migrations
from django.utils.text import slugify

FACTORS = [
    "Leadership and Commitment",
    "Regulatory Framework",
    "Transparency",
    "Automation",
    "Reform and Modernization",
    "Audit and Investigation",
    "Code of Conduct",
    "Human Resource Management",
    "Morale and Organizational Culture",
    "Relationship with the Private Sector",
]

REGIONS = [
    ("AMC", "Americas and Caribbean"),
    ("EUR", "Europe"),
    ("AP", "Asia/Pacific"),
    ("MENA", "North of Africa, Near and Middle East"),
    ("ESA", "East and Southern Africa"),
    ("WCA", "West and Central Africa"),
]


def load(apps, schema_editor):
    IntegrityFactor = apps.get_model("acip", "IntegrityFactor")
    Region = apps.get_model("acip", "Region")
    for number, name in enumerate(FACTORS, start=1):
        IntegrityFactor.objects.update_or_create(number=number, defaults={"name": name, "slug": slugify(name)})
    for position, (code, name) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(code=code, defaults={"name": name, "position": position})


def unload(apps, schema_editor):
    apps.get_model("acip", "IntegrityFactor").objects.filter(number__in=range(1, 11)).delete()
    apps.get_model("acip", "Region").objects.filter(code__in=[code for code, _ in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("acip", "0002_links_to_partners")]

    operations = [migrations.RunPython(load, unload)]
