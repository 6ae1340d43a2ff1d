"""Front matter YAML, loaded with bounds: what an editor (or an attacker) types cannot make a
load take unbounded time or memory, and cannot make a value silently disappear.

    load(text) -> data          # node tree not needed
    compose_and_load(text) -> (node, data)   # for ``briefings check``: lines of every field

Rules (docs/editors.md, "What front matter may contain"):

- **No aliases** (``*name``, and so no ``<<: *name`` merges). A briefing never needs them; a
  few lines of nested aliases expand to billions of values (the "billion laughs" bomb).
  Anchors alone (``&name``) are harmless and ignored.
- **No duplicate keys**: YAML keeps the last of two equal keys silently; an editor's earlier
  value would be lost without a word.
- **At most MAX_CHARS characters, and flow collections (``[…]``, ``{…}``) nested at most
  MAX_DEPTH deep.** libyaml's composer recurses per level and crashes the interpreter at
  ~10^5 levels of ``[[[…``; block nesting needs a deeper indent per level, so within
  MAX_CHARS it stays below ~1,400 levels, which the composer survives.

Every refusal is an ``UnsafeYAMLError``, a ``yaml.MarkedYAMLError`` (so callers that
report YAML errors with their line report these the same way) with ``field`` set for a
duplicate key. The normal path keeps libyaml's speed: the C parser composes the nodes,
the checks ride on the constructor, and the exact nesting pass runs only for a document
with enough brackets to nest deeper than the bound.
"""
from __future__ import annotations

import yaml

MAX_CHARS = 1_000_000  # a long briefing's front matter is ~30,000
MAX_DEPTH = 64  # a briefing nests 3 levels (actors -> actor -> aliases)

ALIAS_PROBLEM = "aliases (*name) are not allowed in front matter: write the value out"

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~10x faster
COMPOSER = _BASE  # node trees only (``yaml.compose``): nothing is expanded, so aliases cost nothing
_PARSER = getattr(getattr(yaml, "_yaml", None), "CParser", None)


class UnsafeYAMLError(yaml.MarkedYAMLError):
    """Front matter refused by a bound or rule above; ``field`` names a duplicated key."""

    def __init__(self, problem: str, mark=None, field: str | None = None):
        super().__init__(problem=problem, problem_mark=mark)
        self.field = field


class _Loader(_BASE):
    """The safe loader with aliases and duplicate keys refused while constructing."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            # The composer hands an alias over as the anchored node itself: meeting a node
            # a second time is the only trace an alias leaves.
            raise UnsafeYAMLError(f"this value is reused by an alias: {ALIAS_PROBLEM}", node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise UnsafeYAMLError("field appears twice (only the last one counts)",
                                              key_node.start_mark, field=str(key_node.value))
                    seen.add(key)
        return super().construct_mapping(node, deep)


def _check_size_and_depth(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise UnsafeYAMLError(f"front matter is {len(text):,} characters, more than the limit of {MAX_CHARS:,}")
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot nest flow collections deeper: the exact pass is not needed
    flows: list[bool] = []  # per open collection: is it a flow one
    depth = 0
    parser = (_PARSER or yaml.SafeLoader)(text)  # events only: the C parser keeps its own stack
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                flows.append(bool(event.flow_style))
                depth += flows[-1]
                if depth > MAX_DEPTH:
                    raise UnsafeYAMLError(f"[ ] and {{ }} nested deeper than {MAX_DEPTH} levels", event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= flows.pop()
            elif isinstance(event, yaml.AliasEvent):
                raise UnsafeYAMLError(ALIAS_PROBLEM, event.start_mark)
    finally:
        parser.dispose()


def compose_and_load(text: str):
    """(node tree, data) of one YAML document, from one parse; ``UnsafeYAMLError`` when a rule
    above refuses it, any other ``yaml.YAMLError`` when it is no YAML."""
    _check_size_and_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def load(text: str):
    """The data of one YAML document, with the bounds above."""
    return compose_and_load(text)[1]
