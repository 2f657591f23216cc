"""Debian's headless Chromium driven by Playwright (no browser download: `executable_path`).

Every request the page makes is recorded, and anything that is not the page itself is
aborted, so a test can assert that the HTML asked for nothing (no fonts, images, scripts
or styles from anywhere).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@dataclass
class Visit:
    page: object
    requests: list[str] = field(default_factory=list)


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


@contextmanager
def open_page(path: Path, width: int = 1000, height: int = 800, dark: bool = False) -> Iterator[Visit]:
    """The file at `path` loaded in a fresh headless Chromium, every request recorded."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme="dark" if dark else "light", offline=True)
            page = context.new_page()
            visit = Visit(page)
            page.on("request", lambda request: visit.requests.append(request.url))
            context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            page.goto(url, wait_until="load")
            yield visit
        finally:
            browser.close()


def axe_violations(page: object) -> list[dict]:
    """axe-core's findings (WCAG 2 A/AA and best practices) for the loaded page."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]
