"""brief: turn a day's pile of news articles into a cited briefing organised by theme.

Library use::

    from brief import build, write_outputs
    briefing = build(["articles/"], title="Morning briefing")
    write_outputs(briefing, "out", ["json", "html", "pdf"])
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = ["build", "write_outputs", "load_themes", "SelectOptions", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):  # noqa: ANN202 - lazy re-exports keep `brief --help` fast
    if name == "build":
        from .pipeline import build

        return build
    if name == "write_outputs":
        from .deliver import write_outputs

        return write_outputs
    if name == "load_themes":
        from .themes import load_themes

        return load_themes
    if name == "SelectOptions":
        from .select import SelectOptions

        return SelectOptions
    raise AttributeError(name)
