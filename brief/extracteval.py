"""How well brief reads real pages: the text each page must keep (its body) and must not
keep (chrome: share prompts, newsletter boxes, comments), checked against the sentences
brief considers after ingest, clean and segment, and the sentences left with a hole
where words were dropped. What `brief eval extract` measures.

The snippets file is trafilatura's evaluation format: `{key: {"file", "with": [...],
"without": [...]}}` (snippets are compared ignoring case, punctuation and spacing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

_NOT_WORD = re.compile(r"\W+")


def _squash(text: str) -> str:
    return _NOT_WORD.sub(" ", text).lower().strip()


@dataclass
class ExtractReport:
    """Counts over all pages, and what was missed, leaked or holed, page by page."""

    pages: int = 0
    kept: int = 0
    must_keep: int = 0
    leaked: int = 0
    must_not_keep: int = 0
    sentences: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    leaks: list[tuple[str, str]] = field(default_factory=list)
    holes: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def load_snippets(path: str | Path) -> list[dict]:
    """The snippet rows of `path`; `InputError` when it is not that format."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(name, f"cannot read the snippets file ({exc})") from None
    rows = list(data.values()) if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "file" in r for r in rows):
        raise InputError(name, 'not a snippets file (expected {key: {"file", "with", "without"}})')
    return rows


def score_pages(pages: str | Path, rows: Iterable[dict]) -> ExtractReport:
    """Read each row's page from the folder `pages` as a briefing would, and count."""
    from .clean import clean
    from .ingest import read_inputs
    from .segment import segment
    from .select.standalone import unfit_reason

    report = ExtractReport()
    for row in rows:
        path = Path(pages) / str(row["file"])
        raws, warnings = read_inputs([str(path)])
        report.pages += 1
        texts = [s.text for raw in raws for s in segment(clean(raw))]
        if not raws:
            report.unreadable.append(f"{row['file']}: {'; '.join(warnings) or 'no article'}")
        report.sentences += len(texts)
        body = _squash(" ".join(texts))
        for snippet in row.get("with", []):
            report.must_keep += 1
            if _squash(snippet) in body:  # snippets may start or end inside a word
                report.kept += 1
            else:
                report.missed.append((str(row["file"]), snippet))
        for snippet in row.get("without", []):
            report.must_not_keep += 1
            if _squash(snippet) and _squash(snippet) in body:
                report.leaked += 1
                report.leaks.append((str(row["file"]), snippet))
        report.holes += [(str(row["file"]), t) for t in texts if unfit_reason(t) == "a hole where words were dropped"]
    return report


def report_lines(report: ExtractReport) -> list[str]:
    """The table `brief eval extract` prints; its last line is machine-readable."""
    lines = [
        f"pages {report.pages}, sentences {report.sentences}",
        f"must keep      {report.kept:4} of {report.must_keep:4} kept",
        f"must not keep  {report.leaked:4} of {report.must_not_keep:4} leaked",
        f"sentences with a hole: {len(report.holes)}",
    ]
    for title, items in (("missed", report.missed), ("leaked", report.leaks), ("hole", report.holes)):
        lines += [f"  {title}: {name}: {text[:120]!r}" for name, text in items]
    lines += [f"  unreadable: {line}" for line in report.unreadable]
    lines.append(f"extract kept={report.kept}/{report.must_keep} leaked={report.leaked}/{report.must_not_keep} "
                 f"holes={len(report.holes)}")
    return lines
