"""Editor-safe regeneration: merge_briefing(old_machine, on_disk, new_machine).

Fixtures are plain dicts shaped like real front matter (see the design's briefing format):
``machine()`` is what the generator wrote last time, an editor edits a deep copy of it, and
``rerun()`` is the next generator run with its own changes around the editor's.
"""
from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.merge import Conflict, MergeResult, merge_briefing
from generator.model import Briefing

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def machine() -> dict:
    """What the generator wrote last time."""
    return {
        "title": "Biden and Zelensky speak for 76 minutes as Russian troops mass",
        "date": dt.date(2021, 12, 9),
        "source": {"path": "seeds/000_26b014acf4a540e6.txt", "sha256": "3f1c" * 16, "outlet": "HNGN"},
        "summary": "Joe Biden spoke with Volodymyr Zelensky for 76 minutes.",
        "topics": ["politics", "conflict"],
        "actors": [
            {"name": "Joe Biden", "type": "person", "role": "President of the United States",
             "aliases": ["Biden", "President Joe Biden"], "mentions": 14, "key": True},
            {"name": "Volodymyr Zelensky", "type": "person", "role": "Ukrainian President",
             "aliases": ["Zelensky"], "mentions": 6, "key": True},
            {"name": "Vladimir Putin", "type": "person", "role": "Russian President",
             "aliases": ["Putin"], "mentions": 7, "key": True},
            {"name": "NATO", "type": "org", "aliases": ["NATO"], "mentions": 4, "key": False},
        ],
        "claims": [
            {"speaker": "Joe Biden", "text": "he would not send US soldiers to Ukraine",
             "kind": "attribution", "cue": "assured", "via": "NY Post"},
            {"speaker": "White House", "text": "the president was not pressuring Kyiv",
             "kind": "attribution", "cue": "denied"},
            {"speaker": "Jake Sullivan", "text": "More US soldiers might be sent to Poland and Romania",
             "kind": "attribution", "cue": "according to"},
        ],
        "figures": [
            {"text": "76-minute", "value": 76, "unit": "minute", "counts": "call"},
            {"text": "an estimated 175,000 troops", "value": 175000, "counts": "troops", "qualifier": "estimated"},
        ],
        "timeline": [
            {"text": "on Tuesday", "date": "2021-12-07", "event": "Biden spoke with Putin for two hours"},
            {"text": "on Wednesday", "date": "2021-12-08", "event": "Biden assured reporters"},
        ],
        "generator": "briefings 0.1.0",
    }


def rerun(old: dict) -> dict:
    """The next generator run: better extractors change things all around the editor's edits."""
    new = copy.deepcopy(old)
    new["summary"] = "Joe Biden and Volodymyr Zelensky spoke for 76 minutes as Russian troops massed."
    new["actors"][0]["mentions"] = 15
    new["actors"][2]["mentions"] = 8
    new["actors"].append({"name": "Jake Sullivan", "type": "person", "role": "National Security Advisor",
                          "aliases": ["Sullivan"], "mentions": 1, "key": False})
    new["claims"][1]["cue"] = "denied that"
    new["claims"].append({"speaker": "NATO", "text": "any attack on Ukrainian territory would be costly",
                          "kind": "attribution", "cue": "warned"})
    new["figures"][1]["qualifier"] = "an estimated"
    new["figures"].append({"text": "nine NATO member countries", "value": 9, "counts": "NATO member countries"})
    new["timeline"].append({"text": "in 2014", "date": "2014", "event": "separatists rebelled"})
    new["generator"] = "briefings 0.2.0"
    return new


def by(items: list, key: str, value) -> dict:
    return next(x for x in items if x.get(key) == value)


def names(result: MergeResult, field: str, key: str = "text") -> list:
    return [x[key] for x in result.front_matter[field]]


# --- the five edits the issue names ------------------------------------------------------


