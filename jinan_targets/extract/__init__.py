"""Draft records from the documents figures come in: plan targets from a 计划 or 政府工作报告,
outcome records from a 统计公报, a press release or a plan's review section.

The work is split by idea: :mod:`.document` flattens a text (line breaks, full-width forms,
markup) while keeping every character's offset in the original; :mod:`.sections` tells the
review of the past year from the plan for the next; :mod:`.figures` finds the numbers that are
quantities and :mod:`.phrases` reads what is said about them (以上, 左右, 1—2条, 分别, 均), with
:mod:`.describing` telling a figure that only describes (20亿元以上项目); :mod:`.naming`
matches what a figure measures to the catalog or proposes a new indicator; :mod:`.targets` and
:mod:`.reported` turn figures into draft targets and draft outcomes; :mod:`.drafts` writes them
out (:mod:`.plandraft` holds what a plan draft is); :mod:`.evaluation` and :mod:`.corpus` score
drafts against curated records and gold lists. Pure functions over text, no I/O.
"""
