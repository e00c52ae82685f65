"""The pydantic schema of a field carrying a :class:`model.Check` constraint.

The schema module names its constraints; this one turns them into pydantic's core schemas when
a file is validated. It depends on nothing of the package, so the schema needs no validator.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic_core import core_schema

if TYPE_CHECKING:
    from .model import Check

__all__ = ["check_schema"]


def check_schema(check: Check, source: Any, handler: Any) -> Any:
    """The pydantic schema of a field carrying a :class:`model.Check`."""
    schema: core_schema.CoreSchema
    if check.strict and source is datetime:
        schema = core_schema.datetime_schema(
            strict=True, tz_constraint="aware" if check.aware else None
        )
    elif check.strict and source is date:
        schema = core_schema.date_schema(strict=True)
    elif source is str and (check.pattern or check.min_length or check.max_length):
        schema = core_schema.str_schema(
            pattern=check.pattern, min_length=check.min_length, max_length=check.max_length
        )
    elif source is int and (check.ge is not None or check.le is not None):
        schema = core_schema.int_schema(ge=check.ge, le=check.le)
    else:
        schema = handler(source)
    if check.gt is not None or (check.ge is not None and source is not int):
        bound_gt, bound_ge = check.gt, check.ge

        def bounded(value: Any) -> Any:
            if bound_gt is not None and not value > bound_gt:
                raise ValueError(f"须大于{bound_gt} must be greater than {bound_gt}")
            if bound_ge is not None and not value >= bound_ge:
                raise ValueError(f"须不小于{bound_ge} must be at least {bound_ge}")
            return value

        schema = core_schema.no_info_after_validator_function(bounded, schema)
    if check.after is not None:
        schema = core_schema.no_info_after_validator_function(check.after, schema)
    return schema
