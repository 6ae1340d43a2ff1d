"""``briefings check``: validate briefings on disk against the model, one line per problem.

    check_briefing(path, display) -> [FrontMatterError]   # one file
    check_tree(root) -> [FrontMatterError]                 # every root/briefings/**/*.md

Each problem reads ``path:line: field: message``, e.g.
``content/briefings/2021/12/biden-zelensky.md:14: actors[2].type: 'persn' is not one of person, org, place, group``.
The line is the one the field is written on (the YAML node's start, counted in the whole file,
so ``+1`` for the opening ``---``); indexes in ``actors[2]`` count from 0. Reads files, writes
nothing.
"""
from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import FrontMatterError
from generator.model import Briefing
from generator import safe_yaml
from generator.store import BRIEFINGS_DIR
from generator.taxonomy import topic_ids, unknown_topic_message
from generator.writer import split_front_matter

_FIRST_LINE = 2  # YAML line 0 is file line 2: the opening "---" is line 1


def check_tree(root: Path) -> list[FrontMatterError]:
    """Check every ``*.md`` under ``root/briefings`` (dot folders such as ``.machine`` skipped).

    Errors come sorted by file, then line. A missing ``briefings`` folder is no error: a new
    site has nothing to check before its first ``generate``.
    """
    folder = root / BRIEFINGS_DIR
    if not folder.is_dir():
        return []
    errors: list[FrontMatterError] = []
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        errors.extend(check_briefing(path, (root / BRIEFINGS_DIR / rel).as_posix()))
    return errors


