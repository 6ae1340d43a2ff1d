"""The writer: (path, front matter, body) -> file. Dumb and defensive.

Deterministic YAML (the model's key order, no timestamps), atomic replace (temp file in the
same folder + ``os.replace``), and a file is only touched when its bytes change. Only this
module, the readers, the CLI and the MkDocs plugin touch the file system.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml
from anyascii import anyascii

from generator.errors import WriterError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: ~5x faster, same bytes
    """Block style everywhere; long strings as plain/quoted scalars, never re-wrapped; a value
    met twice is written out twice, never as an alias (the loader refuses aliases)."""

    def ignore_aliases(self, data) -> bool:
        return True

    def represent_data(self, data):
        # Front matter is strings, dicts and lists, with a few numbers, booleans and dates:
        # build those three nodes directly, as the safe representer would (block style, no
        # aliases), and leave every other type to it. About half the dumping time.
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode(_STR, data)
        if kind is dict:
            return yaml.MappingNode(_MAP, [(self.represent_data(k), self.represent_data(v)) for k, v in data.items()],
                                    flow_style=False)
        if kind is list:
            return yaml.SequenceNode(_SEQ, [self.represent_data(v) for v in data], flow_style=False)
        return super().represent_data(data)


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


def slugify(text: str, max_length: int = 60, fallback: str = "briefing") -> str:
    """A URL- and file-safe slug: lowercase ASCII words joined by "-". Any script is
    transliterated (anyascii: 北京 -> beijing, Zoë -> zoe); text with nothing to transliterate
    (symbols only) gets ``fallback`` and a short hash of the text, so it stays distinct and
    stable. Distinct names may still meet (Zoé, Zoë): callers that need unique slugs resolve
    that (the store by a suffix, the site by ``corpus.assign_actor_slugs``)."""
    words = re.findall(r"[a-z0-9]+", anyascii(unicodedata.normalize("NFC", text)).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if slug:
        return slug
    return f"{fallback}-{short_hash(text)}" if text.strip() else fallback


def short_hash(text: str) -> str:
    """Six hex digits of the text's sha1: a stable, readable disambiguator for slugs."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def markdown_body(paragraphs) -> str:
    """The article text as Markdown: crossheads as headings, text escaped so it renders as
    written and nothing in it becomes markup (see ``_escape``)."""
    out = []
    for p in paragraphs:
        text = _escape(p.text)
        if text:
            out.append(f"### {text}" if p.heading else text)
    return "\n\n".join(out)


# Characters Python-Markdown (with the extensions the site enables) reads as syntax anywhere in
# a line: emphasis and code (* _ `), links, images and reference links ([ ]: without them "(",
# ")" and "!" are plain text), attribute lists and header ids ({: ...}, {#id}), heading marks
# (#), blockquotes (>) and the backslash itself. Escaped, each renders as itself; the rest of
# the text stays as readable as the article. "<" (raw HTML, autolinks) has no Markdown escape:
# it becomes the entity, which renders as "<" and never opens a tag.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]>{}#])")
# At the start of a paragraph: a list item ("- ", "+ ", "12. ").
_LIST_START = re.compile(r"\A([-+])(?=\s|\Z)|\A(\d+)\.(?=\s|\Z)")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&lt;" in an article shows as written, not as "<"
_NEWLINES = re.compile(r"\s*\n\s*")


def _escape(text: str) -> str:
    # A paragraph is one line: a newline inside it could start a heading, a list or a setext
    # underline on the next line. Markdown renders a newline in a paragraph as a space anyway.
    text = _NEWLINES.sub(" ", text.strip())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\.", text)
