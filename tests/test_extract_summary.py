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
    assert make_title(d) == "Finance Minister Clara Voss narrowly won a parliamentary vote"  # <= 80 chars


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


def test_summary_takes_lead_sentences_and_skips_headings_and_quotes():
    d = doc("The council approved the harbour plan after a long debate.\n\nCouncil backs plan\n\n"
            "\"This is a great day for the town and for everyone who lives here,\" the mayor said.\n\n"
            "The plan will cost about 40 million euros over five years and create 300 jobs.")
    summary = make_summary(d)
    assert summary == ("The council approved the harbour plan after a long debate. "
                       "The plan will cost about 40 million euros over five years and create 300 jobs.")


def test_a_long_lead_becomes_a_headline_cut_at_a_whole_word_before_a_trailing_phrase():
    title = make_title(doc("The regional transport authority has approved an ambitious plan to double the number "
                           "of night buses serving the northern suburbs over the coming winter months."))
    assert len(title) <= 80 and not title.endswith("…")
    assert title == "The regional transport authority has approved an ambitious plan"


def test_a_headline_names_people_without_their_titles():
    full = load_nlp()
    d = parse_text("Prime Minister Helena Marquardt held talks with Foreign Secretary Tobias Lindqvist for more "
                   "than two hours in the capital, despite protests.\n\nHelena Marquardt said little.", "2024-03-14", full)
    # without the titles still over 80 characters: surnames, as headlines name people
    assert make_title(d) == "Marquardt held talks with Lindqvist for more than two hours in the capital"


def test_a_title_never_ends_inside_a_quotation_or_a_name():
    title = make_title(doc('Ministers promised to "protect every single family farm in the country from the new '
                           'import rules" at a summit in Port Callow hosted by the Northern Farmers Union.'))
    assert title.count('"') % 2 == 0 and len(title) <= 80
    assert not title.endswith(("Port", "Northern", "Farmers"))


def test_an_article_headline_always_wins():
    from generator.readers.text import parse_text_article
    from generator.nlp import parse

    article = parse_text_article(b"date 2024-03-14 A lead sentence that is long enough to be a title.", "x.txt")
    article = article.model_copy(update={"title": "The editor's own headline"}) if hasattr(article, "model_copy") \
        else article.__class__(**{**article.__dict__, "title": "The editor's own headline"})
    assert make_title(parse(article, NLP)) == "The editor's own headline"


def test_a_title_is_not_cut_inside_an_amount():
    title = make_title(doc("Internal messages exchanged among regional transport officials regarding a US$ 23 billion "
                           "leasing deal for new buses have been released."))
    assert len(title) <= 80 and not title.endswith("23")
