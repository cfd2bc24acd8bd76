"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

What a journey gets from here, with nothing to declare:
- the `browser` marker and a transactional database on every test under tests/e2e/: the live server answers from
  another thread, which only sees committed rows. The flush that ends each test also empties the tables that the
  data migrations fill (regions, integrity factors, role groups); `_reference_data` puts them back before every test
  (see its docstring for why serialized rollback cannot);
- `demo`: the demo data set (acip/devdata/demo/), the most realistic data there is, loaded into the test database; it
  gives each demo login's generated password by username;
- `browser`: one Chromium for the whole session; `page`: a fresh context (cookies, storage) for one test, with
  relative URLs resolved against the live server (`page.goto("/")`); `open_page(username)`: another fresh context
  logged in as that demo user (one per role in a journey, shared by all the pages that role visits);
- `login(page, username, password)`: logs in through the login form, as a person does;
- axe-core (tests/e2e/vendor/axe.min.js) in every document of every context, for checks.axe_failures;
- every page a test opened is saved as artifacts/screenshots/<test>-FAILED[-n].png when the test fails.

Screenshots of the main pages go to artifacts/screenshots/<role>-<page>-<desktop|phone>.png (git-ignored; see
checks.py); the folder is emptied when a browser session starts, so it always shows the latest run.

Static files: pytest-django's live server serves /static/ with django.contrib.staticfiles' StaticFilesHandler (the
app finders, as runserver does), so Bootstrap loads without collectstatic and without WhiteNoise's manifest.

Chromium missing: every browser test is skipped, and the run ends with one line saying how to install it.
Playwright's own browser download does not work here: never run `playwright install`.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from tests.e2e.checks import AXE, DESKTOP, SCREENSHOTS

CHROMIUM = Path(os.environ.get("ACIP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
E2E_DIR = Path(__file__).resolve().parent
SKIP_REASON = f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` installs it"
_skipped_browser_tests = pytest.StashKey[int]()

#: The data migrations' own functions, which fill the reference tables (module, function).
REFERENCE_DATA = [
    ("acip.migrations.0003_load_integrity_factors_and_regions", "load"),
    ("acip.migrations.0004_role_groups", "create_groups"),
]


def chromium_available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests under tests/e2e/, skip browser tests without Chromium, and run browser tests last.

    Last, after pytest-django's own ordering: once Playwright has started, its event loop counts as running in the
    main thread for the rest of the session, where asyncio.run() and async_to_sync() would refuse to work."""
    skip = pytest.mark.skip(reason=SKIP_REASON)
    browser_items = []
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True))
        if item.get_closest_marker("browser"):
            browser_items.append(item)
            if not chromium_available():
                item.add_marker(skip)
    if browser_items and not chromium_available():
        config.stash[_skipped_browser_tests] = len(browser_items)
    last = set(browser_items)
    items[:] = [item for item in items if item not in last] + browser_items


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(_skipped_browser_tests, 0)
    if skipped:
        terminalreporter.write_line(f"{skipped} browser test(s) skipped. {SKIP_REASON}.", yellow=True, bold=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so that a fixture can tell at teardown whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def _migrated_apps():
    """The models as the migrations describe them, which the data migrations' functions expect (they toggle
    attributes of the app registry they are given, harmless on this one and not on the real one)."""
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True).project_state().apps


@pytest.fixture(autouse=True)
def _reference_data(transactional_db, _migrated_apps):
    """Fill the reference tables again with the data migrations' own functions (they are idempotent).

    Each browser test ends with a flush of every table, the reference tables included. Serialized rollback was meant
    to put them back, but it restores from `connection._test_serialized_contents`, which the test database's setup
    stores on the main thread's connection object. Django keeps connections in an asgiref Local that is
    thread-local only while no event loop runs in the thread; once Playwright's sync API has started, its loop
    counts as running in the main thread, the Local switches to context-local storage, and Django opens a new
    connection object without that attribute: from the second browser test on, nothing was restored (the earlier
    journeys guarded against it with a `_reference_data` of their own). Re-creating the rows does not depend on
    which connection object is current, and takes a fraction of a second.
    """
    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(_migrated_apps, None)


@pytest.fixture
def demo(_reference_data) -> dict[str, str]:
    """Load the demo data set; return the generated password of each demo login by username."""
    from acip.devdata.demo import demo_load

    return {login.username: login.password for login in demo_load().logins}


@pytest.fixture(scope="session")
def playwright():
    """Playwright's sync API runs an event loop in the test thread, where Django's ORM refuses to run unless told:
    DJANGO_ALLOW_ASYNC_UNSAFE is set from the start of the first browser test (they run last) to the end of the
    session, whose teardown (the test database's) happens in the same thread. No other test runs with it."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """`new_page()`: a page in a context of its own (its own cookies), at desktop width. Every page opened this way
    is saved as a screenshot when the test fails."""
    contexts = []

    def open_new():
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=DESKTOP)
        context.set_default_timeout(10_000)
        # axe-core in every document before the page's own scripts, as the browser's own code: the
        # Content-Security-Policy applies to the page's scripts only (see checks.axe_findings).
        context.add_init_script(path=AXE)
        contexts.append(context)
        return context.new_page()

    yield open_new
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pages = [page for context in contexts for page in context.pages]
        for index, page in enumerate(pages):
            suffix = f"-{index + 1}" if len(pages) > 1 else ""
            page.screenshot(path=SCREENSHOTS / f"{request.node.name}-FAILED{suffix}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page of its own for the test, logged in as nobody."""
    return new_page()


@pytest.fixture
def login():
    """`login(page, username, password)`: fill the login form by its labels and submit it, as a person does.

    It does not check the outcome: a journey asserts the page it expects (the home page, or the form's error)."""

    def log_in(page, username: str, password: str) -> None:
        page.goto(reverse("login"))
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return log_in


@pytest.fixture
def open_page(new_page, login, demo):
    """`open_page("staff")`: a page of its own, logged in as that demo user, on the page home sent them to."""
    from playwright.sync_api import expect

    def open_as(username: str):
        page = new_page()
        login(page, username, demo[username])
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        return page

    return open_as