def test_merge_keeps_editor_changed_role():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"][1]["role"] = "President of Ukraine"
    out = merge_briefing(old, edited, rerun(old))
    zelensky = by(out.front_matter["actors"], "name", "Volodymyr Zelensky")
    assert zelensky["role"] == "President of Ukraine"
    # new machine output around it still arrives
    assert by(out.front_matter["actors"], "name", "Joe Biden")["mentions"] == 15
    assert "Jake Sullivan" in names(out, "actors", "name")
    assert out.front_matter["summary"] == rerun(old)["summary"]
    assert out.conflicts == []


def test_merge_keeps_deleted_claim_deleted_even_though_machine_still_produces_it():
    old = machine()
    edited = copy.deepcopy(old)
    del edited["claims"][1]
    new = rerun(old)
    assert "the president was not pressuring Kyiv" in names(MergeResult(new), "claims")
    out = merge_briefing(old, edited, new)
    assert names(out, "claims") == [
        "he would not send US soldiers to Ukraine",
        "More US soldiers might be sent to Poland and Romania",
        "any attack on Ukrainian territory would be costly",
    ]


def test_merge_keeps_editor_added_figure_after_its_predecessor():
    old = machine()
    edited = copy.deepcopy(old)
    added = {"text": "two hours", "value": 2, "unit": "hour", "counts": "call"}
    edited["figures"].insert(1, added)
    out = merge_briefing(old, edited, rerun(old))
    assert out.front_matter["figures"][1] == added
    assert names(out, "figures") == ["76-minute", "two hours", "an estimated 175,000 troops",
                                     "nine NATO member countries"]
    assert by(out.front_matter["figures"], "text", "an estimated 175,000 troops")["qualifier"] == "an estimated"


def test_merge_keeps_editor_order_of_reordered_actors_and_appends_machine_new_actors():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"] = [edited["actors"][i] for i in (2, 0, 3, 1)]
    out = merge_briefing(old, edited, rerun(old))
    assert names(out, "actors", "name") == ["Vladimir Putin", "Joe Biden", "NATO", "Volodymyr Zelensky",
                                            "Jake Sullivan"]
    assert by(out.front_matter["actors"], "name", "Vladimir Putin")["mentions"] == 8
    assert out.conflicts == []


def test_merge_keeps_corrected_claim_speaker():
    old = machine()
    edited = copy.deepcopy(old)
    edited["claims"][1]["speaker"] = "Jen Psaki"
    out = merge_briefing(old, edited, rerun(old))
    claim = by(out.front_matter["claims"], "text", "the president was not pressuring Kyiv")
    assert claim["speaker"] == "Jen Psaki"
    assert claim["cue"] == "denied that"  # the machine's untouched key moved on


def test_merge_keeps_all_five_edits_together_and_result_is_a_valid_briefing():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"][1]["role"] = "President of Ukraine"
    del edited["claims"][1]
    edited["figures"].append({"text": "two hours", "value": 2, "unit": "hour"})
    edited["actors"] = [edited["actors"][i] for i in (2, 0, 3, 1)]
    edited["claims"][0]["speaker"] = "US President Joe Biden"
    out = merge_briefing(old, edited, rerun(old))
    fm = out.front_matter
    assert by(fm["actors"], "name", "Volodymyr Zelensky")["role"] == "President of Ukraine"
    assert "the president was not pressuring Kyiv" not in names(out, "claims")
    assert "two hours" in names(out, "figures")
    assert names(out, "actors", "name")[:4] == ["Vladimir Putin", "Joe Biden", "NATO", "Volodymyr Zelensky"]
    assert fm["claims"][0]["speaker"] == "US President Joe Biden"
    assert fm["generator"] == "briefings 0.2.0"
    Briefing.model_validate(fm)


# --- fields ------------------------------------------------------------------------------


def test_merge_without_editor_file_returns_new_machine_output():
    new = rerun(machine())
    assert merge_briefing(machine(), None, new).front_matter == new
    assert merge_briefing(None, None, new).front_matter == new


