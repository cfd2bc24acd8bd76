"""The deployment files agree with the code: docker-compose.yml and .env.example name only variables that
acip/settings.py reads, .env.example lists every one it reads, and the image's build and start commands work.

No Docker engine runs in CI and PyYAML is not a dependency, so docker-compose.yml is read as text: the checks
below rely on its two-space indentation (services at two spaces, their keys at four, values at six).
"""

import importlib
import re
import shlex
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from gunicorn.config import Config

ROOT = Path(settings.BASE_DIR)
NAME = r"[A-Z][A-Z0-9_]*"
# env_bool("X", ...), env_int("X", ...), env_list(...), env_secret(...), os.environ.get("X"), os.environ["X"],
# and "X" in os.environ: every way acip/settings.py reads the environment.
SETTINGS_READ = re.compile(
    rf'(?:\benv_\w+\(|os\.environ\.get\(|os\.environ\[)\s*"({NAME})"|"({NAME})"\s+in\s+os\.environ'
)
SECRET_READ = re.compile(rf'\benv_secret\(\s*"({NAME})"')


def settings_variables() -> set[str]:
    text = (ROOT / "acip" / "settings.py").read_text()
    return {a or b for a, b in SETTINGS_READ.findall(text)}


def accepted_variables() -> set[str]:
    """What settings.py reads, plus NAME_FILE for each secret (env_secret reads a file named there)."""
    secrets = SECRET_READ.findall((ROOT / "acip" / "settings.py").read_text())
    return settings_variables() | {f"{name}_FILE" for name in secrets}


def env_example_variables() -> list[str]:
    """Variables set or shown commented out (`# NAME=default`) at the start of a line of .env.example."""
    return re.findall(rf"^#?\s*({NAME})=", (ROOT / ".env.example").read_text(), re.MULTILINE)


def compose_block(lines: list[str], key: str, indent: int) -> list[str]:
    """The lines under `key:` at `indent` spaces, up to the next line indented as little (comments left out)."""
    start = lines.index(" " * indent + f"{key}:")
    block = []
    for line in lines[start + 1 :]:
        if line.strip().startswith("#"):
            continue
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    return block


def compose_service(name: str) -> list[str]:
    lines = (ROOT / "docker-compose.yml").read_text().splitlines()
    return compose_block(compose_block(lines, "services", 0), name, 2)


def compose_environment(service: str) -> dict[str, str]:
    lines = compose_block(compose_service(service), "environment", 4)
    return dict((part.strip() for part in line.split(":", 1)) for line in lines if line.strip())


def dockerfile_command() -> list[str]:
    """The words of the Dockerfile's CMD (exec form holding `sh -c "..."`)."""
    cmd = re.search(r"^CMD \[(.*)\]$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert cmd, "the Dockerfile has no exec-form CMD"
    words = re.findall(r'"((?:[^"\\]|\\.)*)"', cmd.group(1))
    return shlex.split(words[-1]) if words[:2] == ["sh", "-c"] else words


def test_the_settings_parser_finds_what_settings_reads():
    """Guards the checks below: a parser that found nothing would make them pass vacuously."""
    found = settings_variables()
    assert {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL", "DJANGO_CONN_MAX_AGE"} <= found
    assert "DJANGO_SECRET_KEY_FILE" in accepted_variables()


def test_env_example_lists_every_variable_that_settings_reads():
    missing = settings_variables() - set(env_example_variables())
    assert not missing, f"add these to .env.example, each with a one-line comment: {sorted(missing)}"


def test_env_example_names_only_variables_that_settings_reads():
    unknown = set(env_example_variables()) - accepted_variables()
    assert not unknown, f".env.example names variables that acip/settings.py never reads: {sorted(unknown)}"


def test_env_example_comments_every_variable():
    lines = (ROOT / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(rf"^#?\s*{NAME}=", line):
            above = lines[number - 1]
            assert above.startswith("#") and not re.match(rf"^#?\s*{NAME}=", above), f"no comment above {line!r}"


def test_the_web_service_sets_only_variables_that_settings_reads():
    environment = compose_environment("web")
    assert environment, "docker-compose.yml: the web service sets no environment"
    unknown = set(environment) - accepted_variables()
    assert not unknown, f"docker-compose.yml sets variables that acip/settings.py never reads: {sorted(unknown)}"


def test_the_web_service_needs_a_secret_key_and_uses_the_postgresql_service():
    environment = compose_environment("web")
    assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:\?.+\}", environment["DJANGO_SECRET_KEY"])
    assert re.match(r"postgres://\w+:.+@db:5432/\w+$", environment["DATABASE_URL"])
    assert environment["DJANGO_CONN_MAX_AGE"].strip("\"'") == "600"
    assert "DJANGO_ALLOWED_HOSTS" in environment


def test_the_web_service_waits_for_a_healthy_database():
    web = "\n".join(compose_service("web"))
    db = "\n".join(compose_service("db"))
    assert re.search(r"depends_on:\s+db:\s+condition: service_healthy", web)
    assert "image: postgres:16" in db
    assert re.search(r"healthcheck:\s+test: .*pg_isready", db)


def test_the_image_migrates_then_serves_the_wsgi_application_with_gunicorn():
    words = dockerfile_command()
    assert words[:4] == ["python", "manage.py", "migrate", "--noinput"]
    gunicorn = words[words.index("gunicorn") :]
    module, _, attribute = gunicorn[1].partition(":")
    assert callable(getattr(importlib.import_module(module), attribute or "application"))
    # Every option must exist in the pinned gunicorn (27 added --no-control-socket; an unknown one stops the start).
    known = {flag for setting in Config().settings.values() for flag in setting.cli or ()}
    unknown = [word for word in gunicorn if word.startswith("--") and word.split("=")[0] not in known]
    assert not unknown, f"gunicorn does not know {unknown}"


def test_the_image_installs_only_the_runtime_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "requirements-dev" not in dockerfile


def test_collectstatic_works_with_the_production_storage(settings, tmp_path):
    """What the Docker build runs: the manifest storage fails on any file a CSS or JS file names but we lack."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    assert (tmp_path / "staticfiles.json").is_file()
    assert list((tmp_path / "vendor" / "bootstrap").glob("bootstrap.min.*.css"))
