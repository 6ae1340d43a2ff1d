"""Figures on real sentences: values, units, what is counted, qualifiers, and what is not a figure."""
from __future__ import annotations

import pytest

from generator.nlp import load_nlp, parse_text


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("briefings_sentences", "briefings_figures", "briefings_timeline"))


def figures_of(nlp, text: str, date: str = "2021-12-09"):
    from generator.extract.figures import match_figures

    doc = parse_text(text, date, nlp)
    assert [f.model_dump() for f in doc._.figures] == [f.model_dump() for f in match_figures(doc)]
    return doc._.figures


def one(nlp, text: str):
    found = figures_of(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- the seed article ---------------------------------------------------------------------

def test_seed_article_figures(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8").strip()
    date, body = text.split(None, 2)[1], text.split(None, 2)[2]
    found = {(f.value, f.counts): f for f in figures_of(nlp, body, date)}
    troops = found[(175000, "troops")]
    assert troops.text == "an estimated 175,000 troops" and troops.qualifier == "estimated"
    assert found[(76, "minutes")].text == "76-minute call"
    assert found[(40, "minutes")].text == "40-minute conversation"
    assert (9, "NATO member countries") in found
    assert found[(2, "hours")].text == "two hours"
    assert len(found) == 5  # "Thousands of Russian troops" is vague; "2014"/"2022" are dates


# --- values, units and counts ------------------------------------------------------------

def test_money_with_currency_unit(nlp):
    big = one(nlp, "The company said it would spend $4.5 billion on the new plant.")
    assert (big.value, big.unit, big.text) == (4_500_000_000, "dollars", "$4.5 billion")
    nz = one(nlp, "The government intends to hold the vote at an estimated cost of NZ $ 26 million, officials said.")
    assert (nz.value, nz.unit, nz.text) == (26_000_000, "NZ dollars", "NZ $ 26 million")
    eur = one(nlp, "The schools were told to pay over 422,000 euros in arrears.")
    assert (eur.value, eur.unit, eur.qualifier) == (422000, "euros", "over")


def test_percent_digits_and_words(nlp):
    found = figures_of(nlp, "Actual reductions would be about 5,000, or 9% of the work force; last year it was forty percent.")
    assert [(f.value, f.unit) for f in found if f.unit == "percent"] == [(9, "percent"), (40, "percent")]
    assert found[-1].text == "forty percent"


def test_durations_and_two_figures_in_one_phrase(nlp):
    found = figures_of(nlp, '"Had it happened five hours earlier or four hours earlier, the toll would have been higher."')
    assert [(f.value, f.counts, f.text) for f in found] == [(5, "hours", "five hours"), (4, "hours", "four hours")]


def test_counted_noun_phrase_not_next_token(nlp):
    found = figures_of(nlp, "A storm caused a crane to fall into the mosque, killing 107 or more and wounding 238, "
                            "according to the Civil Defense Authority.")
    assert [(f.value, f.counts, f.qualifier, f.text) for f in found] == [
        (107, "people killed", "or more", "107 or more"), (238, "people wounded", None, "238")]


def test_shells(nlp):
    found = figures_of(nlp, "They fired 36 shells at the posts. Six shells of them hit the area near posts 542 and 543 "
                            "and other 15 shells fell near posts 250 and 251.")
    assert [(f.value, f.counts) for f in found] == [(36, "shells"), (6, "shells"), (15, "shells")]


def test_elliptical_list_inherits_what_is_counted(nlp):
    found = figures_of(nlp, "The company expects to cut approximately 4,300 jobs in France, 3,700 in Germany, "
                            "1,600 in UK and 400 in Spain.")
    assert [(f.value, f.counts) for f in found] == [(4300, "jobs"), (3700, "jobs"), (1600, "jobs"), (400, "jobs")]
    assert found[0].qualifier == "approximately"


def test_subject_of_copula_and_collective(nlp):
    toll = one(nlp, "I think the death toll would have been more than a thousand.")
    assert (toll.value, toll.counts, toll.qualifier) == (1000, "death toll", "more than")
    panel = one(nlp, "Professor Burrows, the chairman of the project's panel of twelve, said the flag was open.")
    assert (panel.value, panel.counts, panel.text) == (12, "panel members", "panel of twelve")


@pytest.mark.parametrize("sentence,qualifier,value", [
    ("South Korea evacuated about 80 people in the town.", "about", 80),
    ("Around 2,000 people attended the rally.", "Around", 2000),
    ("Nearly 14,000 employees joined the stoppage.", "Nearly", 14000),
    ("The fire destroyed almost 300 homes.", "almost", 300),
    ("The petition now has more than 11,000 signatures.", "more than", 11000),
    ("Over 400 flights were cancelled.", "Over", 400),
    ("The blast injured at least 12 people.", "at least", 12),
    ("The fund will pay up to 500 families.", "up to", 500),
    ("Fewer than 300 students attended.", "Fewer than", 300),
    ("Roughly 2.5 million people live in the city.", "Roughly", 2_500_000),
    ("It now has an estimated 3,000 members.", "estimated", 3000),
    ("IE's share has dropped to approximately 56 percent.", "approximately", 56),
])
def test_qualifiers_verbatim(nlp, sentence, qualifier, value):
    fig = one(nlp, sentence)
    assert (fig.qualifier, fig.value) == (qualifier, value)
    assert qualifier in fig.text


def test_one_counts_only_when_it_counts(nlp):
    found = figures_of(nlp, "He said he would have one vote, but one of the senators said the new one was better "
                            "and no one objected after at least one shell landed.")
    assert [(f.value, f.counts, f.qualifier) for f in found] == [(1, "vote", None), (1, "shell", "at least")]


def test_age_and_other_hyphenated_units(nlp):
    found = figures_of(nlp, "It is time to move away from the antiquated 10-year-old browser.")
    assert [(f.value, f.counts) for f in found] == [(10, "years")]


# --- ranges ---------------------------------------------------------------------------------

def test_ranges_keep_both_ends(nlp):
    found = figures_of(nlp, "Between 5 and 10 percent of voters were undecided, and the trial could last 8–10 years.")
    assert [(f.value, f.value_to, f.unit or f.counts) for f in found] == [(5, 10, "percent"), (8, 10, "years")]


# --- not figures ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The request was advanced by the Municipality of Livorno in 2010.",
    "The broadcasts began on August 10 and the meeting starts at 10 a.m. on March 4, 2011.",
    "Usually, Internet Explorer is the #2 browser, but it has been #3 and could fall to fourth place.",
    "The shuttle mission STS-135 landed; users of Internet Explorer 6 and IE9 were told to upgrade.",
    "Arsenal won 1 – 0 against Chelsea, and the score was 2-1 at half-time.",
    "Thousands of protesters and dozens of police gathered; half of them left and millions watched.",
    "A two-thirds majority is needed, and a quarter of citizens favoured the change.",
    "Shells hit the area near KPA civil police posts 542 and 543.",
    "[Ten] years ago, a browser was born; over the past 30 days it has slipped.",
])
def test_not_figures(nlp, sentence):
    assert figures_of(nlp, sentence) == []


