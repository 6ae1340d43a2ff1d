"""Three-way merge of an editor's front matter with new machine output (interim version).

merge_briefing(old_machine, on_disk, new_machine) -> MergeResult
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Conflict:
    field: str
    editor: object
    machine: object


@dataclass
class MergeResult:
    front_matter: dict
    conflicts: list[Conflict] = field(default_factory=list)


def merge_briefing(old_machine: dict | None, on_disk: dict | None, new_machine: dict) -> MergeResult:
    if on_disk is None or old_machine is None or on_disk == old_machine:
        return MergeResult(new_machine)
    return MergeResult(on_disk, [Conflict("*", "edited", "kept whole")])
