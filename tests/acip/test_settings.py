"""acip/settings.py reads a developer's .env (python-dotenv): what it sets counts where the real environment sets
nothing, and the real environment always wins."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PRINT_SETTINGS = (
    "import acip.settings as s; "
    "print(s.DEBUG, s.ALLOWED_HOSTS, s.LOGGING['root']['level'], s.EMAIL_HOST, s.DEFAULT_FROM_EMAIL, sep='|')"
)


def test_a_dotenv_file_sets_what_the_real_environment_does_not(tmp_path):
    # settings.py reads the .env beside its package: a copy of it in a folder of its own reads that folder's .env.
    (tmp_path / "acip").mkdir()
    (tmp_path / "acip" / "__init__.py").touch()
    shutil.copy(Path(settings.BASE_DIR) / "acip" / "settings.py", tmp_path / "acip" / "settings.py")
    (tmp_path / ".env").write_text(
        "# Written by make run\n"
        "DJANGO_DEBUG=True\n"
        'DJANGO_ALLOWED_HOSTS="a.example, b.example"\n'
        "DJANGO_LOG_LEVEL=INFO\n"
        "export DJANGO_EMAIL_HOST=mail.example\n"
        "DJANGO_DEFAULT_FROM_EMAIL='acip$HOME@example.org'\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update({"PYTHONPATH": str(tmp_path), "DJANGO_TESTING": "False", "DJANGO_LOG_LEVEL": "ERROR"})

    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip().split("|") == [
        "True",
        "['a.example', 'b.example']",
        "ERROR",  # the real environment wins over .env
        "mail.example",
        "acip$HOME@example.org",  # taken as written, not expanded
    ]


SHARED_STATE = (
    "import acip.settings as s; "
    "print(s.SESSION_ENGINE, s.AXES_HANDLER, s.CACHES[s.THROTTLE_CACHE]['BACKEND'], "
    "s.CACHES[s.API_THROTTLE_CACHE]['BACKEND'], sep='|')"
)


def _production_settings(code: str = SHARED_STATE, **extra):
    """`code` run in a fresh interpreter with the production environment (and `extra`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update({"DJANGO_DEBUG": "False", "DJANGO_TESTING": "False", "DJANGO_SECRET_KEY": "x" * 50, **extra})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )


def test_production_keeps_no_shared_state_in_one_process_memory():
    result = _production_settings()

    session, lockout, throttle_cache, api_throttle_cache = result.stdout.strip().split("|")
    assert session == "django.contrib.sessions.backends.db"
    assert lockout == "acip.lib.lockout.LockoutHandler"
    from axes.handlers.database import AxesDatabaseHandler

    from acip.lib.lockout import LockoutHandler

    assert issubclass(LockoutHandler, AxesDatabaseHandler)
    assert throttle_cache == api_throttle_cache == "django.core.cache.backends.db.DatabaseCache"


def test_production_refuses_a_per_process_cache():
    result = _production_settings(DJANGO_CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache")

    assert result.returncode != 0
    assert "DJANGO_CACHE_BACKEND must be a cache every process shares" in result.stderr


def _database_options(**extra) -> str:
    result = _production_settings(
        "import acip.settings as s; print(s.DATABASES['default'].get('OPTIONS'))",
        DATABASE_URL="postgres://u@db.example:5432/acip",
        **extra,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_binds_on_the_server_and_prepares_what_it_repeats_unless_told_not_to():
    assert _database_options() == "{'server_side_binding': True, 'prepare_threshold': 5}"
    assert (
        _database_options(DJANGO_DB_PREPARE_THRESHOLD="2") == "{'server_side_binding': True, 'prepare_threshold': 2}"
    )
    # Empty: never prepared (PgBouncer before 1.21 in transaction mode), still bound on the server.
    assert _database_options(DJANGO_DB_PREPARE_THRESHOLD="") == (
        "{'server_side_binding': True, 'prepare_threshold': None}"
    )


@pytest.mark.django_db
def test_a_statement_run_again_and_again_is_prepared_once_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from partners.models import PartnerAdministration

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%partners_partneradministration%"],
            )
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] + 1):
        list(PartnerAdministration.objects.filter(slug="none-such").values_list("pk"))
    assert prepared() == before + 1