# --- what a number counts, in both directions --------------------------------------------------

@pytest.mark.parametrize("sentence, value", [
    ("The boy, who was nine, survived the crash.", 9),
    ("She is 34 and lives in the capital.", 34),
    ("A girl aged 15 was among the injured.", 15),
    ("The singer died at the age of 56.", 56),
])
def test_an_age_counts_years_of_age(nlp, sentence, value):
    fig = one(nlp, sentence)
    assert (fig.value, fig.counts) == (value, "years of age")


def test_a_noun_before_a_number_is_what_it_counts(nlp):
    fig = one(nlp, "Applications topped 40,000 this spring.")
    assert (fig.value, fig.counts) == (40000, "Applications")


def test_an_adjective_before_the_plural_head_stays_in_the_counted_phrase(nlp):
    fig = one(nlp, "The two remaining ferries were cancelled.")
    assert fig.value == 2 and fig.counts.endswith("ferries")


# --- not figures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "One resident said the water had turned brown.",
    "One official told reporters the plan was dead.",
    "The airline ordered an A380 for the route.",
    "The FTSE 100 rose in early trading.",
    "City won 2 – 1 at home.",
    "Over the past three weeks the river rose.",
])
def test_determiners_identifiers_scores_and_durations_are_not_figures(nlp, sentence):
    assert figures_of(nlp, sentence) == []


def test_one_that_counts_is_still_a_figure(nlp):
    fig = one(nlp, "One person died in the fire.")
    assert (fig.value, fig.counts) == (1, "person")


def test_a_large_number_before_a_plural_is_a_count_not_a_year(nlp):
    fig = one(nlp, "Nearly 1850 workers walked out.")
    assert (fig.value, fig.counts) == (1850, "workers")


# --- ranges and alternatives are one figure -----------------------------------------------------

@pytest.mark.parametrize("sentence, low, high, counts", [
    ("Between 8 and 10 people were hurt.", 8, 10, "people"),
    ("Two or three houses burned down.", 2, 3, "houses"),
    ("Officials counted 300 to 400 protesters.", 300, 400, "protesters"),
])
def test_a_range_or_alternative_is_one_figure_with_both_ends(nlp, sentence, low, high, counts):
    fig = one(nlp, sentence)
    assert (fig.value, fig.value_to, fig.counts) == (low, high, counts)


