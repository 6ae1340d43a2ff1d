"""Timeline on real sentences: every calendar reference resolved against the dateline."""
from __future__ import annotations

import pytest

from generator.nlp import load_nlp, parse_text


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("briefings_sentences", "briefings_figures", "briefings_timeline"))


def parse(nlp, text: str, date: str):
    from generator.extract.timeline import match_timeline

    doc = parse_text(text, date, nlp)
    events, periods = match_timeline(doc)
    assert [e.model_dump() for e in events] == [e.model_dump() for e in doc._.timeline]
    assert [p.model_dump() for p in periods] == [p.model_dump() for p in doc._.periods]
    return doc


def dates(nlp, text: str, date: str = "2021-12-09") -> list[tuple[str, str]]:
    return [(e.text, e.date) for e in parse(nlp, text, date)._.timeline]


# --- the seed article (dateline Thursday 2021-12-09) -----------------------------------------

def test_seed_article(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8").strip()
    date, body = text.split(None, 2)[1], text.split(None, 2)[2]
    doc = parse(nlp, body, date)
    found = [(e.text, e.date) for e in doc._.timeline]
    assert ("on Thursday", "2021-12-09") in found
    assert ("on Tuesday", "2021-12-07") in found
    assert [d for t, d in found if t == "on Wednesday"] == ["2021-12-08"] * 3  # "stated", "assured", "said"
    rebellion = next(e for e in doc._.timeline if e.text == "2014")
    assert rebellion.event == "Russia-backed separatists rebelled against the Kiev government"
    assert ("2014", "2014") in found and ("2022", "2022") in found
    assert ("next year", "2022") in found
    tuesday = next(e for e in doc._.timeline if e.text == "on Tuesday")
    assert tuesday.event.startswith("Biden spoke with Russian President Vladimir Putin for two hours")
    assert {p.text for p in doc._.periods} == {"in the next decade", "this week"}


# --- weekdays ----------------------------------------------------------------------------------

def test_weekday_past_future_and_next(nlp):
    found = dates(nlp, "The minister resigned on Tuesday and will testify next Tuesday before the committee.")
    assert found == [("on Tuesday", "2021-12-07"), ("next Tuesday", "2021-12-14")]
    assert dates(nlp, "The vote will be held on Friday, officials said.") == [("on Friday", "2021-12-10")]
    assert dates(nlp, "Microsoft announced on Friday that it is time to move on.", "2011-03-08") == \
        [("on Friday", "2011-03-04")]


def test_weekday_of_the_dateline_is_the_dateline(nlp):
    found = dates(nlp, "Union officials said nearly 14,000 employees had a two hour work stoppage Wednesday afternoon.",
                  "2007-02-28")
    assert found == [("Wednesday afternoon", "2007-02-28")]
    assert dates(nlp, "On Tuesday, the New Zealand government announced the start of a process.", "2015-05-07") == \
        [("On Tuesday", "2015-05-05")]


# --- relative days, months, years ----------------------------------------------------------------

def test_yesterday_today_tomorrow(nlp):
    found = dates(nlp, "Tomorrow, the president will visit Paris; yesterday he was in Berlin and today he is in Rome.")
    assert found == [("Tomorrow", "2021-12-10"), ("yesterday", "2021-12-08"), ("today", "2021-12-09")]
    assert dates(nlp, "The accident, which occurred yesterday afternoon, was caused by strong winds.", "2015-09-12") == \
        [("yesterday afternoon", "2015-09-11")]


def test_relative_years_and_months(nlp):
    found = dates(nlp, "Last month the bank raised rates; this month it held them. Profits fell last year "
                       "and will recover next year.")
    assert found == [("Last month", "2021-11"), ("this month", "2021-12"), ("last year", "2020"), ("next year", "2022")]
    assert dates(nlp, "This is a decrease from the year before, when it was forty percent.", "2015-05-07") == \
        [("the year before", "2014")]
    assert dates(nlp, '"[Ten] years ago, a browser was born."', "2011-03-08") == [("[Ten] years ago", "2001")]


def test_month_names_without_year_follow_the_tense(nlp):
    found = dates(nlp, "The first meeting is set to take place in Christchurch on May 16. Mr Key promoted the "
                       "campaign on Waitangi Day - February 6 - this year. The referendum is to be held from "
                       "November 20 to December 11.", "2015-05-07")
    assert found == [("on May 16", "2015-05-16"), ("February 6", "2015-02-06"), ("this year", "2015"),
                     ("from November 20", "2015-11-20"), ("December 11", "2015-12-11")]
    assert dates(nlp, "The broadcasts began on August 10.", "2015-08-21") == [("on August 10", "2015-08-10")]
    assert dates(nlp, "The talks collapsed in November.", "2016-01-10") == [("in November", "2015-11")]


# --- explicit dates and years ------------------------------------------------------------------

def test_explicit_formats(nlp):
    found = dates(nlp, "As of March 4, 2011, IE6 has 277 vulnerabilities. The minister met him on 3 March 2020, "
                       "listed in May 2004 and opened on 2021-11-30.")
    assert found == [("As of March 4, 2011", "2011-03-04"), ("on 3 March 2020", "2020-03-03"),
                     ("May 2004", "2004-05"), ("on 2021-11-30", "2021-11-30")]


def test_years(nlp):
    found = dates(nlp, "The separatists rebelled in 2014; an attack could come as early as 2022. The schools owed "
                       "taxes for the period from 2004 to 2009.")
    assert found == [("2014", "2014"), ("2022", "2022"), ("2004", "2004"), ("2009", "2009")]


# --- periods -----------------------------------------------------------------------------------

def test_periods_are_kept_apart(nlp):
    doc = parse(nlp, "He was born in the 1960s and moved to London last week. Over the past 30 days it fell to #3. "
                     "South Korea resumed broadcasts after an 11-year lull.", "2011-03-08")
    assert doc._.timeline == []
    periods = [(p.text, p.from_, p.to) for p in doc._.periods]
    assert periods == [("the 1960s", "1960", "1969"), ("last week", "2011-02-28", "2011-03-06"),
                       ("Over the past 30 days", "2011-02-06", "2011-03-08"), ("11-year lull", "2000", "2011")]


# --- no false dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Sales rose 12% and 2000 people attended, while 1,500 troops and Internet Explorer 6 users waited.",
    "The score was 2-1 and the team is ranked #2; shells fell near posts 542 and 543.",
    "The meeting starts at 10 a.m. and ends at 3:30 pm.",
    "May said the talks had stalled, and 1500 fans left.",
    "Windows 2000 was replaced; the firm has 2016 employees.",
])
def test_no_false_dates(nlp, sentence):
    assert dates(nlp, sentence) == []


