"""jinan-targets: track a city's annual plan targets against what actually happened.

The core is importable without typer or rich::

    from jinan_targets import load_workspace, build_scorecard
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "assess", "build_scorecard", "load_workspace"]

if TYPE_CHECKING:
    from .assess import assess
    from .scorecard import build_scorecard
    from .store import load_workspace


def __getattr__(name: str) -> Any:
    # Lazy, so `import jinan_targets` (and `jt --help`) stays cheap.
    if name == "load_workspace":
        from .store import load_workspace

        return load_workspace
    if name == "build_scorecard":
        from .scorecard import build_scorecard

        return build_scorecard
    if name == "assess":
        from .assess import assess

        return assess
    raise AttributeError(name)
