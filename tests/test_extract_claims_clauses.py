"""Claims on invented sentences: stance, negation, clause-bounded speakers, appositions,
previous-sentence introducers, unnamed and document sources, the wider cue lexicon, and
speakers linked to actors. One test per phenomenon of issue #15."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Briefing, Claim, Source
from tests.test_extract_claims import claims_of, one


# ---- stance: denials and disputes read as such --------------------------------------------

def test_a_denied_claim_reads_as_a_denial():
    c = one(claims_of("Piet Smolders denied that he had received any payment from the developer."),
            "any payment")
    assert (c.speaker, c.cue, c.stance) == ("Piet Smolders", "denied", "denied")
    assert c.text == "he had received any payment from the developer"


def test_a_nominal_denial_is_a_denied_claim_by_its_owner():
    c = one(claims_of("The school stayed open, despite Harlow Council's denial that it would close in June."),
            "it would close")
    assert (c.speaker, c.cue, c.stance) == ("Harlow Council", "denial", "denied")


def test_rejecting_claims_that_denies_the_proposition():
    c = one(claims_of("Greta Lind rejected claims that the reservoir was leaking into the river."), "reservoir")
    assert (c.speaker, c.cue, c.stance) == ("Greta Lind", "rejected", "denied")
    assert c.text == "the reservoir was leaking into the river"


def test_dismissed_as_nonsense_reports_is_a_denial():
    c = one(claims_of("Hanna Vogt dismissed as nonsense reports that she planned to resign."), "resign")
    assert (c.speaker, c.stance, c.text) == ("Hanna Vogt", "denied", "she planned to resign")


def test_disputing_or_questioning_a_proposition_is_disputed():
    claims = claims_of("Ola Brandt disputed that the wage offer was final.",
                       "Mira Kent questioned whether the new bridge could carry heavy lorries.")
    assert one(claims, "wage offer").stance == "disputed"
    c = one(claims, "heavy lorries")
    assert (c.speaker, c.stance) == ("Mira Kent", "disputed")


def test_stance_words_without_a_proposition_make_no_claim():
    assert claims_of("The committee rejected the amendment by nine votes to four.") == []


def test_stance_is_left_out_of_the_front_matter_when_asserted():
    b = Briefing(title="t", date=dt.date(2024, 1, 1), source=Source(path="a.txt", sha256="0" * 64), claims=[
        Claim(speaker="A", text="p", kind="attribution"),
        Claim(speaker="B", text="q", kind="attribution", stance="denied", speaker_actor="C")])
    first, second = b.front_matter()["claims"]
    assert "stance" not in first and "speaker_actor" not in first
    assert second["stance"] == "denied" and second["speaker_actor"] == "C"


def test_an_unknown_stance_is_rejected_by_the_model():
    with pytest.raises(ValueError):
        Claim(speaker="A", text="p", kind="attribution", stance="refuted")


# ---- negated cues --------------------------------------------------------------------------

def test_a_negated_cue_is_not_a_claim():
    claims = claims_of("Hanna Vogt did not say that the plant would close.",
                       "The mayor never claimed that the budget was balanced.",
                       'Rolf Aas did not say: "We will leave the coalition before the summer."')
    assert claims == []


# ---- clause-bounded speakers -----------------------------------------------------------------

def test_a_second_coordinated_cue_is_a_claim_of_the_same_speaker():
    claims = claims_of("Torvald Ek said the talks had failed and added that a strike was likely.")
    first, second = one(claims, "talks had failed"), one(claims, "strike was likely")
    assert first.text == "the talks had failed" and (second.speaker, second.cue) == ("Torvald Ek", "added")
    assert first.speaker == "Torvald Ek"


def test_the_subject_of_the_cues_clause_speaks_not_its_object():
    c = one(claims_of("Karin Olsen wrote to the mayor and said the budget was unlawful."), "unlawful")
    assert c.speaker == "Karin Olsen"


def test_a_with_participle_has_its_own_subject():
    claims = claims_of('The vote passed narrowly, with Piet Smolders stating: "This is a dark day for the province."',
                       "The law passed, with Ana Roos saying that the province would appeal.")
    assert one(claims, "dark day").speaker == "Piet Smolders"
    assert one(claims, "would appeal").speaker == "Ana Roos"


def test_an_apposed_name_speaks_not_the_role_before_it():
    c = one(claims_of("The club's head coach, Marta Ilves, said the squad would train behind closed doors."),
            "closed doors")
    assert c.speaker == "Marta Ilves"


# ---- quotations introduced elsewhere -------------------------------------------------------

def test_a_quote_opening_a_sentence_takes_the_previous_sentences_issuer():
    claims = claims_of("Dunmore Mining issued a statement late on Friday.",
                       '"No workers were underground at the time of the collapse."')
    assert one(claims, "No workers").speaker == "Dunmore Mining"


def test_a_quote_followed_by_according_to_or_in_the_words_of():
    claims = claims_of('"The dam is safe," according to Jon Berger, the chief engineer.',
                       '"We have lost everything," in the words of Maria Lund, a farmer from the valley.')
    assert one(claims, "dam is safe").speaker == "Jon Berger"
    assert one(claims, "lost everything").speaker == "Maria Lund"


def test_a_name_before_a_colon_speaks_the_quote_after_it():
    claims = claims_of('Tomas Berg continued: "We will appeal against the ruling in the higher court."')
    assert one(claims, "appeal against").speaker == "Tomas Berg"


def test_a_statement_saying_is_the_issuers_claim():
    c = one(claims_of("Dunmore Mining released a statement saying the recall would cost about $40 million."),
            "recall would cost")
    assert (c.speaker, c.cue) == ("Dunmore Mining", "saying")


# ---- unnamed and document sources ------------------------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("Officials said the bridge would reopen in May.", "Officials"),
    ("One resident wrote that the water had smelled of diesel for weeks.", "One resident"),
    ("The report says the river has been polluted for a decade.", "report"),
    ("The study's authors found that older drivers were safer at night.", "study's authors"),
])
def test_unnamed_and_document_sources_are_speakers(sentence, speaker):
    (c,) = claims_of(sentence)
    assert c.speaker == speaker


def test_a_document_speaks_for_its_named_owner():
    c = one(claims_of("Harlow Council's annual report concluded that the library should close."), "library")
    assert c.speaker == "Harlow Council"


def test_according_to_in_mid_sentence_attributes_the_clause():
    c = one(claims_of("The plant, according to company officials, will close next year."), "close next year")
    assert c.speaker == "company officials" and c.cue == "according to"


# ---- the cue lexicon -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, cue, text", [
    ("The researchers theorised that the fish had moved north.", "theorised", "the fish had moved north"),
    ("Lena Park thought that the proposal was too expensive.", "thought", "the proposal was too expensive"),
    ("Mr Daly pleaded with residents to stay indoors until the morning.", "pleaded", "to stay indoors until the morning"),
    ("The inspectors recommended that the mine be closed at once.", "recommended", "the mine be closed at once"),
    ("Ivo Maric learned that his contract would not be renewed.", "learned", "his contract would not be renewed"),
    ("Police found that the driver had been drinking.", "found", "the driver had been drinking"),
])
def test_reporting_verbs_beyond_say_are_cues(sentence, cue, text):
    c = one(claims_of(sentence), text)
    assert c.cue == cue and c.text == text


def test_found_without_that_needs_a_study_as_subject():
    assert claims_of("Rescuers found the bodies of two climbers near the summit.") == []
    assert one(claims_of("A new survey found most voters back the plan."), "most voters").cue == "found"


def test_a_nominal_cue_owned_by_a_pronoun_takes_its_antecedent():
    claims = claims_of("Karin Olsen spoke to reporters on Monday.",
                       "She repeated her claim that the budget was unlawful.")
    c = one(claims, "budget was unlawful")
    assert (c.speaker, c.cue) == ("Karin Olsen", "claim")


def test_manner_verbs_are_cues_beside_quotes_only():
    claims = claims_of('"We are rolling out the first aircraft," enthused Ruth Amsel, the project manager.',
                       "The crowd shouted the names of the players.")
    assert one(claims, "rolling out").speaker == "Ruth Amsel"
    assert len(claims) == 1


# ---- speakers and actors -------------------------------------------------------------------------

def test_a_described_group_speaker_links_to_its_actor():
    claims = claims_of(
        "The Harlow Water Board said the reservoir was full.",
        "Officials from the Harlow Water Board have stated that the pipes would be replaced next year.")
    c = one(claims, "pipes would be replaced")
    assert c.speaker == "Officials from the Harlow Water Board"
    assert c.speaker_actor == "Harlow Water Board"
    assert one(claims, "reservoir was full").speaker_actor is None  # the actor's own name


def test_an_outlet_relaying_a_named_source_is_only_the_via():
    c = one(claims_of("Greta Lind told the Valley Courier that the plant would close in March."), "plant would close")
    assert (c.speaker, c.via) == ("Greta Lind", "Valley Courier")


def test_a_quote_after_a_sentence_whose_cue_reports_nothing_takes_its_subject():
    claims = claims_of("Chairman Dieter Maas denied the allegations.",
                       '"We do not exclude any option in order to find the best solution for both groups."',
                       "Car sales are predicted to have dipped below nine million in March.",
                       '"Dealers are pulling every lever in their effort to attract buyers this spring."')
    assert one(claims, "exclude any option").speaker == "Dieter Maas"
    assert one(claims, "pulling every lever").speaker is None  # a passive "predicted" introduces no one


def test_a_clause_before_a_colon_gives_its_subject_to_the_quote():
    c = one(claims_of('Jane Roe spoke about the fire at the depot: "We do not know yet what caused it."'), "caused it")
    assert c.speaker == "Jane Roe"


def test_a_person_named_after_an_organisation_and_role_speaks():
    c = one(claims_of('Procter & Gamble spokeswoman Jenny Chen spoke about the fire: "We do not know what caused it."'),
            "caused it")
    assert c.speaker == "Jenny Chen"


def test_a_relative_clause_cue_belongs_to_its_antecedent_and_ends_at_its_comma():
    claims = claims_of("Jan Kowal, who had told reporters that the mine was safe, resigned on Monday.",
                       '"It was terrifying," said one resident, who asked not to be named.')
    c = one(claims, "mine was safe")
    assert (c.speaker, c.text) == ("Jan Kowal", "the mine was safe")
    assert [x.text for x in claims if "named" in x.text] == []  # "asked not to": negated


def test_noted_how_reports_the_wh_clause_but_asked_why_is_a_question():
    claims = claims_of("Ola Brandt noted how the squad had improved since January.",
                       "Mia Holm asked why the strike had been called.")
    c = one(claims, "squad had improved")
    assert (c.speaker, c.cue, c.text) == ("Ola Brandt", "noted", "how the squad had improved since January")
    assert [x for x in claims if "strike" in x.text] == []


def test_a_split_quote_with_the_speaker_after_the_cue_keeps_it_for_both_halves():
    claims = claims_of('"It is a partnership that will give the plant a chance to survive," said union leader '
                       'Mia Holm, "and we will fight for every job at the site."')
    assert one(claims, "partnership").speaker == "Mia Holm"
    assert one(claims, "every job").speaker == "Mia Holm"


def test_a_name_after_role_words_speaks_not_the_demonym_before_it():
    claims = claims_of('"It is a partnership that will give the plant a chance," said American president Ola Berg, '
                       '"and we will fight for every job."',
                       '"The pipes will be replaced," said a spokesman for Harlow Water.')
    assert one(claims, "partnership").speaker == "Ola Berg"
    assert one(claims, "pipes").speaker == "a spokesman for Harlow Water"


def test_a_participle_after_an_inverted_cue_shares_its_subject():
    claims = claims_of('"We will grow abroad," Mitsu Mori said on Monday.',
                       '"We plan to grow our revenue from international routes," he adds, noting flights to Europe '
                       'are possible for the new jets.')
    assert one(claims, "flights to Europe").speaker == "Mitsu Mori"