def test_merge_untouched_briefing_takes_new_machine_output_exactly():
    old = machine()
    new = rerun(old)
    out = merge_briefing(old, copy.deepcopy(old), new)
    assert out.front_matter == new
    assert list(out.front_matter) == list(new)
    assert out.conflicts == []


def test_merge_without_machine_changes_leaves_editor_file_unchanged_but_generator():
    old = machine()
    edited = copy.deepcopy(old)
    edited["summary"] = "Edited."
    edited["actors"].reverse()
    del edited["figures"][0]
    new = copy.deepcopy(old)
    new["generator"] = "briefings 0.2.0"
    out = merge_briefing(old, edited, new)
    assert out.front_matter == {**edited, "generator": "briefings 0.2.0"}


def test_merge_reports_conflict_when_machine_and_editor_change_same_field():
    old = machine()
    edited = copy.deepcopy(old)
    edited["summary"] = "An editor's summary."
    edited["actors"][0]["role"] = "US President"
    new = rerun(old)
    new["actors"][0]["role"] = "President"
    out = merge_briefing(old, edited, new)
    assert out.front_matter["summary"] == "An editor's summary."
    assert out.front_matter["actors"][0]["role"] == "US President"
    assert out.conflicts == [
        Conflict("summary", "An editor's summary.", new["summary"]),
        Conflict("actors[Joe Biden].role", "US President", "President"),
    ]


def test_conflict_reads_as_field_and_both_values():
    text = str(Conflict("actors[Joe Biden].role", "US President", "President"))
    assert text == "actors[Joe Biden].role: kept the editor's 'US President'; the machine now has 'President'"
    assert "deleted" in str(Conflict("claims[x]", None, {"text": "x"}))


def test_merge_no_conflict_when_editor_and_machine_make_the_same_change():
    old = machine()
    edited = copy.deepcopy(old)
    new = rerun(old)
    edited["summary"] = new["summary"]
    assert merge_briefing(old, edited, new).conflicts == []


def test_merge_generator_field_is_always_machine_owned():
    old = machine()
    edited = copy.deepcopy(old)
    edited["generator"] = "hand-edited"
    out = merge_briefing(old, edited, rerun(old))
    assert out.front_matter["generator"] == "briefings 0.2.0"
    assert out.conflicts == []


def test_merge_editor_deleted_field_stays_deleted():
    old = machine()
    edited = copy.deepcopy(old)
    del edited["source"]["outlet"]
    del edited["topics"]
    out = merge_briefing(old, edited, rerun(old))
    assert "outlet" not in out.front_matter["source"]
    assert "topics" not in out.front_matter


def test_merge_editor_added_field_is_kept_in_place():
    old = machine()
    edited = {}
    for key, value in copy.deepcopy(old).items():
        edited[key] = value
        if key == "timeline":
            edited["periods"] = [{"text": "last week", "from": "2021-11-29", "to": "2021-12-05"}]
    edited["locked"] = False
    out = merge_briefing(old, edited, rerun(old))
    assert out.front_matter["periods"] == edited["periods"]
    assert list(out.front_matter) == ["title", "date", "source", "summary", "topics", "actors", "claims",
                                      "figures", "timeline", "periods", "generator", "locked"]


def test_merge_source_merges_per_key():
    old = machine()
    edited = copy.deepcopy(old)
    edited["source"]["outlet"] = "Headlines & Global News"
    new = rerun(old)
    new["source"]["sha256"] = "ab" * 32
    out = merge_briefing(old, edited, new)
    assert out.front_matter["source"] == {"path": old["source"]["path"], "sha256": "ab" * 32,
                                          "outlet": "Headlines & Global News"}


def test_merge_date_the_editor_fixed_survives_a_new_machine_summary():
    old = machine()
    edited = copy.deepcopy(old)
    edited["date"] = dt.date(2021, 12, 10)
    out = merge_briefing(old, edited, rerun(old))
    assert out.front_matter["date"] == dt.date(2021, 12, 10)


