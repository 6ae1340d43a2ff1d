"""The typed briefing: field names are the front-matter keys (see docs/briefing-format.md).

Data flows one way: readers produce a ``RawArticle``, extractors fill a spaCy ``Doc``,
``Briefing.from_doc`` turns the Doc into this model, the writer serialises it. Nothing
here does I/O.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

ActorType = Literal["person", "org", "place", "group"]
ClaimKind = Literal["quote", "attribution"]
ClaimStance = Literal["asserted", "denied", "disputed"]

_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _Strict(BaseModel):
    # Unknown keys are an editor's typo more often than a new feature: reject them so
    # `briefings check` can name them.
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    path: str = Field(description="Input file, relative to the input root; never absolute.")
    sha256: str = Field(description="Of the input bytes: regeneration skips unchanged input.")
    outlet: Optional[str] = Field(default=None, description="Publisher named by the article.")
    url: Optional[str] = Field(default=None, description="Address of the original article.")
    authors: list[str] = Field(default_factory=list, description="Byline: the article's authors.")

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str) -> str:
        if value.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", value):
            raise ValueError("must be relative to the input root, not absolute")
        return value


class Actor(_Strict):
    name: str = Field(description="Canonical (fullest) name.")
    type: ActorType
    role: Optional[str] = Field(default=None, description="Title or role the article gives.")
    aliases: list[str] = Field(default_factory=list, description="Verbatim surface forms.")
    mentions: int = Field(default=1, ge=0)
    key: bool = Field(default=False, description="One of the few actors the story is about.")


class Claim(_Strict):
    speaker: Optional[str] = Field(default=None, description="Actor name, description, or null.")
    text: str = Field(description="Exact span of the article.")
    kind: ClaimKind
    cue: Optional[str] = Field(default=None, description="Reporting verb or phrase as written.")
    via: Optional[str] = Field(default=None, description="Outlet the claim was relayed through.")
    stance: ClaimStance = Field(default="asserted", description="Whether the speaker asserts, denies or disputes `text`.")
    speaker_actor: Optional[str] = Field(default=None, description="Canonical actor name a described speaker belongs to.")


class Figure(_Strict):
    text: str = Field(description="Verbatim span, qualifier included.")
    value: float = Field(description="The number (low end for a range).")
    value_to: Optional[float] = Field(default=None, description="High end of a range.")
    unit: Optional[str] = Field(default=None, description="Currency or measurement unit.")
    counts: Optional[str] = Field(default=None, description="What the number counts.")
    qualifier: Optional[str] = Field(default=None, description="about, more than, estimated, …")

    @field_validator("value", "value_to")
    @classmethod
    def _finite(cls, value: Optional[float]) -> Optional[float]:
        if value is not None and value != value:  # NaN
            raise ValueError("must be a number")
        return value


class TimelineEvent(_Strict):
    text: str = Field(description="Verbatim date expression.")
    date: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY.")
    event: Optional[str] = Field(default=None, description="Short clause of what happened then.")

    @field_validator("date", mode="before")
    @classmethod
    def _calendar(cls, value: object) -> str:
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()[:10]
        value = str(value)
        if not _DATE_VALUE.match(value):
            raise ValueError("must be YYYY-MM-DD, YYYY-MM or YYYY")
        return value


class Period(_Strict):
    """A span of time the article names ("last week", "the 1960s"), kept apart from points."""

    text: str
    from_: str = Field(alias="from")
    to: str
    event: Optional[str] = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TopicEvidence(_Strict):
    topic: str
    terms: list[str] = Field(default_factory=list)


class Briefing(_Strict):
    title: str
    headline: Optional[str] = Field(default=None, description="The source's own headline, shown instead of title.")
    language: Optional[str] = Field(default=None, description="ISO 639-1 code of the article's language.")
    date: dt.date
    source: Source
    summary: str = ""
    topics: list[str] = Field(default_factory=list)
    topic_evidence: list[TopicEvidence] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    locked: bool = Field(default=False, description="Editor pin: never regenerate this briefing.")
    generator: Optional[str] = Field(default=None, description="Generator version that wrote it.")

    def front_matter(self) -> dict:
        """The dict the writer serialises: JSON-compatible, stable key order, no nulls."""
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        data["date"] = self.date  # a YAML date, unquoted, as editors write it
        if not data.get("locked"):
            data.pop("locked", None)
        for key in ("topic_evidence", "periods"):
            if not data.get(key):
                data.pop(key, None)
        for claim in data.get("claims", []):
            if claim.get("stance") == "asserted":
                claim.pop("stance")
        if not data.get("source", {}).get("authors"):
            data.get("source", {}).pop("authors", None)
        for fig in data.get("figures", []):
            for k in ("value", "value_to"):
                if k in fig and float(fig[k]).is_integer():
                    fig[k] = int(fig[k])
        return data