def check_briefing(path: Path, display: str) -> list[FrontMatterError]:
    """Every problem in one briefing's front matter; ``display`` is the path shown to the user."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return [FrontMatterError(display, None, None, f"not UTF-8 text (byte {err.start}); save the file as UTF-8")]
    except OSError as err:
        return [FrontMatterError(display, None, None, f"cannot read: {err.strerror or err}")]
    yaml_text, _ = split_front_matter(text)
    if yaml_text is None:
        return [FrontMatterError(display, 1, None, "no front matter: the file must start with a '---' line, "
                                                   "then the fields, then another '---' line")]

    try:
        node, data = safe_yaml.compose_and_load(yaml_text)
    except safe_yaml.UnsafeYAMLError as err:
        if err.field is None:
            return [_yaml_error(display, err, yaml_text)]
        # A duplicated key: report every one (with its field path), as one check run should.
        return _duplicate_keys(display, yaml.compose(yaml_text, Loader=safe_yaml.COMPOSER), ())
    except yaml.YAMLError as err:
        return [_yaml_error(display, err, yaml_text)]
    except ValueError as err:  # a date-looking value that is no calendar date, e.g. 2021-13-45
        return [_bad_timestamp(display, yaml_text, err)]

    if data is None:
        return [FrontMatterError(display, 1, None, "front matter is empty")]
    if not isinstance(data, dict):
        return [FrontMatterError(display, _FIRST_LINE, None, "front matter must be fields ('name: value' lines)")]

    errors = []
    try:
        Briefing.model_validate(data)
    except ValidationError as err:
        for e in err.errors():
            loc = tuple(e["loc"])
            errors.append(FrontMatterError(display, _line_of(node, loc), _field_path(loc), _message(e, loc)))
    errors.extend(_unknown_topics(display, node, data.get("topics")))
    return sorted(errors, key=lambda e: (e.line or 0, str(e)))


def _unknown_topics(display: str, node, topics) -> list[FrontMatterError]:
    """A topic outside the taxonomy would name a folder of the site (``../../x`` one outside it)."""
    if not isinstance(topics, list):
        return []  # not a list: the model's own error says so
    return [FrontMatterError(display, _line_of(node, ("topics", i)), f"topics[{i}]", unknown_topic_message(t))
            for i, t in enumerate(topics) if isinstance(t, str) and t not in topic_ids()]


# --- YAML ----------------------------------------------------------------------------------


def _yaml_error(display: str, err: yaml.YAMLError, yaml_text: str) -> FrontMatterError:
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark = getattr(err, "problem_mark", None)
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context_mark is not None and (mark is None or mark.index >= len(yaml_text.rstrip())):
        mark = context_mark  # an unclosed quote or bracket runs to the end: point at where it opened
    if context:
        problem = f"{problem} ({context})"
    line = mark.line + _FIRST_LINE if mark is not None else None
    return FrontMatterError(display, line, None, f"invalid YAML: {problem}")


def _bad_timestamp(display: str, yaml_text: str, err: ValueError) -> FrontMatterError:
    node = yaml.compose(yaml_text, Loader=safe_yaml.COMPOSER)  # size and nesting checked; nothing expanded
    for loc, scalar in _scalars(node, ()):
        if scalar.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(scalar)
            except ValueError as bad:
                return FrontMatterError(display, scalar.start_mark.line + _FIRST_LINE, _field_path(loc) or None,
                                        f"{scalar.value!r} is not a real date ({bad})")
    return FrontMatterError(display, None, None, f"invalid value: {err}")


def _scalars(node, loc: tuple, visited: set | None = None):
    """(loc, scalar node) for every value in the tree, each node once (an alias is not
    followed again: a nested alias "bomb" would make the walk exponential)."""
    visited = set() if visited is None else visited
    if id(node) in visited:
        return
    visited.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        yield loc, node
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _scalars(item, loc + (i,), visited)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, loc + (key.value if isinstance(key, yaml.ScalarNode) else "?",), visited)


def _duplicate_keys(display: str, node, loc: tuple, visited: set | None = None) -> list[FrontMatterError]:
    """YAML silently keeps the last of two equal keys; an editor almost never means that.
    Every node is visited once (see ``_scalars``)."""
    errors: list[FrontMatterError] = []
    visited = set() if visited is None else visited
    if id(node) in visited:
        return errors
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    errors.append(FrontMatterError(display, key.start_mark.line + _FIRST_LINE,
                                                   _field_path(loc + (key.value,)),
                                                   "field appears twice (only the last one counts)"))
                seen.add(key.value)
                errors.extend(_duplicate_keys(display, value, loc + (key.value,), visited))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            errors.extend(_duplicate_keys(display, item, loc + (i,), visited))
    return errors


def _line_of(node, loc: tuple) -> int:
    """File line of the deepest node on ``loc`` (the key's line for a field; the parent's when missing)."""
    line = node.start_mark.line
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = None
            for key, value in reversed(node.value):  # the last of duplicate keys is the one loaded
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    found = (key, value)
                    break
            if found is None:
                break
            line, node = found[0].start_mark.line, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + _FIRST_LINE


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# --- messages ------------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list ('- item' lines)",
    "dict_type": "must be fields ('name: value' lines)",
    "model_type": "must be fields ('name: value' lines)",
    "model_attributes_type": "must be fields ('name: value' lines)",
    "date_type": "must be a date, YYYY-MM-DD",
    "date_parsing": "must be a date, YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date, YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date, YYYY-MM-DD (no time of day)",
}


def _message(error: dict, loc: tuple) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        names = _field_names(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6) if names else []
        return f"unknown field (typo? did you mean '{close[0]}'?)" if close else "unknown field (typo?)"
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{_shown(value)} is not one of {choices}"
    if kind in _TYPE_MESSAGES:
        return f"{_TYPE_MESSAGES[kind]}, not {_shown(value)}"
    if kind == "value_error":
        message = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
        return f"{message}, not {_shown(value)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"must be {words} {limit}, not {_shown(value)}"
    msg = str(error["msg"]).removeprefix("Value error, ").removeprefix("Input should be ")
    return msg[:1].lower() + msg[1:]


def _shown(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    return str(value)


def _field_names(loc: tuple) -> list[str]:
    """Field names (as written in YAML) of the model that ``loc`` points into."""
    model: object = Briefing
    for part in loc:
        model = _unwrap(model)
        if isinstance(part, int):
            args = typing.get_args(model)
            model = args[0] if typing.get_origin(model) is list and args else None
        elif isinstance(model, type) and issubclass(model, BaseModel):
            info = next((f for name, f in model.model_fields.items() if (f.alias or name) == part), None)
            model = info.annotation if info else None
        else:
            return []
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _unwrap(annotation):
    """Optional[X] -> X."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation
