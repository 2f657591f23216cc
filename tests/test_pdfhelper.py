"""The PDF helper process: WeasyPrint imported while the build runs, the same PDF as
rendering in this process, and a silent fallback when the helper is gone."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from brief.pdfhelper import PdfHelper
from brief.pipeline import build
from brief.render import pdf_from_html, render_html
from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper forks; elsewhere PDFs render in-process")


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(build([EXAMPLES], date=date(2026, 11, 21), jobs=1))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_helper_renders_the_same_pdf_as_this_process_in_another_process(html):
    with PdfHelper() as helper:
        assert helper.running
        child = helper._process.pid
        assert child != os.getpid()
        pdf = helper(html)
        assert helper.running, "the helper stays up for the next PDF (a run may write one per day)"
    assert not helper.running and not _alive(child), "closing ends the helper process"
    assert pdf.startswith(b"%PDF")
    assert _text(pdf) == _text(pdf_from_html(html))


def test_a_dead_helper_costs_nothing_but_time(html):
    helper = PdfHelper()
    os.kill(helper._process.pid, signal.SIGKILL)
    helper._process.join()
    pdf = helper(html)  # rendered here instead
    assert _text(pdf) == _text(pdf_from_html(html))
    assert not helper.running
    helper.close()


def test_an_error_in_the_helper_is_raised_here_as_without_it(html, tmp_path, monkeypatch):
    """A renderer failure in the helper is met again here and raised as usual: the caller
    sees the same error as without a helper."""
    calls = tmp_path / "calls"

    def broken(html: str) -> bytes:
        with calls.open("a") as log:
            log.write(f"{os.getpid()}\n")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("brief.render.pdf_from_html", broken)
    with PdfHelper() as helper:  # forked after the patch: the helper has it too
        with pytest.raises(RuntimeError, match="renderer crashed"):
            helper(html)
        child = helper._process.pid if helper._process is not None else None
    pids = calls.read_text().split()
    assert len(pids) == 2 and pids[1] == str(os.getpid()) and pids[0] != pids[1], (pids, child)


def test_cli_pdf_build_leaves_no_process_behind(tmp_path):
    """`brief build --format pdf` waits for its helper: when the command returns, only
    the PDF is left, and no child process."""
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", "import sys, multiprocessing as m; from brief.cli import main\n"
         "try:\n    main()\nexcept SystemExit as e:\n    print(len(m.active_children()), file=sys.stderr); raise\n",
         "build", str(EXAMPLES), "-f", "pdf", "-o", str(out), "--date", "2026-11-21", "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "0"
    assert [p.name for p in out.iterdir()] == ["briefing-2026-11-21.pdf"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
