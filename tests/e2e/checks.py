"""What the browser journeys check on a page, beyond what each journey asserts itself: axe-core's findings, the
page's width on a phone, what the browser complained about, and the screenshots a person looks at after a run."""

import json
from pathlib import Path

E2E_DIR = Path(__file__).resolve().parent
AXE = E2E_DIR / "vendor" / "axe.min.js"
SCREENSHOTS = E2E_DIR.parents[1] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def axe_findings(page) -> list[dict]:
    """Run axe-core on the whole document (navigation bar, footer and all) and return its violations.

    The engine is the vendored axe.min.js. Every context of conftest.py adds it as an init script, which the browser
    runs in each new document; a page from elsewhere gets it through page.evaluate. Not page.add_script_tag: an
    added <script> is inline script, which our own Content-Security-Policy refuses, as it should (script-src 'self').
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def axe_report(findings: list[dict]) -> list[str]:
    """One line per violation: rule id, impact, how many elements, and their selectors."""
    return [
        f"{finding['id']} [{finding['impact']}] {finding['help']} ({len(finding['nodes'])}): "
        + json.dumps([node["target"] for node in finding["nodes"]][:8])
        for finding in findings
    ]


def axe_failures(page, label: str) -> list[str]:
    """Every violation axe finds on the page, whatever its impact (minor to critical), labelled."""
    return [f"{label}: {line}" for line in axe_report(axe_findings(page))]


def horizontal_overflow(page) -> str:
    """What makes the page wider than the window, or "" when nothing does (a table in its own scrolling box is
    fine). After a resize the charts redraw at their new size a frame or two later: measure once the page's width
    has held for three frames."""
    return page.evaluate(
        """async () => {
            const root = document.documentElement;
            const frame = () => new Promise(done => requestAnimationFrame(done));
            for (let last = -1, same = 0, i = 0; same < 3 && i < 60; i++) {
                await frame();
                same = root.scrollWidth === last ? same + 1 : 0;
                last = root.scrollWidth;
            }
            const excess = root.scrollWidth - root.clientWidth;
            if (excess <= 0) return "";
            const scrolls = e => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX);
            const clipped = e => {
                for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
            };
            const wide = Array.from(document.querySelectorAll("body *"))
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(e))
                .slice(0, 3)
                .map(e => [e.tagName.toLowerCase(), ...String(e.className).split(" ").filter(Boolean)].join("."));
            return `${excess}px wider than the screen, from ${wide.join(", ")}`;
        }"""
    )


def screenshot(page, name: str) -> Path:
    """Save the whole page as artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


class BrowserLog:
    """What the browser reported while a journey ran: console errors (a script refused by the
    Content-Security-Policy shows there), uncaught script errors, and failed responses of the page's own files."""

    #: Browsers ask for /favicon.ico by themselves; the app has no icon, which is no error of a page.
    IGNORED = ("/favicon.ico",)

    def __init__(self, page):
        self.entries: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.entries.append(f"script error: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        # A failed request shows here without its address; _response reports it with one.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.entries.append(f"console: {message.text}")

    def _response(self, response) -> None:
        is_navigation = response.request.is_navigation_request()
        if response.status >= 400 and not is_navigation and not response.url.endswith(self.IGNORED):
            self.entries.append(f"{response.status} for {response.url}")

    def take(self) -> list[str]:
        """The entries so far, and start afresh."""
        entries, self.entries = self.entries, []
        return entries


def field_error(field) -> str:
    """The error message shown with a form field: the text of the `invalid-feedback` elements that the field names
    in its aria-describedby (so that a screen reader reads it with the field), or "" when there is none."""
    return field.evaluate(
        """field => (field.getAttribute("aria-describedby") || "").split(/\\s+/)
            .map(id => document.getElementById(id))
            .filter(element => element && element.classList.contains("invalid-feedback") && element.checkVisibility())
            .map(element => element.innerText.trim())
            .join(" ")"""
    )
