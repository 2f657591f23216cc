"""Refresh the reference screenshots in docs/screenshots/ from the shipped examples.

    .venv/bin/python scripts/screenshots.py     # needs `scripts/setup.sh --test` (Chromium, playwright)

The HTML is shot in Debian's headless Chromium (light, dark, phone width), the PDF's first
two pages with pdftoppm. Images are reduced to a small palette so the repo stays light.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))
from browser import ARGS, CHROMIUM  # noqa: E402 - how to run Debian's Chromium here, shared with the tests


def save(png: bytes | Path, name: str, width: int | None = None) -> None:
    image = Image.open(BytesIO(png) if isinstance(png, bytes) else png).convert("RGB")
    if width and image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(DOCS / name, optimize=True)
    print(f"wrote {DOCS / name}")


def main() -> int:
    from playwright.sync_api import sync_playwright

    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([sys.executable, "-m", "brief", "build", str(ROOT / "examples"), "--format", "html,pdf",
                        "--out", str(out), "--date", "2026-11-21", "--title", "Morning briefing", "-q"], check=True)
        html = next(out.glob("*.html")).resolve().as_uri()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, viewport, scheme in (("html-light.png", (1000, 1100), "light"),
                                           ("html-dark.png", (1000, 1100), "dark"),
                                           ("html-phone.png", (390, 844), "light")):
                page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme,
                                        device_scale_factor=1)
                page.goto(html)
                save(page.screenshot(), name)
                page.close()
            browser.close()
        pdf = next(out.glob("*.pdf"))
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(out / "page")], check=True)
        for number, png in enumerate(sorted(out.glob("page*.png")), 1):
            save(png, f"pdf-page-{number}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