def test_percent_before_a_relative_year_is_not_a_date(nlp):
    assert dates(nlp, "Sales fell 12% from a year earlier, the company said on Monday.") == \
        [("a year earlier", "2020"), ("on Monday", "2021-12-06")]


def test_event_is_the_clause(nlp):
    doc = parse(nlp, "A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or more.",
                "2015-09-12")
    assert doc._.timeline[0].event == "A storm caused a crane to fall into Mecca's Grand Mosque"


# --- tense and aspect ------------------------------------------------------------------------

def test_a_past_verb_before_the_date_outranks_a_future_in_its_complement(nlp):
    assert dates(nlp, "The minister stated on Wednesday that she will resign in the spring.") [0] == \
        ("on Wednesday", "2021-12-08")
    assert dates(nlp, "The coach assured fans on Monday that the team would recover.") == [("on Monday", "2021-12-06")]


def test_a_future_verb_places_a_weekday_ahead_even_with_a_past_attribution_after_it(nlp):
    assert dates(nlp, "The board will meet on Wednesday, the chairman said.") == [("on Wednesday", "2021-12-15")]
    assert dates(nlp, "Voters are expected to go to the polls on Sunday.") == [("on Sunday", "2021-12-12")]


def test_a_quoted_today_is_the_day_the_words_were_spoken(nlp):
    found = dates(nlp, '"Today we begin the repairs," the mayor said on Monday.')
    assert found == [("Today", "2021-12-06"), ("on Monday", "2021-12-06")]
    assert dates(nlp, "The mayor said the repairs begin today.") == [("today", "2021-12-09")]


# --- seasons and event-relative dates ----------------------------------------------------------

def test_seasons_are_periods_in_the_direction_of_the_cue_or_tense(nlp):
    doc = parse(nlp, "Sales recovered last summer and will grow next spring, but profits fell in the autumn.",
                "2021-12-09")
    assert [(p.text, p.from_, p.to) for p in doc._.periods] == [
        ("last summer", "2021-06", "2021-08"), ("next spring", "2022-03", "2022-05"),
        ("in the autumn", "2021-09", "2021-11")]
    doc = parse(nlp, "The plant opened in the summer of 2019.", "2021-12-09")
    assert [(e.text, e.date) for e in doc._.timeline] == [("in the summer of 2019", "2019")]


@pytest.mark.parametrize("sentence", [
    "Protesters recalled the Arab Spring and the fall of the old regime.",
    "Hot spring water flows into the valley as the leaves fall.",
])
def test_a_season_word_that_is_no_season_is_no_date(nlp, sentence):
    doc = parse(nlp, sentence, "2021-12-09")
    assert doc._.timeline == [] and doc._.periods == []


