"""Title and summary come from the lead, as a news reader expects."""
from __future__ import annotations

from generator.extract.summary import make_summary, make_title
from generator.nlp import load_nlp, parse_text

NLP = load_nlp(components=("briefings_sentences",))


def doc(text: str):
    return parse_text(text, "2024-03-14", NLP)


def test_title_is_the_lead_main_clause_without_the_day():
    d = doc("Finance Minister Clara Voss narrowly won a parliamentary vote on her spending plan on Thursday, "
            "ending a week of coalition infighting.\n\nMore text follows here.")
    assert make_title(d) == "Finance Minister Clara Voss narrowly won a parliamentary vote on her spending plan"


def test_title_drops_a_scene_setting_opener_and_an_appositive():
    assert make_title(doc("On Tuesday, the council approved the new harbour plan after a long debate.")) == \
        "The council approved the new harbour plan"
    assert make_title(doc("Airbus, Europe's biggest aircraft manufacturer, has announced 10,000 job cuts over "
                          "the next four years.")) == "Airbus has announced 10,000 job cuts over the next four years"


def test_title_turns_a_reported_lead_into_present_tense():
    assert make_title(doc("Baltica Freight said on Wednesday that its third-quarter profit had jumped 38 percent "
                          "as shipping rates stayed high.")) == "Baltica Freight says its third-quarter profit had jumped 38 percent"
    assert make_title(doc("Investigators said on Tuesday they had recovered the data recorder.")).startswith(
        "Investigators say they had recovered")


def test_title_of_a_long_lead_is_cut_at_a_word_with_an_ellipsis():
    title = make_title(doc("Officials in the northern province of Westmoor have begun to count the cost of repairing "
                           "roads bridges schools and hospitals damaged in the floods of the spring."))
    assert title.endswith("…") and len(title.split()) <= 16 and not title[:-1].endswith(("of", "the"))


def test_summary_takes_lead_sentences_and_skips_headings_and_quotes():
    d = doc("The council approved the harbour plan after a long debate.\n\nCouncil backs plan\n\n"
            "\"This is a great day for the town and for everyone who lives here,\" the mayor said.\n\n"
            "The plan will cost about 40 million euros over five years and create 300 jobs.")
    summary = make_summary(d)
    assert summary == ("The council approved the harbour plan after a long debate. "
                       "The plan will cost about 40 million euros over five years and create 300 jobs.")
