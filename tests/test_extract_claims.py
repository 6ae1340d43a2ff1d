"""Claims extractor: quotation pairing, speakers, attributions, via — on real news sentences."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.claims import match_claims
from generator.extract.claims.quotes import find_quotes
from generator.nlp import load_nlp, parse
from generator.readers.article import Paragraph, RawArticle
from generator.readers.text import parse_text_article

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_26b014acf4a540e6.txt"


def _doc(article: RawArticle, with_actors: bool = True):
    components = ("briefings_sentences", "briefings_actors") if with_actors else ("briefings_sentences",)
    return parse(article, load_nlp(components=components))


def claims_of(*paragraphs: str, with_actors: bool = True):
    article = RawArticle("t.txt", "0" * 64, dt.date(2021, 12, 9), [Paragraph(p) for p in paragraphs])
    return match_claims(_doc(article, with_actors))


def one(claims, fragment):
    found = [c for c in claims if fragment in c.text]
    assert found, f"no claim with {fragment!r} in {[c.text for c in claims]}"
    return found[0]


# ---- the seed article ---------------------------------------------------------------------

@pytest.fixture(scope="module", params=[True, False], ids=["actors", "no-actors"])
def seed_claims(request):
    article = parse_text_article(SEED.read_bytes(), "seeds/000.txt")
    return match_claims(_doc(article, request.param))


def test_seed_white_house_denial(seed_claims):
    c = one(seed_claims, "the president was pressuring Kyiv")
    assert c.speaker == "White House" and c.cue == "denial" and c.kind == "attribution"
    assert c.stance == "denied"
    assert c.text.startswith("the president") and c.text.endswith("avoid an invasion")


def test_seed_ny_post_reported(seed_claims):
    c = one(seed_claims, "he intends to announce additional high-level meetings")
    assert (c.speaker, c.cue, c.via) == ("Joe Biden", "stated", "NY Post")
    assert "NY Post" not in c.text


def test_seed_per_daily_mail(seed_claims):
    c = one(seed_claims, "the call comes after weeks")
    # no other source in the sentence: the outlet's own reporting, so it is the speaker and
    # not also the via
    assert c.speaker == "Daily Mail" and c.via is None and c.cue == "Per"


def test_seed_as_per_republic_world(seed_claims):
    c = one(seed_claims, "if Russian President Vladimir Putin invades Kyiv")
    assert c.speaker == "Joe Biden" and c.cue == "said" and "Republic World" in c.via
    assert "as per" not in c.text


def test_seed_according_to_sullivan(seed_claims):
    c = one(seed_claims, "More US soldiers might be sent")
    assert c.speaker == "Jake Sullivan" and c.cue == "according to"
    assert c.text == "More US soldiers might be sent to Poland and Romania"


def test_seed_biden_told_reporters(seed_claims):
    c = one(seed_claims, "it is not on the table")
    assert c.speaker == "Joe Biden" and c.cue == "told"


def test_seed_unnamed_sources_and_assured(seed_claims):
    assert one(seed_claims, "Ukrainian membership is unlikely").speaker == "senior State Department officials"
    assert one(seed_claims, "the US may encourage Ukraine").speaker == "Officials from the White House"
    c = one(seed_claims, "he would not send US soldiers")
    assert (c.speaker, c.cue) == ("Joe Biden", "assured")


def test_seed_no_scare_quotes(seed_claims):
    assert not any(c.text in ("special status", "serious repercussions", "very, very difficult") for c in seed_claims)


# ---- quotation shapes ---------------------------------------------------------------------

def test_quote_interrupted_by_he_said():
    claims = claims_of(
        'Mayor Anne Hidalgo opened the bridge on Monday.',
        '"We waited ten years for this," she said, "and the city will not wait another ten."')
    quotes = [c for c in claims if c.kind == "quote"]
    assert [q.text for q in quotes] == ["We waited ten years for this", "and the city will not wait another ten."]
    assert all(q.speaker == "Anne Hidalgo" for q in quotes)


def test_said_x_after_quote_with_appositive():
    claims = claims_of('"The strike will go on," said Maria Lopez, a spokeswoman for the Transport Union.')
    c = one(claims, "The strike will go on")
    assert (c.speaker, c.kind, c.cue) == ("Maria Lopez", "quote", "said")
    assert len(claims) == 1


def test_colon_introduced_quote_and_curly_marks():
    claims = claims_of("The coach, Pep Guardiola, was blunt: “We were not good enough today. Nobody was.”")
    c = one(claims, "We were not good enough today")
    assert c.speaker == "Pep Guardiola" and c.kind == "quote"


def test_speaker_after_dash():
    claims = claims_of('"This is the worst flood in a century" — Governor Kathy Hochul told reporters on Sunday.')
    assert one(claims, "worst flood in a century").speaker == "Kathy Hochul"


def test_multi_paragraph_quote():
    claims = claims_of(
        'Senator Elizabeth Warren said: "The banks were warned again and again about these risks.',
        '"They chose to ignore every one of those warnings, and now families pay the price."')
    quotes = [c for c in claims if c.kind == "quote"]
    assert len(quotes) == 2 and all(q.speaker == "Elizabeth Warren" for q in quotes)


def test_quote_in_preceding_paragraph_speaker_and_pronoun():
    claims = claims_of(
        "Dr Anthony Fauci, the chief medical adviser, spoke to the Senate on Tuesday.",
        '"We are not out of the woods yet," he said.')
    assert one(claims, "out of the woods").speaker == "Anthony Fauci"


def test_titles_and_fragments_are_not_claims():
    claims = claims_of('The band released "The Dark Side of the Moon" in 1973, calling it "a mood piece".',
                       'Critics called the show "brilliant" and the staging "bold".')
    assert claims == []


def test_unbalanced_quotes_do_not_crash():
    claims = claims_of('He said "this never closes', 'Another "stray mark here.', '"', '""', '“”')
    assert isinstance(claims, list)


# ---- attributions and via -----------------------------------------------------------------

def test_attribution_x_said_clause_and_told_outlet():
    claims = claims_of("Kendrick Lamar told LA Weekly that the album was finished in March.")
    c = one(claims, "the album was finished in March")
    assert (c.speaker, c.cue, c.via) == ("Kendrick Lamar", "told", "LA Weekly")


def test_attribution_said_in_statement_and_trailing_cue():
    claims = claims_of(
        "Toyota said in a statement that production at three plants would resume next week.",
        "Sales fell by a third in the first quarter, the company's chief executive Akio Toyoda said.")
    assert one(claims, "production at three plants").speaker == "Toyota"
    c = one(claims, "Sales fell by a third")
    assert c.speaker == "Akio Toyoda" and "said" not in c.text


def test_subordinate_clause_ends_the_reported_text():
    claims = claims_of("Although the minister insisted the plan was affordable, opposition parties voted against it.")
    c = one(claims, "the plan was affordable")
    assert c.text == "the plan was affordable" and c.cue == "insisted"


def test_verbs_needing_that_and_passives():
    claims = claims_of("The company announced 2,000 job cuts on Friday.",
                       "No injuries were reported in the blast.",
                       "Police announced on Friday that the road would reopen.")
    assert [c.text for c in claims] == ["the road would reopen"]
    assert claims[0].speaker == "Police"


def test_surname_takes_full_name_without_actors():
    claims = claims_of("Chancellor Olaf Scholz met union leaders in Berlin.",
                       "Scholz warned that energy prices would stay high through the winter.", with_actors=False)
    assert one(claims, "energy prices would stay high").speaker == "Olaf Scholz"


# ---- robustness ---------------------------------------------------------------------------

_MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", " ", "\n", "said", "he said", ",", ".", ":"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_MARKS, st.text(min_size=0, max_size=12)), max_size=40))
def test_random_quotes_never_raise(parts):
    text = "".join(parts)
    find_quotes(text, [(0, len(text))])
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs:
        for claim in claims_of(*paragraphs, with_actors=False):
            assert claim.text and claim.text in "\n\n".join(paragraphs)


# ---- speaker resolution: organisations, outlets, quotations attributed ahead ----------------

def test_company_and_it_refer_back_to_the_organisation():
    claims = claims_of(
        "Volvo Group will cut 3,000 office jobs, the Gothenburg-based truckmaker announced on Monday.",
        "The company said the savings would reach about $1.8 billion a year. Most of the cuts will "
        "fall in Sweden, it said.")
    assert one(claims, "will cut 3,000 office jobs").speaker == "Volvo Group"
    assert one(claims, "the savings would reach").speaker == "Volvo Group"
    assert one(claims, "Most of the cuts").speaker == "Volvo Group"


def test_the_agency_takes_the_actor_named_agency():
    claims = claims_of(
        "Toyota shares fell after the Federal Aviation Agency opened an inquiry into its suppliers.",
        "The agency said it had received 40 reports of faulty parts since January.")
    assert one(claims, "it had received 40 reports").speaker == "Federal Aviation Agency"


def test_fresh_description_and_unnamed_sources_stay_descriptions():
    claims = claims_of(
        "Storm Ciarán brought winds of 150 km/h to Brittany, Météo-France said.",
        "About 1.2 million homes were without power on Thursday, the national grid operator said.",
        "Two people familiar with the talks said the deal could be signed next week.")
    assert one(claims, "1.2 million homes").speaker == "national grid operator"
    assert one(claims, "the deal could be signed").speaker == "Two people familiar with the talks"


def test_outlet_is_speaker_when_no_other_source():
    claims = claims_of(
        "Arsenal beat Chelsea 3-1 on Saturday. The club will earn about £2 million from the run, "
        "according to the Manchester Evening News.",
        "Per the Yorkshire Post, the stadium expansion is expected to cost £50 million.",
        "The minister resigned on Friday, Reuters reported.")
    # the outlet's own reporting: the outlet is the speaker, never also the via
    c = one(claims, "The club will earn")
    assert c.speaker == "Manchester Evening News" and c.via is None
    c = one(claims, "the stadium expansion")
    assert c.speaker == "Yorkshire Post" and c.via is None
    c = one(claims, "The minister resigned")
    assert c.speaker == "Reuters" and c.via is None


def test_named_source_keeps_outlet_as_via():
    claims = claims_of("Mayor Anne Hidalgo said the tram line would open in 2026, Le Monde reported.")
    c = one(claims, "the tram line would open")
    assert c.speaker == "Anne Hidalgo" and c.via == "Le Monde"


def test_age_appositive_and_later_pronoun():
    claims = claims_of(
        '"We are exhausted," said Ines Duarte, a nurse in Porto.',
        'Rui Costa, 61, who owns a bakery near the river, said he had lost "almost all of my stock." '
        'He added: "Nobody warned us."')
    assert one(claims, "he had lost").speaker == "Rui Costa"
    assert one(claims, "Nobody warned us").speaker == "Rui Costa"


def test_bare_quote_paragraph_takes_the_attribution_that_follows():
    claims = claims_of(
        '"Prices will fall," said Jan de Vries, an economist at ING.',
        '"The harbour is closed. Nothing moves in or out.',
        '"We expect to reopen on Monday," said Pieter Bakker, the port director.',
        '"Ships are waiting offshore." Bakker added that crews were safe.')
    assert one(claims, "The harbour is closed").speaker == "Pieter Bakker"
    assert one(claims, "Ships are waiting offshore").speaker == "Pieter Bakker"


def test_she_skips_a_man_quoted_last():
    claims = claims_of(
        "Finance Minister Clara Holm met union leaders on Monday.",
        '"The deal is fair," said Peter Lind, who leads the union, and his deputy agreed.',
        "Holm, who took office after her predecessor resigned, is the fourth minister since 2020. "
        "She said she would publish the plan in June.")
    assert one(claims, "publish the plan in June").speaker == "Clara Holm"