def test_merge_topics_merge_like_sets():
    old = machine()
    edited = copy.deepcopy(old)
    edited["topics"] = ["politics", "diplomacy"]  # removed conflict, added diplomacy
    new = rerun(old)
    new["topics"] = ["politics", "conflict", "military"]
    out = merge_briefing(old, edited, new)
    assert out.front_matter["topics"] == ["politics", "diplomacy", "military"]
    assert out.conflicts == []


def test_merge_aliases_merge_like_sets_inside_an_actor():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"][0]["aliases"] = ["Biden", "US President Joe Biden"]  # dropped one, added one
    new = rerun(old)
    new["actors"][0]["aliases"] = ["Biden", "President Joe Biden", "President Biden"]
    out = merge_briefing(old, edited, new)
    assert out.front_matter["actors"][0]["aliases"] == ["Biden", "US President Joe Biden", "President Biden"]


# --- entries ------------------------------------------------------------------------------


def test_merge_drops_entry_machine_dropped_when_editor_never_touched_it():
    old = machine()
    new = rerun(old)
    del new["timeline"][0]
    edited = copy.deepcopy(old)
    edited["timeline"][1]["event"] = "Biden told reporters"
    out = merge_briefing(old, edited, new)
    assert names(out, "timeline") == ["on Wednesday", "in 2014"]
    assert out.front_matter["timeline"][0]["event"] == "Biden told reporters"


def test_merge_keeps_edited_entry_machine_dropped_and_reports_it():
    old = machine()
    edited = copy.deepcopy(old)
    edited["figures"][0]["counts"] = "phone call"
    new = rerun(old)
    del new["figures"][0]
    out = merge_briefing(old, edited, new)
    assert out.front_matter["figures"][0] == edited["figures"][0]
    assert out.conflicts == [Conflict("figures[76-minute]", edited["figures"][0], None)]


def test_merge_reports_machine_change_to_entry_editor_deleted_and_keeps_it_deleted():
    old = machine()
    edited = copy.deepcopy(old)
    del edited["actors"][3]
    new = rerun(old)
    new["actors"][3]["mentions"] = 9
    out = merge_briefing(old, edited, new)
    assert "NATO" not in names(out, "actors", "name")
    assert out.conflicts == [Conflict("actors[NATO]", None, new["actors"][3])]


def test_merge_matches_actor_by_alias_when_editor_corrected_the_name():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"][1]["name"] = "Volodymyr Zelenskyy"
    new = rerun(old)
    new["actors"][1]["mentions"] = 7
    out = merge_briefing(old, edited, new)
    zelensky = [a for a in out.front_matter["actors"] if "Zelensky" in a["aliases"]]
    assert zelensky == [{**edited["actors"][1], "mentions": 7}]


def test_merge_matches_actor_names_ignoring_case_and_spacing():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"][3]["name"] = "Nato"
    edited["actors"][3]["aliases"] = ["Nato"]
    new = rerun(old)
    new["actors"][3]["mentions"] = 5
    out = merge_briefing(old, edited, new)
    nato = [a for a in out.front_matter["actors"] if a["name"].casefold() == "nato"]
    assert nato == [{**edited["actors"][3], "mentions": 5}]


def test_merge_claim_whose_text_the_editor_rewrote_is_not_duplicated():
    old = machine()
    edited = copy.deepcopy(old)
    edited["claims"][0]["text"] = "he would not send US soldiers into Ukraine"
    out = merge_briefing(old, edited, rerun(old))
    texts = names(out, "claims")
    assert texts[0] == "he would not send US soldiers into Ukraine"
    assert "he would not send US soldiers to Ukraine" not in texts


def test_merge_same_entry_added_by_editor_and_machine_is_not_duplicated():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"].append({"name": "Jake Sullivan", "type": "person", "role": "NSA"})
    out = merge_briefing(old, edited, rerun(old))
    sullivan = [a for a in out.front_matter["actors"] if a["name"] == "Jake Sullivan"]
    assert sullivan == [{"name": "Jake Sullivan", "type": "person", "role": "NSA",
                         "aliases": ["Sullivan"], "mentions": 1, "key": False}]
    assert out.conflicts == [Conflict("actors[Jake Sullivan].role", "NSA", "National Security Advisor")]


