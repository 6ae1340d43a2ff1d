"""A briefing as the site reads it: its front matter from the site data the generator wrote
beside it while that still matches the file (JSON, ~10x cheaper than YAML), else from the file
itself; topics outside the taxonomy reported and left out. No MkDocs here."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from pydantic import ValidationError

from generator.errors import FrontMatterError
from generator.model import Briefing
from generator.store import parse_front_matter, read_briefing_for_site, site_data_path
from generator.taxonomy import topic_ids, unknown_topic_message
from generator.writer import split_front_matter

log = logging.getLogger("mkdocs.plugins.briefings")


def front_matter_for_site(path: Path, site_data: Path) -> tuple[dict | None, bool]:
    """(a briefing's front matter in JSON form, or None when anything about it is invalid;
    whether it came from the site data)."""
    try:
        text, front_matter_json = read_briefing_for_site(path, site_data)
        if front_matter_json is not None:
            try:
                return json.loads(front_matter_json), True
            except ValueError:
                pass  # damaged site data: read the briefing itself
        return Briefing.model_validate(parse_front_matter(text, path)).model_dump(mode="json", by_alias=True), False
    except (OSError, UnicodeDecodeError, FrontMatterError, ValidationError):
        return None, False


def drop_unknown_topics(data: dict, display: str) -> None:
    """A topic outside the taxonomy is reported (one line, at error level: it shows in a
    ``--quiet`` build, and a strict build fails at its end) and left out of every page and
    folder: a topic names a folder, and only taxonomy ids are known safe."""
    topics = data.get("topics") or []
    known = [t for t in topics if t in topic_ids()]
    for topic in topics:
        if topic not in known:
            log.error("%s: topics: %s; left out of the site (run `briefings check`)",
                        display, unknown_topic_message(topic))
    data["topics"] = known


def load_briefing(path: Path, content_dir: Path) -> tuple[Briefing, str]:
    """A briefing (from its site data when that matches the file) and its Markdown body."""
    text, front_matter_json = read_briefing_for_site(path, site_data_path(content_dir, path.relative_to(content_dir)))
    if front_matter_json is not None:
        try:
            return Briefing.model_validate_json(front_matter_json), split_front_matter(text)[1]
        except ValidationError:
            pass
    return Briefing.model_validate(parse_front_matter(text, path)), split_front_matter(text)[1]
