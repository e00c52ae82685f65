"""The schema reference's examples are real: together they make a plan `jt check` accepts."""

from __future__ import annotations

import re
from pathlib import Path

from jinan_targets.store import load_workspace

from .conftest import REPO


def test_every_comparator_example_loads(plans: Path) -> None:
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    examples = block.group(1)
    comparators = set(re.findall(r'comparator = "(\w+)"', examples))
    assert comparators == {"at_least", "reach", "about", "at_most", "range", "in_step", "above",
                           "qualitative"}  # fmt: skip
    (plans / "jinan" / "2031.toml").write_text(
        '[plan]\njurisdiction = "jinan"\nyear = 2031\ntitle = "示例"\nsource = "x.txt"\n\n'
        + examples,
        encoding="utf-8",
    )
    ws = load_workspace(plans)
    assert [p.format() for p in ws.problems] == []
    plan = ws.plan("jinan", 2031)
    assert plan is not None and len(plan.target) == 8
