"""Deliver: write the rendered briefing to disk, atomically.

Every file is written to a temporary file in the same folder, flushed to disk, then moved
over the target with `os.replace`, so a crash or kill leaves the old file or the new one,
never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from . import render
from .model import Briefing

SUFFIX = {"json": ".json", "html": ".html", "md": ".md", "txt": ".txt", "pdf": ".pdf"}


def write_atomic(path: Path, data: bytes | str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_outputs(
    b: Briefing, out_dir: str | Path, formats: Sequence[str], stem: str | None = None,
    template_dir: str | Path | None = None, pdf: Callable[[str], bytes] | None = None,
) -> list[Path]:
    """Render each format and write `<out_dir>/<stem>.<ext>`; returns the paths written.

    Everything is rendered before anything is written, so a rendering error leaves the
    previous outputs untouched. `pdf` turns the HTML into the PDF (a `PdfHelper`, which
    had WeasyPrint imported during the build); `render.pdf_from_html` if not given.
    """
    stem = stem or f"briefing-{b.date}"
    html = render.render_html(b, template_dir) if {"html", "pdf"} & set(formats) else None
    rendered: dict[str, bytes | str] = {}
    for fmt in formats:
        if fmt == "json":
            rendered[fmt] = render.render_json(b)
        elif fmt == "html":
            rendered[fmt] = html or ""
        elif fmt == "md":
            rendered[fmt] = render.render_markdown(b, template_dir)
        elif fmt == "txt":
            rendered[fmt] = render.render_text(b, template_dir)
        elif fmt == "pdf":
            rendered[fmt] = (pdf or render.pdf_from_html)(html or render.render_html(b, template_dir))
        else:
            raise ValueError(f"unknown format {fmt!r}")
    paths = []
    for fmt, data in rendered.items():
        path = Path(out_dir) / f"{stem}{SUFFIX[fmt]}"
        write_atomic(path, data)
        paths.append(path)
    return paths
