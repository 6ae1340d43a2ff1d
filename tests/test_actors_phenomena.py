"""Actors on invented sentences, one phenomenon per test: non-actor kinds, name boundaries,
proper-noun evidence, types, merges and salience (issue 14)."""
from __future__ import annotations

import datetime as dt

from generator.nlp import load_nlp, parse
from generator.readers.article import Paragraph, RawArticle


def make_doc(*paragraphs: str):
    art = RawArticle("t.txt", "0", dt.date(2021, 12, 9), [Paragraph(p) for p in paragraphs])
    return parse(art, load_nlp())


def names(doc) -> set[str]:
    return {a.name for a in doc._.actors}


def actor(doc, name):
    hits = [a for a in doc._.actors if a.name == name]
    assert hits, f"{name!r} not in {sorted(names(doc))}"
    return hits[0]


# --- non-actor kinds -------------------------------------------------------------------

def test_a_market_index_is_not_an_actor():
    doc = make_doc("The Nikkei fell 120 points on Tuesday, while the Korvala 40 index slipped and the "
                   "Dow Jones Industrial Average closed lower. Trader Anna Pohl said Brenmark Bank was calm.")
    assert not names(doc) & {"Nikkei", "Korvala", "Dow Jones Industrial Average", "Dow Jones"}
    assert {"Anna Pohl", "Brenmark Bank"} <= names(doc)


def test_a_country_before_the_word_index_stays_a_place():
    doc = make_doc("The main Norway index dropped, traders in Oslo said.")
    assert actor(doc, "Norway").type == "place"


def test_model_codes_and_product_nouns_are_not_actors():
    doc = make_doc("Veltron Motors is recalling its Model Q5 cars and the Zeta Player, a music device. "
                   "The jet uses four Harrow Kestrel 800 engines, Veltron Motors said.")
    assert "Veltron Motors" in names(doc)
    assert not names(doc) & {"Model Q5", "Zeta Player", "Harrow Kestrel"}


def test_a_named_storm_is_an_event_and_a_port_is_a_place():
    doc = make_doc("Storm Odile flooded Port Halden on Monday, the Coastal Flood Agency said.")
    assert "Storm Odile" not in names(doc)
    assert actor(doc, "Port Halden").type == "place"
    assert actor(doc, "Coastal Flood Agency").type == "org"


def test_calendar_ranges_and_currency_codes_are_not_actors():
    doc = make_doc("Sales in the July-September quarter rose, Ostrava Steel said. The fee is $40 (USD) a month.")
    assert not names(doc) & {"July-September", "USD"}
    assert "Ostrava Steel" in names(doc)


# --- name boundaries -------------------------------------------------------------------

def test_a_corporate_suffix_ends_a_name_before_a_person():
    doc = make_doc("The chairman of Corvane Inc. Maria Lindgren resigned on Friday.")
    assert "Maria Lindgren" in names(doc)
    assert actor(doc, "Maria Lindgren").type == "person"
    assert any(n.startswith("Corvane") for n in names(doc))


def test_a_country_and_a_person_written_together_are_two_names():
    doc = make_doc("Talks opened with the leader of Norway Hamid Karzai said yesterday.")
    assert {"Norway", "Hamid Karzai"} <= names(doc)


def test_a_weekday_after_a_place_is_a_date_not_part_of_the_name():
    doc = make_doc("Shares dropped sharply in Europe and Asia Monday, brokers said.")
    assert {"Europe", "Asia"} <= names(doc)
    assert "Asia Monday" not in names(doc)


def test_a_route_joins_two_places_through_a_function_word():
    doc = make_doc("Rates on the Asia-to-northern-Europe route fell, the Kelso Shipping Council said.")
    assert {"Asia", "Europe"} <= names(doc)


# --- proper-noun evidence --------------------------------------------------------------

def test_a_sentence_initial_company_named_like_a_word_is_kept_when_it_acts():
    doc = make_doc("Sales fell across the industry last month.", "Bramble was hardest hit, analysts said.")
    assert "Bramble" in names(doc)