def test_merge_duplicate_texts_match_in_order():
    old = machine()
    old["timeline"].append({"text": "on Tuesday", "date": "2021-11-30", "event": "a week earlier"})
    edited = copy.deepcopy(old)
    edited["timeline"][2]["event"] = "the week before"
    new = copy.deepcopy(old)
    new["timeline"][0]["event"] = "Biden and Putin spoke"
    out = merge_briefing(old, edited, new)
    assert [t["event"] for t in out.front_matter["timeline"]] == [
        "Biden and Putin spoke", "Biden assured reporters", "the week before"]


def test_merge_timeline_date_unquoted_by_editor_is_not_a_change():
    old = machine()
    edited = copy.deepcopy(old)
    edited["timeline"][0]["date"] = dt.date(2021, 12, 7)  # `date: 2021-12-07` without quotes
    new = rerun(old)
    new["timeline"][0]["date"] = "2021-12-06"
    out = merge_briefing(old, edited, new)
    assert out.front_matter["timeline"][0]["date"] == "2021-12-06"
    assert out.conflicts == []


def test_merge_new_machine_entries_follow_machine_order():
    old = machine()
    new = rerun(old)
    new["claims"].insert(0, {"text": "Russia is setting the basis", "kind": "attribution", "speaker": "US intelligence"})
    edited = copy.deepcopy(old)
    edited["claims"][2]["cue"] = "said"
    out = merge_briefing(old, edited, new)
    assert names(out, "claims") == names(MergeResult(new), "claims")


def test_merge_without_machine_record_keeps_everything_on_disk_and_reports_differences():
    on_disk = machine()
    on_disk["summary"] = "Hand-written summary."
    on_disk["figures"].append({"text": "two hours", "value": 2})
    new = rerun(machine())
    out = merge_briefing(None, on_disk, new)
    fm = out.front_matter
    assert fm["summary"] == "Hand-written summary."
    for field in ("actors", "claims", "figures", "timeline"):
        for entry in on_disk[field]:
            key = "name" if field == "actors" else "text"
            merged = by(fm[field], key, entry[key])
            assert all(merged[k] == v for k, v in entry.items())
    assert "Jake Sullivan" in names(out, "actors", "name")  # what the machine adds still comes in
    assert "two hours" in names(out, "figures")
    fields = {c.field for c in out.conflicts}
    assert {"summary", "actors[Joe Biden].mentions", "figures[an estimated 175,000 troops].qualifier"} <= fields
    assert "generator" not in fields and fm["generator"] == "briefings 0.2.0"


def test_merge_keeps_malformed_editor_values_instead_of_crashing():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"] = "Joe Biden, Putin"  # not a list: `briefings check` reports it
    edited["claims"].append("a bare string")
    edited["figures"][0] = {"value": 76}  # lost its text
    out = merge_briefing(old, edited, rerun(old))
    assert out.front_matter["actors"] == "Joe Biden, Putin"
    assert "a bare string" in out.front_matter["claims"]
    assert {"value": 76} in out.front_matter["figures"]


def test_merge_is_pure_and_deterministic():
    old, new = machine(), rerun(machine())
    edited = copy.deepcopy(old)
    edited["actors"][0]["role"] = "US President"
    snapshot = copy.deepcopy((old, edited, new))
    first = merge_briefing(old, edited, new)
    assert (old, edited, new) == snapshot
    first.front_matter["actors"][0]["aliases"].append("mutated")
    assert (old, edited, new) == snapshot  # the result shares nothing with the inputs
    again = merge_briefing(old, edited, new)
    assert "mutated" not in again.front_matter["actors"][0]["aliases"]
    assert again == merge_briefing(old, edited, new)
    assert yaml.safe_dump(again.front_matter, sort_keys=False) == yaml.safe_dump(
        merge_briefing(*copy.deepcopy(snapshot)).front_matter, sort_keys=False)


