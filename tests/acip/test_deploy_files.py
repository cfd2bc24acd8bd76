"""The deployment files agree with the code: docker-compose.yml and .env.example name only variables that
acip/settings.py reads, .env.example lists every one it reads, the image's build and start commands work, and the
image holds no benchmark (what .dockerignore leaves out of the build context, no module left in it imports).

No Docker engine runs in CI and PyYAML is not a dependency, so docker-compose.yml is read as text: the checks
below rely on its two-space indentation (services at two spaces, their keys at four, values at six).
"""

import ast
import importlib
import os
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


def dockerignore_patterns() -> list[tuple[bool, re.Pattern]]:
    """(excludes, regex) per line of .dockerignore, as Docker reads them: paths relative to the context, `*` and `?`
    within one path segment, `**` across any number of them, `!` re-includes; a later line overrides an earlier one."""
    patterns = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        excludes = not line.startswith("!")
        glob = line.lstrip("!").strip("/")
        regex = ""
        for part in re.split(r"(\*\*/?|\*|\?)", glob):
            if part.startswith("**"):
                regex += "(?:.*/)?" if part.endswith("/") else ".*"
            elif part == "*":
                regex += "[^/]*"
            elif part == "?":
                regex += "[^/]"
            else:
                regex += re.escape(part)
        patterns.append((excludes, re.compile(regex + r"\Z")))
    return patterns


def left_out(path: str, patterns) -> bool:
    """Whether the build context leaves out `path`: a pattern that matches the path or one of its folders."""
    parents = path.split("/")
    candidates = ["/".join(parents[: i + 1]) for i in range(len(parents))]
    excluded = False
    for excludes, regex in patterns:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = excludes
    return excluded


def image_files() -> set[str]:
    """The files that `COPY . .` puts into the image: the project's tree less what .dockerignore leaves out."""
    patterns = dockerignore_patterns()
    reincluded = [regex.pattern for excludes, regex in patterns if not excludes]
    files = set()
    for folder, dirs, names in os.walk(ROOT):
        relative = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if relative == "." else relative + "/"
        # A folder left out whole is not walked (.venv, .git), unless a `!` line could take something back from it.
        dirs[:] = [
            d
            for d in dirs
            if not left_out(prefix + d, patterns) or any(p.startswith(re.escape(prefix + d + "/")) for p in reincluded)
        ]
        files |= {prefix + name for name in names if not left_out(prefix + name, patterns)}
    return files


FIRST_PARTY = ("acip", "partners", "meetings")
BENCHMARK = [
    "acip/devdata/bench.py",
    "acip/devdata/management/commands/bench.py",
    "acip/devdata/management/commands/seed_scale.py",
    "acip/devdata/scale/__init__.py",
]


def module_file(module: str, files: set[str]) -> str | None:
    """The file of a first-party module among `files`, if it is there."""
    path = module.replace(".", "/")
    return next((f for f in (f"{path}.py", f"{path}/__init__.py") if f in files), None)


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


def test_the_image_and_make_migrate_create_the_cache_table_that_the_throttles_count_in():
    """The default cache is a database table (the login and password-reset throttles count there); migrate does not
    make it, createcachetable does, before the first request."""
    words = dockerfile_command()
    step = ["python", "manage.py", "createcachetable"]
    starts = [index for index in range(len(words)) if words[index : index + 3] == step]
    assert starts and 4 <= starts[0] < words.index("gunicorn"), "the image's start does not run createcachetable"
    makefile = (ROOT / "Makefile").read_text()
    migrate = re.search(r"^migrate:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert migrate and "manage.py createcachetable" in migrate.group(1)
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


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


def test_the_dockerignore_reader_keeps_the_app_and_leaves_out_the_rest():
    """Guards the checks below: a reader that kept nothing, or everything, would make them pass vacuously."""
    files = image_files()
    assert {"manage.py", "requirements.txt", "acip/settings.py", "acip/wsgi.py", ".env.example"} <= files
    assert {"partners/models.py", "meetings/models.py", "templates/base.html"} <= files
    assert not [f for f in files if f.startswith((".git/", ".venv/", "tests/", "docs/")) or f == ".env"]
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]


def test_the_image_holds_no_benchmark_and_keeps_the_demo_loader():
    files = image_files()
    assert all((ROOT / path).is_file() for path in BENCHMARK), "the benchmark moved: update BENCHMARK here"
    assert not [f for f in files if f in BENCHMARK or f.startswith("acip/devdata/scale/")]
    assert not [f for f in files if Path(f).stem == "bench"], "a benchmark module is in the image"
    # docker-compose.yml tells how to load the demo data into the stack.
    assert {"acip/devdata/demo/__init__.py", "acip/devdata/management/commands/load_demo.py"} <= files


def test_no_module_in_the_image_imports_one_that_it_leaves_out():
    """Every first-party import of every module in the image (at the top or inside a function) finds its module
    there too: leaving the benchmark out must not break a command or a page."""
    files = image_files()
    tree = {p.relative_to(ROOT).as_posix() for package in FIRST_PARTY for p in (ROOT / package).rglob("*.py")}
    missing = []
    for path in sorted(f for f in files if f.endswith(".py")):
        for node in ast.walk(ast.parse((ROOT / path).read_text(), path)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from package import name`: the package, and the name where it is a module of its own.
                modules = [node.module] + [
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if module_file(f"{node.module}.{alias.name}", tree)
                ]
            else:
                continue
            for module in modules:
                if module.split(".")[0] in FIRST_PARTY and not module_file(module, files):
                    missing.append(f"{path}: {module}")
    assert not missing, f"modules of the image import modules that .dockerignore leaves out: {missing}"


def test_the_scheduler_runs_send_reminders_daily_with_the_web_image():
    scheduler = "\n".join(compose_service("scheduler"))
    web = "\n".join(compose_service("web"))
    image = re.search(r"^\s+image: (\S+)$", web, re.MULTILINE)
    assert image and f"image: {image.group(1)}" in scheduler
    assert "python manage.py send_reminders" in scheduler and "tomorrow 06:00" in scheduler
    environment = compose_environment("scheduler")
    unknown = set(environment) - accepted_variables()
    assert not unknown, f"the scheduler sets variables that acip/settings.py never reads: {sorted(unknown)}"
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_SITE_URL", "DJANGO_EMAIL_HOST"} <= set(environment)
    assert environment["DATABASE_URL"] == compose_environment("web")["DATABASE_URL"]


def test_the_mail_catcher_is_optional():
    mailpit = "\n".join(compose_service("mailpit"))
    assert 'profiles: ["mail"]' in mailpit and "8025:8025" in mailpit
