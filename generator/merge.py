"""Three-way merge of an editor's front matter with new machine output.

    merge_briefing(old_machine, on_disk, new_machine) -> MergeResult
    merge_body(old_body, disk_body, new_body) -> (body, conflicts)

Three versions of one briefing's front matter meet here:

- ``old_machine`` (*base*): what the generator wrote last time (``content/.machine/...``);
- ``on_disk`` (*editor*): the briefing as editors left it;
- ``new_machine`` (*machine*): what the generator produces now.

The rule, applied per field, per list entry and per key inside an entry:

- the editor never touched it (editor == base)  -> the machine's new value;
- only the editor changed it (machine == base)  -> the editor's value;
- both changed it to the same thing              -> that value;
- both changed it differently                    -> the editor's value, and a ``Conflict``.

"Changed" includes added and deleted: a deleted field or entry stays deleted, an added one
stays. Lists of entries are matched entry by entry (see ``ENTRY_KEYS``): actors by name and
aliases, claims / figures / timeline / periods by ``text``, topic_evidence by ``topic``; lists
of plain values (``topics``, ``aliases``, ``terms``) merge like sets. ``generator`` always
takes the machine's value. Pure and deterministic: no I/O, inputs are never modified.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Optional

MACHINE_OWNED = frozenset({"generator"})


@dataclass
class Conflict:
    """The machine changed ``field`` where the editor had changed it too; the editor's value was kept.

    ``editor`` / ``machine`` are ``None`` when that side deleted the field or entry.
    """

    field: str
    editor: object
    machine: object

    def __str__(self) -> str:
        return f"{self.field}: kept the editor's {_show(self.editor)}; the machine now has {_show(self.machine)}"


class BodyConflict(Conflict):
    """The article text changed where an editor had changed the body too: the editor's body was kept."""

    def __str__(self) -> str:
        return ("body: kept the editor's text; the article's text has changed too "
                "(compare the briefing with the article and copy what is new)")


@dataclass
class MergeResult:
    front_matter: dict
    conflicts: list[Conflict] = field(default_factory=list)


def merge_briefing(old_machine: dict | None, on_disk: dict | None, new_machine: dict) -> MergeResult:
    """Merge what editors changed in ``on_disk`` with ``new_machine`` (see the module docstring).

    With no ``on_disk`` the result is ``new_machine``. With no ``old_machine`` (no record of
    what the machine wrote) everything on disk counts as the editor's: it is all kept, values
    that differ from the new machine output are reported as conflicts, and only what the
    machine adds (new fields, new entries) comes in.
    """
    if on_disk is None:
        return MergeResult(_copy(new_machine), [])
    merger = _Merger()
    base = old_machine if old_machine is not None else {}
    merged = merger.mapping("", base, on_disk, new_machine, top=True)
    return MergeResult(_copy(merged), merger.conflicts)


_IMMUTABLE = (str, int, float, bool, type(None), dt.date)  # dt.datetime is a dt.date


def _copy(value):
    """``copy.deepcopy`` for front matter, several times faster: mappings and lists are
    copied, immutable scalars shared, anything else deep-copied. (Front matter holds no
    value twice: the loader refuses aliases.)"""
    kind = type(value)
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}
    if kind is list:
        return [_copy(v) for v in value]
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value)


def merge_body(old_body: str | None, disk_body: str | None, new_body: str) -> tuple[str, list[Conflict]]:
    """Three-way merge of the Markdown body, as a whole (the text is the article's; an editor
    who changes it owns it):

    - no briefing on disk, or the editor left the body as the machine wrote it -> the new body;
    - the machine's body did not change, or both are the same -> the editor's body;
    - both changed -> the editor's body and a ``BodyConflict``.

    With no machine record (``old_body`` None) the body on disk counts as the editor's.
    Bodies are compared without the blank lines around them (the writer puts one after the
    front matter and ends the file with a newline; an editor's tool may not)."""
    if disk_body is None:
        return new_body, []
    ours, theirs = _trim(disk_body), _trim(new_body)
    base = _trim(old_body) if old_body is not None else None
    if ours == base or ours == theirs:
        return new_body, []
    if theirs == base:
        return ours, []
    return ours, [BodyConflict("body", None, None)]


def _trim(body: str) -> str:
    return body.lstrip("\n").rstrip()


# --- identities: how entries of a list are matched across the three versions -------------

_MISSING = object()  # a key that is absent from a mapping


class _Id:
    """How one list entry is recognised: a primary key and the set of names it answers to."""

    __slots__ = ("primary", "names")

    def __init__(self, primary, names):
        self.primary = primary
        self.names = names


def _norm_text(value) -> str | None:
    return " ".join(value.split()).casefold() if isinstance(value, str) else None


