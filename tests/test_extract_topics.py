"""Topics come from the IPTC top-level taxonomy, assigned from specific evidence terms."""
from __future__ import annotations

import pytest

from generator.extract.topics import load_taxonomy, match_topics, variants
from generator.nlp import parse_text


def briefing_doc(text: str):
    return parse_text(text, "2024-01-02")


DIPLOMACY = """Foreign ministers from the European Union agreed on Monday to impose new sanctions on Russia, as diplomats warned that troops massing near the border could signal an invasion.

The foreign minister of France told reporters that the sanctions would target banks close to the Kremlin. The White House said the president had spoken with NATO allies and that the United States would send no soldiers to fight.

Parliament is expected to vote on the measures next week, and opposition lawmakers have called for a tougher response to the military buildup."""

STORM = """A powerful storm lashed the coast overnight, bringing heavy rain and strong winds that flooded low-lying streets and forced the evacuation of hundreds of homes.

Rescue workers pulled two people from their cars as floodwaters rose. Forecasters said the storm would weaken by Thursday but warned of more rainfall and gusts of up to 90 km/h.

The death toll stood at three on Wednesday evening, emergency services said, and a state of emergency remained in force."""

FOOTBALL = """Manchester United beat Liverpool 2-1 at Old Trafford on Sunday, with their striker scoring twice in the second half to lift them to third in the Premier League.

Liverpool had led at half-time after a penalty kick, but the home side equalised within minutes of the restart. The goalkeeper made a late save in stoppage time to secure the win.

The head coach praised his midfielders and said the team would now turn its attention to the Champions League quarter-final."""

EARNINGS = """Shares in Acme Corp rose 8% after the company reported quarterly results that beat analysts' forecasts, with revenue up 12% to $4.2 billion.

Net income climbed to $610 million, or $1.35 per share, and the chief executive said strong consumer demand had offset higher prices for raw materials. The board raised the dividend and announced a share buyback.

Investors on Wall Street welcomed the outlook for the fiscal year, and the stock market closed higher."""

NEUTRAL = """The man walked along the road in the afternoon and stopped at the corner to look at the trees.

He said it was a nice day and that he would come back tomorrow with his friend, who lives near the old bridge.

They talked for a while about the colours of the leaves and the sound of the river."""


def test_diplomacy_and_sanctions_story_is_politics_first_then_conflict():
    doc = briefing_doc(DIPLOMACY)
    assert doc._.topics[0] == "politics"
    assert "conflict" in doc._.topics


def test_storm_story_is_weather_and_disaster():
    doc = briefing_doc(STORM)
    assert set(doc._.topics) >= {"weather", "disaster"}
    assert doc._.topics[0] == "weather"


def test_football_match_is_sport_only():
    assert briefing_doc(FOOTBALL)._.topics == ["sport"]


def test_earnings_story_is_economy():
    assert briefing_doc(EARNINGS)._.topics == ["economy"]


def test_text_without_topical_terms_gets_no_topics_and_no_evidence():
    doc = briefing_doc(NEUTRAL)
    assert doc._.topics == []
    assert doc._.topic_evidence == []


def test_a_single_repeated_term_is_not_enough():
    doc = briefing_doc("The storm was long. The storm was loud.\n\nThe storm ended at noon, people said.")
    assert doc._.topics == []


@pytest.mark.parametrize("text", [DIPLOMACY, STORM, FOOTBALL, EARNINGS])
def test_evidence_terms_are_verbatim_distinct_and_follow_the_topics(text):
    doc = briefing_doc(text)
    assert [e.topic for e in doc._.topic_evidence] == doc._.topics
    for evidence in doc._.topic_evidence:
        assert 2 <= len(evidence.terms) <= 8
        assert len({t.lower() for t in evidence.terms}) == len(evidence.terms)
        for term in evidence.terms:
            assert term in doc.text


def test_evidence_lists_terms_in_order_of_first_occurrence():
    doc = briefing_doc(STORM)
    weather = next(e for e in doc._.topic_evidence if e.topic == "weather")
    positions = [doc.text.find(term) for term in weather.terms]
    assert positions == sorted(positions)
    assert weather.terms[0] == "storm"


def test_longest_match_wins_over_its_parts():
    doc = briefing_doc("The prime minister met the finance minister and the prime minister's aides.")
    _, evidence = match_topics(doc)
    assert evidence and evidence[0].terms == ["prime minister", "minister"]


def test_plural_variants_match_the_singular_term():
    assert variants("election") == ["election", "elections"]
    assert variants("party") == ["party", "parties"]
    assert variants("sanctions") == ["sanctions"]
    doc = briefing_doc("Elections were held in two provinces.\n\nVoters chose new parliaments and senators.")
    assert doc._.topics == ["politics"]


def test_at_most_three_topics_ordered_by_score():
    text = " ".join([DIPLOMACY, STORM, FOOTBALL, EARNINGS]).replace("\n\n", " ")
    doc = briefing_doc(text)
    assert 1 <= len(doc._.topics) <= 3


def test_topics_are_deterministic():
    first = briefing_doc(DIPLOMACY)
    second = briefing_doc(DIPLOMACY)
    assert first._.topics == second._.topics
    assert first._.topic_evidence == second._.topic_evidence


def test_taxonomy_is_the_17_iptc_top_level_topics_with_unique_ids():
    taxonomy = load_taxonomy()
    assert len(taxonomy) == 17
    ids = [t["id"] for t in taxonomy]
    assert len(set(ids)) == 17
    assert {"politics", "conflict", "weather", "sport", "economy", "human-interest"} <= set(ids)
    codes = [t["iptc"] for t in taxonomy]
    assert len(set(codes)) == 17 and all(c.startswith("medtop:") for c in codes)
    assert next(t for t in taxonomy if t["id"] == "politics")["iptc"] == "medtop:11000000"
    assert all(set(t) == {"id", "label", "iptc"} for t in taxonomy)


def test_load_taxonomy_returns_copies_the_caller_may_change():
    load_taxonomy()[0]["id"] = "changed"
    assert load_taxonomy()[0]["id"] != "changed"
