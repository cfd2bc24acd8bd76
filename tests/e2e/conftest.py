"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

What a journey gets from here, with nothing to declare:
- the `browser` marker and a transactional database with serialized rollback on every test under tests/e2e/. The
  live server answers from another thread, which only sees committed rows, hence transactional; the flush that ends
  each such test would also wipe the reference data of the data migrations (regions, integrity factors, role
  groups), and the serialized rollback puts it back before the next one;
- `browser`: one Chromium for the whole session (launching costs about a second); `context` and `page`: fresh
  cookies and storage for every test, with relative URLs resolved against the live server (`page.goto("/")`);
- `login(page, username, password)`: logs in through the login form, as a person does;
- `screenshot("name")`: saves the page to artifacts/screenshots/<test>-<n>-<name>.png (git-ignored); a failing
  test also leaves <test>-FAILED.png.

Static files: pytest-django's `live_server` serves /static/ with django.contrib.staticfiles' StaticFilesHandler
(the app finders, as runserver does) whenever staticfiles is installed, so Bootstrap loads without collectstatic and
without WhiteNoise's manifest; test_login checks that the stylesheet answers 200, so a regression shows.

Chromium missing: every browser test is skipped, and the run ends with one line saying how to install it.
Playwright's own browser download does not work here: never run `playwright install`.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

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
SCREENSHOTS = E2E_DIR.parents[1] / "artifacts" / "screenshots"
SKIP_REASON = f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` installs it"
_skipped_browser_tests = pytest.StashKey[int]()


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
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
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
    """Keep each phase's report on the test item, so that `page` can tell at teardown whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}-FAILED.png", full_page=True)


@pytest.fixture
def screenshot(page, request):
    """`screenshot("home")` saves the current page as artifacts/screenshots/<test>-<n>-home.png."""
    taken = 0

    def take(name: str) -> Path:
        nonlocal taken
        taken += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{request.node.name}-{taken}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


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