def _actor_id(entry) -> _Id | None:
    if not isinstance(entry, dict):
        return None
    primary = _norm_text(entry.get("name"))
    names = {primary} if primary else set()
    aliases = entry.get("aliases")
    if isinstance(aliases, list):
        names.update(n for n in map(_norm_text, aliases) if n)
    return _Id(primary, frozenset(names)) if names else None


def _field_id(key: str) -> Callable[[object], Optional[_Id]]:
    def ident(entry) -> _Id | None:
        if not isinstance(entry, dict):
            return None
        primary = _norm_text(entry.get(key))
        return _Id(primary, frozenset((primary,))) if primary else None

    return ident


def _value_id(item) -> _Id | None:
    try:
        key = _norm(item)
        hash(key)
    except TypeError:
        return None
    return _Id(key, frozenset((key,)))


ENTRY_KEYS: dict[str, Callable[[object], Optional[_Id]]] = {
    "actors": _actor_id,
    "claims": _field_id("text"),
    "figures": _field_id("text"),
    "timeline": _field_id("text"),
    "periods": _field_id("text"),
    "topic_evidence": _field_id("topic"),
}
_LABEL_KEYS = {"actors": "name", "topic_evidence": "topic"}  # others: "text"


def _match(a: list, b: list, ident) -> dict[int, int]:
    """One-to-one pairs (index in a -> index in b), deterministic.

    First entries with the same primary key, n-th occurrence with n-th occurrence; then, for
    what is left, entries whose name sets intersect (largest overlap, then earliest).
    """
    ids_a = [ident(x) for x in a]
    ids_b = [ident(x) for x in b]
    by_primary: dict[object, list[int]] = {}
    for j, i_b in enumerate(ids_b):
        if i_b is not None and i_b.primary is not None:
            by_primary.setdefault(i_b.primary, []).append(j)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, i_a in enumerate(ids_a):
        if i_a is None or i_a.primary is None:
            continue
        queue = by_primary.get(i_a.primary)
        if queue:
            j = queue.pop(0)
            pairs[i] = j
            used.add(j)
    left_a = [i for i, x in enumerate(ids_a) if x is not None and i not in pairs and len(x.names) > 0]
    if not left_a:
        return pairs
    by_name: dict[object, list[int]] = {}
    for j, i_b in enumerate(ids_b):
        if i_b is not None and j not in used:
            for name in i_b.names:
                by_name.setdefault(name, []).append(j)
    for i in left_a:
        overlap: dict[int, int] = {}
        for name in ids_a[i].names:
            for j in by_name.get(name, ()):
                if j not in used:
                    overlap[j] = overlap.get(j, 0) + 1
        if overlap:
            j = min(overlap, key=lambda k: (-overlap[k], k))
            pairs[i] = j
            used.add(j)
    return pairs


# --- values ---------------------------------------------------------------------------------


def _norm(value):
    """A comparable form: dates as ISO text (an editor may unquote a timeline date)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def _same(a, b) -> bool:
    if a is b:
        return True
    if a is _MISSING or b is _MISSING:
        return False
    try:
        if a == b and type(a) is type(b):
            return True
    except Exception:  # pragma: no cover - exotic values from YAML never get here
        pass
    return _norm(a) == _norm(b) and _kind(a) == _kind(b)


def _kind(value) -> str:
    """Coarse type for equality: true/1 and "1"/1 are different edits, 1 and 1.0 are not."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime, str)):
        return "text"
    return type(value).__name__


def _is_scalar(value) -> bool:
    return not isinstance(value, (dict, list))


def _show(value) -> str:
    if value is None or value is _MISSING:
        return "nothing (deleted)"
    if isinstance(value, dict):
        label = value.get("name") or value.get("text") or value.get("topic")
        return f"an entry ({label!r})" if label else "an entry"
    return repr(_norm(value))


def _public(value):
    return None if value is _MISSING else value


