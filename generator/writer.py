"""The writer: (path, front matter, body) -> file. Dumb and defensive.

Deterministic YAML (the model's key order, no timestamps), atomic replace (temp file in the
same folder + ``os.replace``), and a file is only touched when its bytes change. Only this
module, the readers, the CLI and the MkDocs plugin touch the file system.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml

from generator.errors import WriterError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: ~5x faster, same bytes
    """Block style everywhere; long strings as plain/quoted scalars, never re-wrapped."""


def _str_presenter(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_presenter)


def dump_front_matter(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2**31 - 1)


def render_briefing(front_matter: dict, body: str) -> str:
    return f"---\n{dump_front_matter(front_matter)}---\n\n{body.rstrip()}\n"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(YAML text or None, body) of a Markdown file."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None, text
    return m.group(1) or "", text[m.end():]


def atomic_write(path: Path, content: str, durable: bool = True) -> bool:
    """Replace ``path`` with ``content`` atomically; False when the bytes were already there.
    ``durable=False`` skips the fsync, for files that are only a cache of another one."""
    data = content.encode("utf-8")
    try:
        if path.exists() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise WriterError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise WriterError(f"{path}: cannot write: {err.strerror or err}") from None
    return True


def slugify(text: str, max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "briefing"


def markdown_body(paragraphs) -> str:
    """The article text as Markdown: crossheads as headings, text escaped so it renders as written."""
    out = []
    for p in paragraphs:
        text = _escape(p.text)
        out.append(f"### {text}" if p.heading else text)
    return "\n\n".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(#|[-+=]|\d+[.)])(?=\s|$)")


def _escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)
