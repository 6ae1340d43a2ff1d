"""Claims read as sentences: speaker + reporting verb + what was said, in the claim's stance,
with the relaying outlet as "according to". Invented claims only."""
from __future__ import annotations

import pytest

from generator.mkdocs_plugin.sentences import claim_sentence, past_tense


def sentence(*args, **kwargs) -> str:
    """The sentence as text, the speaker part in [brackets] (where a template puts a link)."""
    return "".join(f"[{p.value}]" if p.kind == "speaker" else p.value for p in claim_sentence(*args, **kwargs))


def test_a_denied_claim_reads_as_a_denial():
    assert sentence("The harbour board", "the ferry contract was cancelled", cue="denied", stance="denied") == \
        "[The harbour board] denied that the ferry contract was cancelled."


def test_a_denial_given_as_a_noun_still_reads_as_denied():
    assert sentence("City Hall", "it had sold the land", cue="denial", stance="denied") == "[City Hall] denied that it had sold the land."


def test_a_rejection_keeps_its_own_verb():
    assert sentence("The union", "the offer was fair", cue="rejected", stance="denied") == "[The union] rejected that the offer was fair."


def test_a_disputed_claim_reads_as_disputed():
    assert sentence("Residents", "the river was safe", cue="said", stance="disputed") == "[Residents] disputed that the river was safe."


def test_an_attribution_uses_its_cue_in_the_past_tense():
    assert sentence("Mayor Ines Olmo", "the bridge would reopen in May", cue="stressing") == \
        "[Mayor Ines Olmo] stressed that the bridge would reopen in May."


def test_a_cue_with_a_listener_is_kept_whole():
    assert sentence("Ines Olmo", "the bridge would reopen", cue="told reporters") == "[Ines Olmo] told reporters that the bridge would reopen."


def test_a_bare_told_reads_as_said():
    assert sentence("Ines Olmo", "the bridge would reopen", cue="told") == "[Ines Olmo] said that the bridge would reopen."


def test_a_relaying_outlet_reads_as_according_to():
    assert sentence("Ines Olmo", "the bridge would reopen", cue="said", via="Coast Herald") == \
        "[Ines Olmo] said that the bridge would reopen, according to Coast Herald."


def test_a_source_cue_puts_the_source_first():
    assert sentence("port officials", "cargo volumes fell", cue="According to") == "According to [port officials], cargo volumes fell."


def test_an_outlet_that_is_both_speaker_and_relay_is_named_once():
    assert sentence("Coast Herald", "talks had stalled", cue="Per", via="Coast Herald") == "According to [Coast Herald], talks had stalled."


def test_a_described_speaker_starts_the_sentence_with_a_capital():
    assert sentence("officials from the ministry", "fees would rise", cue="said").startswith("[Officials from the ministry] said")


def test_a_quote_is_quoted_with_its_own_closing_punctuation():
    assert sentence("Ines Olmo", "We will rebuild.", kind="quote", cue="said") == "[Ines Olmo] said: “We will rebuild.”"
    assert sentence("Ines Olmo", "We will rebuild", kind="quote", cue="says") == "[Ines Olmo] said: “We will rebuild”."


def test_a_trailing_comma_inside_quote_marks_does_not_end_the_sentence():
    assert sentence("Ines Olmo", 'there would be "serious costs,"', cue="said") == '[Ines Olmo] said that there would be "serious costs".'


def test_an_unattributed_claim_says_so():
    assert sentence(None, "the road was closed", cue=None) == "Unattributed: the road was closed."


@pytest.mark.parametrize("word, past", [("says", "said"), ("warns", "warned"), ("denies", "denied"), ("noting", "noted"),
                                        ("arguing", "argued"), ("stated", "stated"), ("announcement", "announced"),
                                        ("admitting", "admitted"), ("adds", "added")])
def test_reporting_verbs_are_put_in_the_past(word, past):
    assert past_tense(word) == past