def test_a_plural_common_noun_opening_a_sentence_is_no_name():
    doc = make_doc("A train left the rails near Lowick on Sunday.", "Investigators said the track was worn.")
    assert "Investigators" not in names(doc)


def test_capitalised_adjectives_before_a_noun_are_not_actors():
    doc = make_doc("Congressional lawmakers rejected the plan, and the Victorian state government objected.")
    assert not names(doc) & {"Congressional", "Victorian"}


def test_a_demonym_made_from_a_name_in_the_article_is_an_adjective():
    doc = make_doc("Valdoria raised taxes. Lawmakers in the Valdorian capital approved the budget.")
    assert "Valdorian" not in names(doc)
    assert "Valdoria" in names(doc)


def test_an_acronym_is_not_the_town_it_spells():
    doc = make_doc("The Government Accountability Office (GAO) upheld the protest. The GAO said more.")
    gao = actor(doc, "Government Accountability Office")
    assert gao.type == "org" and "GAO" in gao.aliases


# --- types -----------------------------------------------------------------------------

def test_a_multiword_name_with_a_given_name_is_a_person_without_one_an_organisation():
    doc = make_doc("Michael R. Golden met officials from Harwell Dynamics and Kesteren Rail on Monday.")
    assert actor(doc, "Michael R. Golden").type == "person"
    assert actor(doc, "Harwell Dynamics").type == "org"
    assert actor(doc, "Kesteren Rail").type == "org"


def test_a_plural_product_noun_after_a_maker_does_not_make_it_a_product():
    doc = make_doc("Ostervik's newest aircraft flew on Tuesday.", "Ostervik claims the jet beats previous Ostervik models.")
    assert actor(doc, "Ostervik").type == "org"


def test_a_surname_that_is_also_a_town_stays_with_the_person():
    doc = make_doc('"We will fix it," said Karin Lund, the chief engineer.', "Lund told reporters the fault was found.")
    lund = actor(doc, "Karin Lund")
    assert lund.type == "person" and "Lund" in lund.aliases
    assert sum(1 for a in doc._.actors if "Lund" in a.aliases) == 1


def test_a_given_name_after_a_lowercase_role_is_not_a_title():
    doc = make_doc("Rovers manager Dean Whitlock said the corner was wrong. Whitlock added more.")
    whitlock = actor(doc, "Dean Whitlock")
    assert whitlock.type == "person" and "Whitlock" in whitlock.aliases


def test_a_product_shortened_to_its_last_word_is_one_actor():
    doc = make_doc("Velmo Navigator, its main rival, gained users.", "Analysts expect Navigator to grow.")
    assert sum(1 for a in doc._.actors if "Navigator" in a.aliases or a.name == "Navigator") == 1


# --- salience --------------------------------------------------------------------------

def test_the_lead_subject_is_key_and_a_list_of_countries_is_not():
    doc = make_doc(
        "The Halden Shipping Authority approved the new port rules on Monday after talks with Norway, "
        "Sweden and Denmark.",
        "The Halden Shipping Authority said the rules start in March. The Halden Shipping Authority will "
        "review them next year, its director Ida Berg said.",
    )
    assert actor(doc, "Halden Shipping Authority").key
    assert not any(actor(doc, c).key for c in ("Norway", "Sweden", "Denmark"))


def test_both_sides_of_a_match_are_key():
    doc = make_doc(
        "Redfield United beat Castlemoor Rovers 2-1 in the cup final on Saturday.",
        "Redfield United had the better start. Castlemoor Rovers were level at half-time, but Redfield United "
        "won it late. Castlemoor Rovers had a goal disallowed.",
        "A fan, Tom Reyes, said the game was tense.",
    )
    assert actor(doc, "Redfield United").key and actor(doc, "Castlemoor Rovers").key
    assert not actor(doc, "Tom Reyes").key


