"""brief: turn a day's pile of news articles into a cited briefing organised by theme.

Library use::

    from brief import build, write_outputs
    briefing = build(["articles/"], title="Morning briefing")
    write_outputs(briefing, "out", ["json", "html", "pdf"])
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = [
    "build", "write_outputs", "load_themes", "SelectOptions", "IngestOptions", "FetchOptions", "Scope",
    "Window", "resolve_window", "__version__",
]
_LAZY = {
    "build": "pipeline", "Scope": "pipeline", "write_outputs": "deliver", "load_themes": "themes",
    "SelectOptions": "select", "IngestOptions": "ingest", "FetchOptions": "fetch",
    "Window": "dates", "resolve_window": "dates",
}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):  # noqa: ANN202 - lazy re-exports keep `brief --help` fast
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