def test_merge_rerun_with_nothing_new_changes_nothing():
    old = machine()
    edited = copy.deepcopy(old)
    edited["actors"] = [edited["actors"][i] for i in (3, 2, 1, 0)]
    edited["claims"][0]["speaker"] = "Biden"
    new = rerun(old)
    first = merge_briefing(old, edited, new).front_matter
    # next run: the record is now `new`, the machine produces `new` again
    assert merge_briefing(new, first, copy.deepcopy(new)).front_matter == first


def big_briefing(actors=30, claims=20, figures=20, timeline=15) -> dict:
    fm = machine()
    fm["actors"] = [{"name": f"Person Number{i}", "type": "person", "role": f"Minister of Things {i}",
                     "aliases": [f"Number{i}", f"Minister Number{i}"], "mentions": i + 1, "key": i < 3}
                    for i in range(actors)]
    fm["claims"] = [{"speaker": f"Person Number{i}", "text": f"claim number {i} said something long enough",
                     "kind": "quote", "cue": "said"} for i in range(claims)]
    fm["figures"] = [{"text": f"{i} troops", "value": i, "counts": "troops"} for i in range(figures)]
    fm["timeline"] = [{"text": f"on day {i}", "date": f"2021-11-{i + 1:02d}", "event": f"event {i}"}
                      for i in range(timeline)]
    return fm


# --- property: random edits x random new machine output ----------------------------------
#
# Entries carry unique keys here so the expected outcome of every edit is unambiguous.

LISTS = {"actors": "name", "claims": "text", "figures": "text", "timeline": "text"}
SCALARS = ("title", "summary")


def _entry(field: str, ident: str, n: int) -> dict:
    if field == "actors":
        return {"name": ident, "type": "person", "role": f"role {n}", "aliases": [f"{ident} alias"], "mentions": n}
    if field == "claims":
        return {"speaker": f"speaker {n}", "text": ident, "kind": "quote", "cue": "said"}
    if field == "figures":
        return {"text": ident, "value": n, "counts": f"things {n}"}
    return {"text": ident, "date": f"2021-12-{n % 28 + 1:02d}", "event": f"event {n}"}


EDITABLE = {"actors": ["role", "mentions", "type"], "claims": ["speaker", "cue"],
            "figures": ["value", "counts"], "timeline": ["date", "event"]}


