"""Opening an input file safely: regular files only, bounded size, text decoded by its BOM.

Every reader gets its bytes from ``read_input`` so that a FIFO or device named on the command
line is refused without being opened for reading (it would block forever), an oversized file
is refused before it is read, and the size limit is the one the NLP pipeline is built with.
"""
from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from generator.errors import ReaderError

MAX_ARTICLE_CHARS = 2_000_000  # longest article text accepted; ``nlp.max_length`` is set to this
MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS  # no encoding the readers accept takes more than 4 bytes a character

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_regular(path: Path, shown: str, max_bytes: int | None = MAX_ARTICLE_BYTES) -> os.stat_result:
    """The file's stat when it is a regular file of at most ``max_bytes`` (None: any size, for a
    file of many articles, each bounded when it is parsed), else a ReaderError."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise ReaderError(shown, f"cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReaderError(shown, "not a regular file (a folder, FIFO, socket or device): refused")
    _check_size(info.st_size, max_bytes, shown)
    return info


def _check_size(size: int, max_bytes: int | None, shown: str) -> None:
    if max_bytes is not None and size > max_bytes:
        raise ReaderError(shown, f"article too large: {size:,} bytes (the limit is {MAX_ARTICLE_CHARS:,} characters)")


def read_input(path: Path, shown: str, max_bytes: int | None = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of a regular input file of at most ``max_bytes`` (see ``check_regular``).
    Opened non-blocking and checked again on the open descriptor, so a file swapped for a FIFO
    after the first check cannot hang the run."""
    check_regular(path, shown, max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise ReaderError(shown, f"cannot read: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(shown, "not a regular file (a folder, FIFO, socket or device): refused")
        _check_size(info.st_size, max_bytes, shown)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except OSError as err:
        raise ReaderError(shown, f"cannot read: {err.strerror or err}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:  # grew while being read
        raise ReaderError(shown, f"article too large: over {max_bytes:,} bytes "
                                 f"(the limit is {MAX_ARTICLE_CHARS:,} characters)")
    return data


def decode_text(data: bytes, shown: str) -> str:
    """Text of an input: a UTF-8 or UTF-16 byte-order mark is honoured; without one, UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            break
    else:
        if b"\x00" in data[:4096]:
            raise ReaderError(shown, "binary file, not a text article")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise ReaderError(shown, f"not {name} (byte 0x{data[err.start]:02x} at offset {err.start})", line) from None
    if "\x00" in text[:4096]:  # e.g. UTF-32, whose mark starts like UTF-16's
        raise ReaderError(shown, "binary file, not a text article")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ReaderError(shown, f"article too long: {len(text):,} characters (the limit is {MAX_ARTICLE_CHARS:,})")
    return text
