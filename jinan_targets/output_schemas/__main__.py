"""List the shipped output schemas, or print one: ``python -m jinan_targets.output_schemas``."""

from __future__ import annotations

import json
import sys

from . import PREFIX, file_name, names, schema_for


def main(argv: list[str]) -> int:
    if not argv:
        for name in names():
            print(f"{name}\t{file_name(name)}\t{schema_for(name).get('description', '')}")
        return 0
    name = argv[0] if argv[0].startswith(PREFIX) else PREFIX + argv[0]
    try:
        print(json.dumps(schema_for(name), ensure_ascii=False, indent=2))
    except KeyError:
        sys.stderr.write(f"no output schema named {name}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