@st.composite
def scenario(draw):
    """(old_machine, on_disk, new_machine, expectations) from random edits and random machine changes."""
    base = machine()
    for field in LISTS:
        base[field] = [_entry(field, f"{field} base {i}", i) for i in range(draw(st.integers(0, 5)))]
    editor, new = copy.deepcopy(base), copy.deepcopy(base)
    new["generator"] = "briefings 9"
    for f in SCALARS:
        if draw(st.booleans()):
            editor[f] = f"editor {f}"
        if draw(st.booleans()):
            new[f] = draw(st.sampled_from([f"machine {f}", f"editor {f}"]))
    expect = {}
    for field, key in LISTS.items():
        ed_list, new_list = [], []
        for entry in base[field]:
            ident = entry[key]
            e_action = draw(st.sampled_from(["keep", "edit", "delete"]))
            m_action = draw(st.sampled_from(["keep", "change", "drop"]))
            e_entry, m_entry = copy.deepcopy(entry), copy.deepcopy(entry)
            edited_keys, machine_keys = [], []
            if e_action == "edit":
                edited_keys = draw(st.lists(st.sampled_from(EDITABLE[field]), min_size=1, unique=True))
                for k in edited_keys:
                    e_entry[k] = 1000 + len(k) if k in ("mentions", "value") else f"editor {k}"
                    if k == "type":
                        e_entry[k] = "group"
                    if k == "date":
                        e_entry[k] = "2020"
            if m_action == "change":
                machine_keys = draw(st.lists(st.sampled_from(EDITABLE[field]), min_size=1, unique=True))
                for k in machine_keys:
                    m_entry[k] = 2000 + len(k) if k in ("mentions", "value") else f"machine {k}"
                    if k == "type":
                        m_entry[k] = "org"
                    if k == "date":
                        m_entry[k] = "2019"
            if e_action != "delete":
                ed_list.append(e_entry)
            if m_action != "drop":
                new_list.append(m_entry)
            expect[(field, ident)] = (e_action, m_action, entry, e_entry, m_entry, edited_keys, machine_keys)
        for i in range(draw(st.integers(0, 2))):
            e = _entry(field, f"{field} editor-added {i}", 50 + i)
            ed_list.insert(draw(st.integers(0, len(ed_list))), e)
            expect[(field, e[key])] = ("added", None, None, e, None, [], [])
        for i in range(draw(st.integers(0, 2))):
            e = _entry(field, f"{field} machine-added {i}", 70 + i)
            new_list.insert(draw(st.integers(0, len(new_list))), e)
            expect[(field, e[key])] = (None, "added", None, None, e, [], [])
        if draw(st.booleans()):
            ed_list = draw(st.permutations(ed_list))
        editor[field], new[field] = list(ed_list), new_list
    return base, editor, new, expect


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_merge_never_loses_an_editor_change_and_never_leaves_an_untouched_field_stale(case):
    base, editor, new, expect = case
    out = merge_briefing(base, editor, new)
    fm = out.front_matter

    conflicts = set()
    for f in SCALARS:
        assert fm[f] == (editor[f] if editor[f] != base[f] else new[f])
        if base[f] != editor[f] != new[f] != base[f]:
            conflicts.add(f)
    assert fm["generator"] == new["generator"]

    for field, key in LISTS.items():
        got = {e[key]: e for e in fm[field]}
        assert len(got) == len(fm[field]), "no entry appears twice"
        for (f, ident), (e_action, m_action, b, e, m, edited_keys, machine_keys) in expect.items():
            if f != field:
                continue
            if (e_action, m_action) in (("edit", "drop"), ("delete", "change")):
                conflicts.add(f"{field}[{ident}]")
            if (e_action, m_action) == ("edit", "change"):
                conflicts.update(f"{field}[{ident}].{k}" for k in set(edited_keys) & set(machine_keys))
            if e_action == "delete" or (e_action == "keep" and m_action == "drop"):
                assert ident not in got  # deleted stays deleted; untouched + machine-dropped goes
            elif e_action == "added":
                assert got[ident] == e
            elif m_action == "added":
                assert got[ident] == m
            elif m_action == "drop":  # editor edited, machine dropped: the editor's entry stays whole
                assert got[ident] == e
            else:
                for k in got[ident].keys() | b.keys():
                    want = e[k] if k in edited_keys else m[k]
                    assert got[ident][k] == want, (field, ident, k)

        # order: the editor's if they reordered, else the machine's
        ed_order = [x[key] for x in editor[field] if x[key] in got]
        new_order = [x[key] for x in new[field] if x[key] in got]
        out_order = [x[key] for x in fm[field]]
        base_pos = {x[key]: i for i, x in enumerate(base[field])}
        kept = [base_pos[i] for i in (x[key] for x in editor[field]) if i in base_pos]
        if kept != sorted(kept):
            assert [i for i in out_order if i in set(ed_order)] == ed_order
        else:
            assert [i for i in out_order if i in set(new_order)] == new_order

    # a conflict is reported exactly where both sides changed the same thing differently
    assert sorted(c.field for c in out.conflicts) == sorted(conflicts)
    for c in out.conflicts:
        assert c.editor != c.machine
    # stable: the next run with nothing new changes nothing
    assert merge_briefing(new, fm, copy.deepcopy(new)).front_matter == fm


