"""Deliver: write the rendered briefing to disk, atomically.

Every file is written to a temporary file in the same folder, flushed to disk, then moved
over the target with `os.replace`, so a crash or kill leaves the old file or the new one,
never half of one. The temporary name carries the writer's pid
(`.briefing.html.<pid>.<random>.tmp`), so the next run can tell a file left by a killed
writer from one being written, and `remove_stale_temps` clears the former.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import render
from .model import Briefing

log = logging.getLogger(__name__)

SUFFIX = {"json": ".json", "html": ".html", "md": ".md", "txt": ".txt", "pdf": ".pdf"}
STALE_AFTER = 300.0  # seconds: a temporary file this old is left over, whoever wrote it
# brief's own temporary names, and only those: a briefing (`briefing.html`, `briefing-<day>.json`),
# an outbox message (`<day>-<hash>.eml`), `write_atomic`'s `.<pid>.<random>` (or, before
# the pid was added, `.<random>`) and `run.point_latest`'s `.latest.<pid>.tmp`
_OURS = r"(?:briefing(?:-\d{4}-\d{2}-\d{2})?\.(?:json|html|md|txt|pdf)|\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.eml)"
TEMP_NAME = re.compile(rf"\.{_OURS}\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{{8}}\.tmp|\.latest\.(?P<link_pid>\d+)\.tmp")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a fsynced temporary file; an OSError (a full disk) names
    `path`, not the temporary file or nothing (the CLI would then name the config)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError) and (exc.filename is None or exc.filename == tmp
                                         or str(exc.filename).startswith(str(path.parent / f".{path.name}."))):
            exc.filename, exc.filename2 = str(path), None
        raise


def remove_stale_temps(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the temporary files a killed run left in `folder`: brief's own names only,
    when their writer (the pid in the name) is dead or they are older than `older_than`
    seconds. Returns what was removed; a file that cannot be removed is left, quietly."""
    from .children import pid_alive

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = TEMP_NAME.fullmatch(entry.name)
        if m is None:
            continue
        pid = m.group("pid") or m.group("link_pid")
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > older_than or (pid is not None and int(pid) != os.getpid() and not pid_alive(int(pid))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
                log.info("removed %s, left by a run that was killed", entry.path)
        except OSError:
            continue
    return removed


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