def test_a_source_the_lead_is_relayed_through_is_not_key():
    doc = make_doc(
        "According to the Lorvik Herald, the Port Authority of Selm has closed the harbour.",
        "The Port Authority of Selm said it will reopen the harbour on Friday.",
    )
    assert actor(doc, "Port Authority of Selm").key
    assert not actor(doc, "Lorvik Herald").key


def test_a_country_used_as_a_modifier_in_the_lead_earns_little():
    doc = make_doc(
        "US officials met Mira Stojan, the head of the Varna Water Board, on Monday.",
        "Mira Stojan said the Varna Water Board needs funds. Stojan asked for help.",
    )
    assert actor(doc, "Mira Stojan").key
    assert not actor(doc, "United States").key


def test_key_actor_count_is_not_a_constant():
    lead = "Arnor Bank, Belcor Bank, Cedrin Bank, Dorvan Bank and Elmet Bank agreed a merger on Monday."
    body = " ".join(f"{b} Bank will keep its brand." for b in ("Arnor", "Belcor", "Cedrin", "Dorvan", "Elmet"))
    doc = make_doc(lead, body, body)
    assert sum(a.key for a in doc._.actors) == 5


def test_a_country_prefix_before_initials_is_the_same_organisation():
    doc = make_doc("The USAF and Harwell Dynamics signed a deal to protect the Air Force's interests.")
    af = [a for a in doc._.actors if "USAF" in a.aliases]
    assert af and "Air Force" in af[0].aliases


def test_words_after_a_camel_case_product_name_are_part_of_the_product():
    doc = make_doc("Zorbic released the zPlay Music Store in Europe, Zorbic said.")
    assert "Music Store" not in names(doc)
    assert "Zorbic" in names(doc)


def test_coordinated_names_share_their_plural_head():
    doc = make_doc("Officials at the State and Justice Departments met on Monday.")
    assert {"State Department", "Justice Department"} <= names(doc)
    assert all(actor(doc, n).type == "org" for n in ("State Department", "Justice Department"))


def test_a_country_without_its_direction_joins_the_one_the_article_names():
    one = make_doc("South Korea fired shells on Monday. Korea has long been divided.")
    assert [a.name for a in one._.actors if "Korea" in a.aliases] == ["South Korea"]
    both = make_doc("South Korea fired shells. Korea has long been divided, and North Korea denied it.")
    assert {"South Korea", "North Korea"} <= names(both)
    assert not any("Korea" in a.aliases for a in both._.actors if a.name in ("South Korea", "North Korea"))


def test_an_acronym_and_its_news_service_are_one_outlet():
    doc = make_doc("Vantor Broadcasting said the CBN News service will close. CBN said staff will move.")
    cbn = [a for a in doc._.actors if "CBN" in a.aliases]
    assert cbn and "CBN News" in cbn[0].aliases


def test_a_lowercase_initial_company_that_speaks_is_an_actor_a_product_is_not():
    doc = make_doc("Shares of zOrbit rose after zOrbit said sales grew. The iWand sold well.")
    assert actor(doc, "zOrbit").type == "org"
    assert "iWand" not in names(doc)


def test_a_role_in_apposition_makes_an_unknown_name_a_person():
    doc = make_doc('"The wards fill up," said Ayele Tesfamar, a nurse at a clinic in Mekele.')
    assert actor(doc, "Ayele Tesfamar").type == "person"


def test_a_name_before_a_comma_and_a_state_is_a_town():
    doc = make_doc("Corvane will close its plant in Dellow, Ohio, the company said.")
    assert actor(doc, "Dellow").type == "place"


def test_a_name_the_article_derives_a_demonym_from_is_a_place_not_part_of_an_organisation():
    doc = make_doc("Valdoria and Kestria agreed a deal, the Valdoria Fishers union said.",
                   "Valdorian trawlers may return to the sound, Valdoria said.")
    assert actor(doc, "Valdoria").type == "place"
    assert "Valdoria" not in actor(doc, "Valdoria Fishers").aliases
