"""WeasyPrint in a helper process, started before the build when a PDF will be wanted.

Importing WeasyPrint (Pango, HarfBuzz and fontTools bindings) takes about half a second,
as long as the whole build of a small pile. `PdfHelper`, made first thing by a command
that will write a PDF, forks a process that does that import while this one reads,
cleans and selects; the finished HTML then goes to it over a pipe and the PDF comes back.

The helper can only save time, never change a result: where fork is missing (Windows),
if threads are already running (forking them is unsafe), or if the helper fails in any
way, the PDF is rendered in this process exactly as without it. It holds no threads
here, so the build's own worker pool still forks, and it runs at a lower priority
(nice 10), so on a big day it takes only CPU the build's workers leave.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

from .children import child_started

log = logging.getLogger(__name__)


class PdfHelper:
    """Call with the briefing's HTML for its PDF bytes; `close` (or use as a context manager) when done."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._process: Any = None
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return
        ctx = multiprocessing.get_context("fork")
        ours, theirs = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(theirs, ours, os.getpid()), name="brief-pdf", daemon=True)
        try:
            process.start()
        except OSError as exc:  # out of processes or memory: render here instead
            log.debug("no PDF helper process (%s)", exc)
            ours.close()
            return
        finally:
            theirs.close()
        self._conn, self._process = ours, process

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def __call__(self, html: str) -> bytes:
        from .render import pdf_from_html

        if self._conn is not None:
            try:
                self._conn.send(html)
                ok, payload = self._conn.recv()
                if ok:
                    return payload
                log.debug("PDF helper failed (%s); rendering here", payload)
            except (OSError, EOFError) as exc:
                log.debug("PDF helper gone (%s); rendering here", exc)
            self.close()
        return pdf_from_html(html)  # an error the helper met is raised here, as without it

    def close(self) -> None:
        """End the helper at once: it holds nothing worth waiting for (a build that failed
        must not wait for an import it no longer needs)."""
        conn, process, self._conn, self._process = self._conn, self._process, None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.terminate()
            process.join()

    def __enter__(self) -> PdfHelper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(conn: Connection, parents_end: Connection, parent: int | None = None) -> None:
    """The helper: import WeasyPrint at once, then turn each HTML received into PDF bytes
    until the parent goes away (end of file) or ends it."""
    # killed with the parent even when a copy of the parent's end lives on in the build's
    # forked workers (no end of file then), and never holding the parent's run lock
    child_started(parent)
    parents_end.close()  # so the parent's exit, even a crash, ends the wait below
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # The import is work done ahead on a guess: on spare CPU only, never slowing a big
    # build's workers (the PDF is rendered when they are done, the parent waiting)
    try:
        os.nice(10)
    except OSError:
        pass
    try:
        import weasyprint  # noqa: F401 - the point of the helper: import while the parent builds
    except Exception:  # noqa: BLE001 - reported when a PDF is asked for, by rendering in the parent
        pass
    from .render import pdf_from_html

    while True:
        try:
            html = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, pdf_from_html(html))
        except Exception as exc:  # noqa: BLE001 - the parent renders again and raises it
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):  # the parent is gone, or the reply cannot be sent: it renders itself
            return
