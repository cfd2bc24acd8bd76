from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """No models: installed for its management commands (load_demo, seed_scale, bench)."""

    name = "acip.devdata"
    verbose_name = "Development data"