def test_a_person_aged_by_a_hyphenated_age_counts_years_of_age(nlp):
    found = figures_of(nlp, "The 22-year-old was hurt, and a 19-year-old student was missing.")
    assert [(f.value, f.counts) for f in found] == [(22, "years of age"), (19, "years of age")]


def test_a_partitive_reaches_the_plural_head_past_adjectives(nlp):
    fig = one(nlp, "Four of the derailed tank cars were carrying ammonia.")
    assert (fig.value, fig.counts) == (4, "derailed tank cars")


def test_a_sentence_opening_number_word_counts_what_the_previous_sentence_counted(nlp):
    found = figures_of(nlp, "Investigators counted nine battery fires. Seven occurred while cars were parked.")
    assert [(f.value, f.counts) for f in found] == [(9, "battery fires"), (7, "battery fires")]
    found = figures_of(nlp, "Investigators counted nine battery fires. Twelve agencies were told.")
    assert found[1].counts == "agencies"


@pytest.mark.parametrize("sentence", [
    "Boeing will replace its 737 narrowbody airliner.",
    "The 787 made its first flight.",
    "The S&P 500 index rose.",
    "Shares fell below the 5000 mark.",
    "The first flight left at 2.40 PM.",
    "Fiat has the option, but one has expired.",
])
def test_models_index_names_levels_and_times_are_not_figures(nlp, sentence):
    assert figures_of(nlp, sentence) == []


# --- counts carried across an ellipsis or a sentence -------------------------------------------

def test_a_bare_number_after_to_in_a_tally_counts_the_same_noun(nlp):
    found = figures_of(nlp, "The council passed the plan by 31 votes to 12.")
    assert [(f.value, f.counts) for f in found] == [(31, "votes"), (12, "votes")]


def test_a_larger_number_after_to_is_the_level_a_change_reached(nlp):
    found = figures_of(nlp, "The index fell 120.5 points to 5210.40 on the news.")
    assert [(f.value, f.counts) for f in found] == [(120.5, "points"), (5210.4, None)]


def test_an_opening_number_counts_the_latest_earlier_count_that_can_hold_it(nlp):
    found = figures_of(nlp, "Medics treated 20 pupils, including three teachers. Eleven went home by noon.")
    assert [(f.value, f.counts) for f in found] == [(20, "pupils"), (3, "teachers"), (11, "pupils")]


def test_a_quantifier_over_a_plural_names_what_the_next_opening_number_counts(nlp):
    found = figures_of(nlp, "None of the leaks reached the river. Five were sealed within hours, and two were left open.")
    assert [(f.value, f.counts) for f in found] == [(5, "leaks"), (2, "leaks")]


def test_one_of_them_with_a_qualifier_counts_the_noun_before(nlp):
    found = figures_of(nlp, "Six buses were stopped, and at least one of them caught fire.")
    assert [(f.value, f.counts, f.qualifier) for f in found] == [(6, "buses", None), (1, "buses", "at least")]
    assert found[1].text == "at least one of them"


def test_one_more_counts_but_one_more_time_does_not(nlp):
    fig = one(nlp, "The regulator said it could not accept one more outage.")
    assert fig.value == 1 and fig.counts.endswith("outage")
    assert figures_of(nlp, "He asked them to try one more time.") == []
    assert figures_of(nlp, "One of them said the plan had failed.") == []


def test_a_currency_range_written_with_the_sign_twice_is_one_figure(nlp):
    fig = one(nlp, "Repairs could cost between $3 million and $4.5 million.")
    assert (fig.value, fig.value_to, fig.unit) == (3_000_000, 4_500_000, "dollars")
    assert fig.text == "between $3 million and $4.5 million"


def test_a_change_from_one_sum_to_another_is_two_figures(nlp):
    found = figures_of(nlp, "Costs rose from £2 million to £3 million.")
    assert [(f.value, f.value_to) for f in found] == [(2_000_000, None), (3_000_000, None)]


def test_a_number_set_off_after_a_person_noun_is_an_age(nlp):
    fig = one(nlp, "A woman, 71, was rescued from the roof.")
    assert (fig.value, fig.counts) == (71, "years of age")


@pytest.mark.parametrize("sentence", [
    "The new jets come from the 737-800 range.",
    "The plane will take the title from rival Boeing's 747.",
])
def test_a_model_with_its_variant_or_after_a_named_owner_is_not_a_figure(nlp, sentence):
    assert figures_of(nlp, sentence) == []


def test_a_hyphenated_range_before_a_plural_is_still_a_range(nlp):
    fig = one(nlp, "The jet seats 200-250 passengers.")
    assert (fig.value, fig.value_to, fig.counts) == (200, 250, "passengers")


def test_an_amount_after_a_possessive_month_is_still_a_figure(nlp):
    found = figures_of(nlp, "Sales fell to 8.7 million, from January's 9.1 million.")
    assert [f.value for f in found] == [8_700_000, 9_100_000]