def test_the_same_month_a_year_ago_repeats_the_dated_month_a_year_back(nlp):
    found = dates(nlp, "Car sales fell 20% in March, compared to the same month a year ago.", "2021-04-10")
    assert found == [("in March", "2021-03"), ("the same month a year ago", "2020-03")]


def test_a_relative_day_without_a_dated_anchor_is_no_date(nlp):
    assert dates(nlp, "The results came the day before the vote.") == []


# --- event text ---------------------------------------------------------------------------------

def test_a_date_inside_a_relative_clause_dates_that_clause(nlp):
    doc = parse(nlp, "The court ruled against the farmers who occupied the ministry in 2019.", "2021-12-09")
    assert doc._.timeline[0].event == "the farmers occupied the ministry"


def test_a_coordinated_verb_keeps_the_sentence_subject(nlp):
    doc = parse(nlp, "Carla Mendes won the vote on Monday, but resigned on Tuesday after a scandal.", "2021-12-09")
    assert [e.event for e in doc._.timeline] == ["Carla Mendes won the vote", "Carla Mendes resigned after a scandal"]


def test_a_long_event_is_never_cut_inside_a_quotation_or_a_name(nlp):
    text = ("The transport minister said on Friday that if the unions strike again the government would take "
            "\"every legal step available to keep the trains and the buses running across the whole country\" "
            "and would consult the Northern Rail Passenger Association about it.")
    event = parse(nlp, text, "2021-12-09")._.timeline[0].event
    assert event.count('"') % 2 == 0
    assert not event.endswith(("Northern", "Rail", "Passenger"))
    assert event.startswith("The transport minister said that if the unions strike")


def test_a_pronoun_subject_names_its_actor():
    doc = parse_text("Mayor Anna Berg spoke on Monday. She said on Tuesday that the city will sue the railway.",
                     "2021-12-09", load_nlp())
    assert doc._.timeline[1].event == "Anna Berg said that the city will sue the railway"


def test_the_day_is_the_day_the_story_last_dated(nlp):
    found = dates(nlp, "Shares fell on Monday. The index ended the day down 2% after a rally late in the day.")
    assert found == [("on Monday", "2021-12-06"), ("the day", "2021-12-06"), ("late in the day", "2021-12-06")]
    assert dates(nlp, "Sales for the day rose, and the results came on the day of the vote.") == []


def test_a_bare_month_follows_the_tense_and_is_no_name_or_span(nlp):
    assert dates(nlp, "Carmakers reported their November sales.") == [("November", "2021-11")]
    assert dates(nlp, "The figures for February will come.") == [("February", "2022-02")]
    assert dates(nlp, "June Carter sang, and profit for the July-September period rose.") == []
    assert dates(nlp, "The rains bring a rise in cases from around June.") == []


def test_a_complement_after_the_dates_own_verb_does_not_set_its_tense(nlp):
    assert dates(nlp, "In a July 16 press conference, the chief said that buyers would get a refund.", "2010-08-09") == \
        [("July 16", "2010-07-16")]


def _dates(text: str, dateline: str) -> list[tuple[str, str]]:
    return [(e.text, e.date) for e in parse_text(text, dateline)._.timeline]


def test_a_deadline_after_a_present_perfect_verb_lies_ahead():
    assert _dates("The regulator has kept all exchanges shut until Friday, officials said.", "2008-09-18") \
        == [("Friday", "2008-09-19")]


def test_a_deadline_after_a_simple_past_verb_lies_behind():
    assert _dates("The exchanges were shut until Friday.", "2008-09-18") == [("Friday", "2008-09-12")]


def test_a_month_deadline_after_an_intention_verb_is_this_years():
    assert _dates("The carmaker says it wants to close 40 dealers by early June.", "2009-05-14") \
        == [("by early June", "2009-06")]


def test_a_named_day_is_not_a_weekday_of_the_dateline_week():
    assert _dates("Shoppers crowded the malls on what retailers call Black Monday.", "2010-03-03") == []
    assert _dates("Voters in ten states go to the polls on Super Tuesday.", "2010-03-03") == []
    assert _dates("Shares fell sharply on Monday.", "2010-03-03") == [("on Monday", "2010-03-01")]


# --- month names, parts of the year, days of the month ------------------------------------------

def test_a_capitalised_may_is_the_month_and_sets_no_future(nlp):
    assert dates(nlp, "The strike lasted from May to August.") == [("from May", "2021-05"), ("to August", "2021-08")]