briefing_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "b", "Biden", "Joe Biden", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["name", "text", "role"]), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def messy_briefing(draw):
    """Briefing-shaped dicts with colliding names, duplicate texts and malformed entries."""
    actor = st.fixed_dictionaries(
        {"name": st.sampled_from(["Joe Biden", "Biden", "joe biden", "Putin"])},
        optional={"aliases": st.lists(st.sampled_from(["Biden", "Joe", "Putin", "Vlad"]), max_size=3),
                  "role": st.sampled_from(["a", "b"]), "mentions": st.integers(0, 3)})
    text_entry = st.fixed_dictionaries({"text": st.sampled_from(["t1", "t2", "T1", "t3"])},
                                       optional={"speaker": st.sampled_from(["a", "b", None]),
                                                 "value": st.integers(0, 3)})
    fm = {}
    if draw(st.booleans()):
        fm["summary"] = draw(st.sampled_from(["s1", "s2"]))
    if draw(st.booleans()):
        fm["topics"] = draw(st.lists(st.sampled_from(["politics", "conflict", "health"]), max_size=4))
    fm["actors"] = draw(st.lists(actor | briefing_values, max_size=4))
    fm["claims"] = draw(st.lists(text_entry, max_size=4) | briefing_values)
    if draw(st.booleans()):
        fm["extra"] = draw(briefing_values)
    fm["generator"] = draw(st.sampled_from(["g1", "g2"]))
    return fm


@settings(max_examples=300, deadline=None)
@given(messy_briefing(), messy_briefing())
def test_merge_with_untouched_editor_file_is_exactly_the_new_machine_output(old, new):
    assert merge_briefing(old, copy.deepcopy(old), new) == MergeResult(new, [])


@settings(max_examples=300, deadline=None)
@given(messy_briefing(), messy_briefing())
def test_merge_with_unchanged_machine_output_is_exactly_the_editor_file(old, edited):
    out = merge_briefing(old, edited, copy.deepcopy(old))
    expected = {**edited, "generator": old["generator"]}
    assert out.front_matter == expected
    assert out.conflicts == []


@settings(max_examples=300, deadline=None)
@given(st.none() | messy_briefing(), messy_briefing(), messy_briefing())
def test_merge_never_crashes_and_is_deterministic_on_messy_input(old, edited, new):
    first = merge_briefing(old, edited, new)
    assert first == merge_briefing(copy.deepcopy(old), copy.deepcopy(edited), copy.deepcopy(new))
    assert first.front_matter["generator"] == new["generator"]


# --- the pipeline, end to end -------------------------------------------------------------


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def _write_front_matter(path: Path, data: dict) -> None:
    from generator.writer import render_briefing, split_front_matter

    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    path.write_text(render_briefing(data, body), encoding="utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_generate_twice_keeps_editor_summary_and_added_figure(tmp_path):
    from generator.pipeline import generate

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "content"
    first = generate([seeds], out)
    assert first.ok and first.count("written") == len(list(seeds.glob("*.txt")))
    written = out / first.results[0].path
    data = _front_matter(written)
    data["summary"] = "An editor's summary of the call."
    figure = {"text": "76-minute", "value": 76, "unit": "minute", "counts": "call"}
    data["figures"] = [*data.get("figures", []), figure]
    _write_front_matter(written, data)

    second = generate([seeds], out, force=True)
    assert second.ok and second.results[0].conflicts == []
    after = _front_matter(written)
    assert after["summary"] == "An editor's summary of the call."
    assert figure in after["figures"]
    Briefing.model_validate(after)
    record = _front_matter(out / ".machine" / first.results[0].path)
    assert record["summary"] != "An editor's summary of the call."  # the record stays the machine's
    assert figure not in record["figures"]

    third = generate([seeds], out, force=True)  # and again: nothing moves
    assert third.results[0].status == "unchanged"
    assert _front_matter(written) == after


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_generate_leaves_a_locked_briefing_alone(tmp_path):
    from generator.pipeline import generate

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "content"
    first = generate([seeds], out)
    written = out / first.results[0].path
    data = _front_matter(written)
    data["locked"] = True
    data["title"] = "Pinned title"
    _write_front_matter(written, data)
    before = written.read_bytes()
    generate([seeds], out, force=True)
    assert written.read_bytes() == before