# --- the merge ------------------------------------------------------------------------------


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []

    def conflict(self, path: str, editor, machine) -> None:
        self.conflicts.append(Conflict(path, _public(editor), _public(machine)))

    def value(self, path: str, base, ours, theirs, ident=None):
        """Three-way merge of one value; ``_MISSING`` stands for an absent key."""
        if _same(ours, base):
            return theirs
        if _same(theirs, base) or _same(ours, theirs):
            return ours
        # Both sides changed it, differently: look inside containers before calling it a conflict.
        if isinstance(ours, dict) and isinstance(theirs, dict) and (base is _MISSING or isinstance(base, dict)):
            return self.mapping(path, base, ours, theirs)
        if isinstance(ours, list) and isinstance(theirs, list) and (base is _MISSING or isinstance(base, list)):
            items = ours + theirs + ([] if base is _MISSING else base)
            if ident is None and all(_is_scalar(x) for x in items):
                ident = _value_id
            if ident is not None:
                return self.sequence(path, [] if base is _MISSING else base, ours, theirs, ident)
        self.conflict(path, ours, theirs)
        return ours

    def mapping(self, path: str, base, ours: dict, theirs: dict, top: bool = False) -> dict:
        """Per-key merge; keys in the machine's order, editor-only keys after their predecessor."""
        base = {} if base is _MISSING else base
        out: dict = {}
        for key in _key_order(ours, theirs):
            sub = f"{path}.{key}" if path else str(key)
            t = theirs.get(key, _MISSING)
            if top and key in MACHINE_OWNED:
                result = t
            else:
                ident = ENTRY_KEYS.get(key) if top else None
                result = self.value(sub, base.get(key, _MISSING), ours.get(key, _MISSING), t, ident)
            if result is not _MISSING:
                out[key] = result
        return out

    def sequence(self, path: str, base: list, ours: list, theirs: list, ident) -> list:
        """Merge a list entry by entry (see module docstring for the rules and the order)."""
        label_key = _LABEL_KEYS.get(path, "text")
        b_o = _match(base, ours, ident)
        b_t = _match(base, theirs, ident)
        o_base = {o: b for b, o in b_o.items()}
        t_base = {t: b for b, t in b_t.items()}
        ours_added = [o for o in range(len(ours)) if o not in o_base]
        theirs_added = [t for t in range(len(theirs)) if t not in t_base]
        pairs = _match([ours[o] for o in ours_added], [theirs[t] for t in theirs_added], ident)
        added_pair = {ours_added[i]: theirs_added[j] for i, j in pairs.items()}
        paired_theirs = set(added_pair.values())

        def where(*entries) -> str:
            for e in entries:
                if isinstance(e, dict) and isinstance(e.get(label_key), str):
                    return f"{path}[{e[label_key]}]"
            for e in entries:
                if _is_scalar(e):
                    return f"{path}[{_norm(e)}]"
            return path

        merged: dict[tuple[str, int], object] = {}  # slot -> entry; ("o", i) has an editor entry, ("t", j) is machine-only
        for b, entry in enumerate(base):
            o, t = b_o.get(b), b_t.get(b)
            if o is not None and t is not None:
                merged[("o", o)] = self.entry(where(ours[o], theirs[t]), entry, ours[o], theirs[t])
            elif o is not None:  # the machine no longer produces it
                if not _same(ours[o], entry):  # ...but the editor edited it: keep it, say so
                    merged[("o", o)] = ours[o]
                    self.conflict(where(ours[o]), ours[o], _MISSING)
            elif t is not None:  # the editor deleted it: it stays deleted
                if not _same(theirs[t], entry):
                    self.conflict(where(theirs[t]), _MISSING, theirs[t])
        for o in ours_added:
            t = added_pair.get(o)
            merged[("o", o)] = ours[o] if t is None else self.entry(where(ours[o]), _MISSING, ours[o], theirs[t])
        for t in theirs_added:
            if t not in paired_theirs:
                merged[("t", t)] = theirs[t]

        kept_base = [o_base[o] for o in range(len(ours)) if o in o_base]
        reordered = any(x > y for x, y in zip(kept_base, kept_base[1:]))
        if reordered:  # the editor's order, machine-new entries at the end
            order = [("o", o) for o in range(len(ours)) if ("o", o) in merged]
            order += [("t", t) for t in range(len(theirs)) if ("t", t) in merged]
        else:  # the machine's order, editor-only entries after their predecessor
            ours_of_t = {t: o for o, t in added_pair.items()}
            ours_of_t.update({t: b_o[b] for t, b in t_base.items() if b in b_o})
            order = []
            for t in range(len(theirs)):
                slot = ("o", ours_of_t[t]) if t in ours_of_t else ("t", t)
                if slot in merged:
                    order.append(slot)
            placed = set(order)
            for o in range(len(ours)):
                slot = ("o", o)
                if slot in merged and slot not in placed:
                    pos = 0
                    for p in range(o - 1, -1, -1):
                        if ("o", p) in placed:
                            pos = order.index(("o", p)) + 1
                            break
                    order.insert(pos, slot)
                    placed.add(slot)
        return [merged[slot] for slot in order]

    def entry(self, path: str, base, ours, theirs):
        if isinstance(ours, dict) and isinstance(theirs, dict) and (base is _MISSING or isinstance(base, dict)):
            if _same(ours, base):
                return theirs
            if _same(theirs, base) or _same(ours, theirs):
                return ours
            return self.mapping(path, base, ours, theirs)
        return self.value(path, base, ours, theirs)


def _key_order(ours: dict, theirs: dict) -> list:
    """The machine's key order, with keys only the editor has placed after their predecessor."""
    order = list(theirs)
    placed = set(order)
    previous = None
    for key in ours:
        if key not in placed:
            pos = order.index(previous) + 1 if previous is not None else 0
            order.insert(pos, key)
            placed.add(key)
        previous = key
    return order