def test_the_end_or_start_of_the_year_is_the_datelines_year(nlp):
    found = dates(nlp, "Shares have risen since the start of the year, and the plant will shut by the end of the year.")
    assert found == [("the start of the year", "2021"), ("the end of the year", "2021")]
    assert dates(nlp, "Earlier in the month, the bank cut rates.") == [("Earlier in the month", "2021-12")]


def test_a_day_of_the_month_follows_the_tense(nlp):
    assert dates(nlp, "The report is due on the 15th.") == [("on the 15th", "2021-12-15")]
    assert dates(nlp, "Talks ended on the 20th, officials said.") == [("on the 20th", "2021-11-20")]
    assert dates(nlp, "The hearing was held on the 3rd.") == [("on the 3rd", "2021-12-03")]


@pytest.mark.parametrize("sentence", [
    "She works on the 15th floor.",
    "The vote came on the 3rd and 4th ballots.",
    "Rates were cut for the 5th time.",
])
def test_an_ordinal_that_is_no_day_of_the_month_is_no_date(nlp, sentence):
    assert dates(nlp, sentence) == []


def test_a_year_before_a_word_ending_in_s_is_still_a_year(nlp):
    assert dates(nlp, "The index hit its highest level since 1987 this week.") == [("1987", "1987")]


# --- offsets from an event ------------------------------------------------------------------------

def test_an_offset_from_a_dated_event_is_dated_from_that_event(nlp):
    found = dates(nlp, "Two days after the vote on Sunday, the minister resigned.")
    assert found == [("Two days after", "2021-12-07"), ("on Sunday", "2021-12-05")]
    found = dates(nlp, "Three weeks after the crash on 3 March 2020, the airline folded.")
    assert found[0] == ("Three weeks after", "2020-03-24")
    assert dates(nlp, "Five years after its launch in 2003, the shop was a hit.")[0] == ("Five years after", "2008")


def test_an_offset_from_an_undated_event_or_across_a_clause_is_no_date(nlp):
    assert dates(nlp, "Two days after the vote, the minister resigned.") == []
    assert dates(nlp, "Two days after the vote, she resigned on Sunday.") == [("on Sunday", "2021-12-05")]
    assert dates(nlp, "Five years after its launch in 2003, the shop was a hit.")[1] == ("2003", "2003")


def test_an_offset_is_still_a_duration_for_the_figures(nlp):
    doc = parse(nlp, "Two days after the vote on Sunday, the minister resigned.", "2021-12-09")
    assert [(f.value, f.counts) for f in doc._.figures] == [(2, "days")]


def test_a_year_later_in_a_past_narrative_counts_from_the_last_written_year(nlp):
    found = dates(nlp, "She founded the firm in 1990 and sold it in 1994. A year later she ran for office.")
    assert found[-1] == ("A year later", "1995")
    found = dates(nlp, "The plant opened in 2003, and the following year it was sold.")
    assert found == [("2003", "2003"), ("the following year", "2004")]


def test_a_year_later_in_a_past_clause_with_no_written_year_is_no_date(nlp):
    assert dates(nlp, "The company said sales recovered a year later.") == []
    assert dates(nlp, "Profits will double a year later.") == [("a year later", "2022")]


def test_a_scheduled_event_in_the_present_lies_ahead(nlp):
    found = dates(nlp, "Analysts estimated that sales rose in the quarter, which ends on June 26.")
    assert found == [("on June 26", "2022-06-26")]
    assert dates(nlp, "The sale begins on Monday.") == [("on Monday", "2021-12-13")]


def test_a_quoted_yesterday_in_a_sentence_opening_on_a_quote_mark_is_counted_from_the_speech(nlp):
    found = dates(nlp, '"We lost today," the coach said on Tuesday. "Yesterday was hard," he told reporters on Tuesday.')
    assert found == [("today", "2021-12-07"), ("on Tuesday", "2021-12-07"),
                     ("Yesterday", "2021-12-06"), ("on Tuesday", "2021-12-07")]
    assert dates(nlp, 'Prices rose. "Yesterday was hard," he said.') == [("Yesterday", "2021-12-08")]


@pytest.mark.parametrize("text", [
    "Critics say the council patches the roads on a Wednesday night and calls it repair.",
    "The market opens every Friday in the square.",
    "Any Tuesday will do for the handover, the depot said.",
])
def test_an_indefinite_weekday_is_no_date(nlp, text):
    assert dates(nlp, text) == []


def test_a_definite_weekday_is_still_dated(nlp):
    assert dates(nlp, "The council met on a budget deadline on Wednesday.") == [("on Wednesday", "2021-12-08")]
    assert dates(nlp, "At a Wednesday briefing, the council announced the cuts.") == [("Wednesday", "2021-12-08")]
