"""Lexicons and small parsers for the figure extractor: number words, units, currencies,
qualifiers, and the words that end a counted noun phrase."""
from __future__ import annotations

import re

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12}
# Attached or abbreviated multipliers after digits ("3bn", "12.5m", "$5 mn", "20k").
SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12,
                "trn": 1e12, "crore": 1e7, "lakh": 1e5}

TIME_UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
              "week": "weeks", "month": "months", "year": "years", "decade": "decades",
              "century": "centuries", "centuries": "centuries", "fortnight": "fortnights",
              "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes", "sec": "seconds"}
MEASURE_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "miles", "metre": "metres",
    "meter": "metres", "cm": "cm", "mm": "mm", "foot": "feet", "feet": "feet", "ft": "feet",
    "inch": "inches", "inches": "inches", "yard": "yards", "kg": "kg", "kilogram": "kg",
    "kilo": "kg", "gram": "grams", "tonne": "tonnes", "ton": "tons", "lb": "pounds",
    "lbs": "pounds", "ounce": "ounces", "oz": "ounces", "litre": "litres", "liter": "litres",
    "gallon": "gallons", "barrel": "barrels", "acre": "acres", "hectare": "hectares", "ha": "hectares",
    "degree": "degrees", "mph": "mph", "kph": "km/h", "knot": "knots", "mw": "MW", "gw": "GW",
    "kw": "kW", "kwh": "kWh", "twh": "TWh", "gwh": "GWh", "megawatt": "MW", "gigawatt": "GW",
    "kilowatt": "kW", "volt": "volts", "watt": "watts", "calorie": "calories", "byte": "bytes",
    "magnitude": "magnitude", "millimetre": "mm", "millimeter": "mm", "centimetre": "cm",
    "centimeter": "cm", "gb": "GB", "mb": "MB", "tb": "TB",
}
CURRENCY_WORDS = {
    "dollar": "dollars", "euro": "euros", "pound": "pounds", "yen": "yen", "yuan": "yuan",
    "renminbi": "yuan", "rupee": "rupees", "rouble": "roubles", "ruble": "roubles", "franc": "francs",
    "peso": "pesos", "krona": "kronor", "kronor": "kronor", "krone": "kroner", "kroner": "kroner",
    "lira": "lira", "rand": "rand", "shekel": "shekels", "dinar": "dinars", "dirham": "dirhams",
    "naira": "naira", "ringgit": "ringgit", "baht": "baht", "won": "won", "real": "reais",
    "reais": "reais", "zloty": "zloty", "cent": "cents", "pence": "pence", "riyal": "riyals",
}
CURRENCY_CODES = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen", "CNY": "yuan",
                  "NZD": "NZ dollars", "AUD": "Australian dollars", "CAD": "Canadian dollars",
                  "CHF": "Swiss francs", "INR": "rupees", "RUB": "roubles", "HKD": "HK dollars",
                  "Rs": "rupees", "Rs.": "rupees"}
CURRENCY_SYMBOLS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees",
                    "₩": "won", "₽": "roubles", "₪": "shekels"}
DOLLAR_PREFIX = {"US": "US", "NZ": "NZ", "A": "Australian", "AU": "Australian", "C": "Canadian",
                 "CA": "Canadian", "HK": "HK", "S": "Singapore", "NT": "NT", "R": "Brazilian",
                 "Z": "Zimbabwe", "USD": "US"}

# Qualifiers kept verbatim when written right before the number (longest first).
QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?:an\s+)?(?P<q>estimated|approximately|about|around|roughly|nearly|almost|"
    r"just over|just under|well over|well under|more than|less than|fewer than|no more than|no fewer than|"
    r"no less than|not more than|at least|at most|up to|as many as|as much as|as few as|as little as|"
    r"close to|upwards of|in excess of|over|under|some|below|above|an additional|another)\s+$", re.I)
QUALIFIER_AFTER = re.compile(r"\s+(?P<q>or more|or so|or fewer|or less|or over|and more|and over|plus)\b", re.I)

# Words that end (or cannot start) a counted noun phrase.
STOP = set("""
the a an of in on at to for from by with about as into onto over under after before since until than
that which who whom whose this these those it its their his her our your my they them he she we you i
and or but nor so yet if because while when where whether was were is are be been being has have had
do does did will would can could should may might must shall not no also just only each per apiece every
all some any more most less least both either neither other another such then there here ago earlier
later now today yesterday tomorrow tonight according said says say told compared against between among
through during within without toward towards via around across near amid despite including like
up down out off again still even ever already almost nearly about approximately roughly
""".split())
MONTH_DAY_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
                   "september", "october", "november", "december", "monday", "tuesday",
                   "wednesday", "thursday", "friday", "saturday", "sunday"}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "personnel", "staff", "cattle",
                     "feet", "teeth", "mice", "geese", "data", "media", "crew", "livestock",
                     "militia", "youth", "clergy", "aircraft", "sheep", "fish", "deer", "offspring",
                     "infantry", "troops"}
VAGUE_AFTER = {"thirds", "third", "quarters", "quarter", "fifths", "fifth", "halves", "tenths",
               "hundredths"}
# Nouns after which a number names something instead of counting it ("posts 542 and 543").
ID_NOUNS = {"post", "posts", "number", "no", "nos", "flight", "route", "room", "page", "pages",
            "chapter", "article", "section", "line", "gate", "platform", "phase", "stage", "game",
            "episode", "season", "version", "model", "bus", "highway", "interstate", "block", "unit",
            "lot", "district", "ward", "precinct", "item", "clause", "paragraph", "resolution",
            "amendment", "category", "grade", "class", "size", "channel", "code", "exit", "building",
            "floor", "track", "lane", "terminal", "pier", "berth", "bay", "sector", "zone", "level",
            "tier", "figure", "table", "appendix", "volume", "vol", "issue", "week", "day", "act",
            "round", "mile", "kilometre", "km", "apartment", "suite", "box", "cell", "ward", "bed",
            "rank", "ranked", "top", "no.", "pp", "p", "ch", "art", "sec"}
STREET_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive",
                "place", "square", "court", "terrace", "way", "highway", "plaza"}
ONE_AFTER_SKIP = {"of", "another", "day", "afternoon", "morning", "evening", "night", "time", "point", "way", "thing", "side", "hand", "other",
                  "reason", "another's", "more", "last", "such", "must", "can"}
ONE_BEFORE_SKIP = {"the", "this", "that", "no", "any", "every", "each", "which", "new", "current",
                   "last", "first", "old", "same", "another", "a", "such", "little", "big",
                   "latest", "next", "other", "one", "someone", "anyone", "everyone"}
CASUALTY_VERBS = {"killing": "killed", "killed": "killed", "kill": "killed", "wounding": "wounded",
                  "wounded": "wounded", "injuring": "injured", "injured": "injured",
                  "evacuating": "evacuated", "evacuated": "evacuated", "arresting": "arrested",
                  "arrested": "arrested", "rescuing": "rescued", "rescued": "rescued",
                  "displacing": "displaced", "displaced": "displaced", "hospitalising": "hospitalised",
                  "hospitalizing": "hospitalized", "detaining": "detained", "detained": "detained",
                  "leaving": "affected", "stranding": "stranded", "stranded": "stranded"}
CASUALTY_STATES = {"dead", "killed", "injured", "wounded", "hurt", "missing", "died", "arrested",
                   "detained", "evacuated", "displaced", "rescued", "hospitalised", "hospitalized"}
COLLECTIVES = {"panel", "committee", "board", "team", "group", "family", "crew", "jury", "council",
               "delegation", "party", "band", "squad", "commission", "cabinet", "court", "bench",
               "household", "coalition", "club", "league", "alliance", "union", "bloc", "consortium"}
PERSON_NOUNS = {"man", "woman", "boy", "girl", "child", "son", "daughter", "student", "mother", "father",
                "player", "driver", "resident", "victim", "suspect", "worker", "teenager", "pupil", "patient",
                "veteran", "actor", "actress", "singer", "striker", "midfielder", "defender", "goalkeeper"}
# Verbs (mostly irregular pasts): right after a bare number they are its verb, never what it counts
# ("Eleven went home").
PAST_VERBS = {"went", "came", "fell", "took", "gave", "got", "made", "ran", "saw", "became", "began",
              "grew", "won", "told", "said", "sank", "stood", "sat", "flew", "fled", "held", "kept",
              "knew", "met", "paid", "sold", "sent", "spent", "spoke", "struck", "threw", "wrote",
              "remain", "remained", "were", "had", "did", "drove", "swam", "hid", "lay", "woke"}
DETERMINERS = {"the", "its", "their", "his", "her", "our", "a", "an", "this", "that"}
# Singular nouns a number still counts ("6 point gain", "a 20 year low").
COUNT_SINGULARS = {"point", "year", "day", "month", "week", "hour", "minute", "percent", "per", "time",
                   "person", "member", "vote", "seat", "share", "unit", "game", "goal", "run", "lap"}
# A person's age given by a copula: "she was 34", "the boy, who was nine,".
AGE_COPULA = re.compile(r"\b(?:he|she|who|i)\s+(?:is|was|'s|turned|turns)\s+(?:only\s+|just\s+|now\s+)?$", re.I)
SPEECH_VERBS = {"said", "says", "told", "tells", "added", "recalled", "explained", "wrote", "described",
                "claimed", "noted", "commented", "asked", "complained", "reported"}
COPULAS = re.compile(
    r"(?P<subj>(?:[A-Za-z][\w'-]*\s+){1,4}?)(?:(?:would|will|could|might|may|should|must|has|have|had|"
    r"is|was|were|are|now|already|also|likely|expected to|to)\s+)*"
    r"(?:is|was|were|are|be|been|stood at|stands at|stand at|reached|reaches|rose to|rises to|fell to|"
    r"falls to|totalled|totaled|totals|numbered|numbers|topped|exceeded|exceeds|climbed to|dropped to|"
    r"increased to|decreased to|grew to|jumped to|amounted to|came to|hit)\s+$", re.I)
SUBJECT_SKIP = {"would", "will", "could", "might", "may", "should", "must", "has", "have", "had",
                "is", "was", "were", "are", "now", "already", "also", "likely", "expected", "to",
                "been", "be", "it", "this", "that", "there", "which", "who", "they", "he", "she",
                "we", "i", "you", "what", "number"}


def word_number(words: list[str]) -> tuple[float, int] | None:
    """Parse the longest number-word prefix of lower-cased ``words``: (value, words used)."""
    total, current, kind, used = 0.0, 0.0, None, 0
    i = 0
    if len(words) > 1 and words[0] in ("a", "an") and words[1] in SCALES:
        current, kind, i = 1.0, "a", 1
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in UNITS and (kind in (None, "big", "hundred") or kind == "tens" and UNITS[w] < 10):
            current += UNITS[w]
            kind = "unit"
        elif w in TENS and kind in (None, "big", "hundred"):
            current += TENS[w]
            kind = "tens"
        elif w == "hundred" and kind in ("unit", "tens", "a") and current < 100:
            current *= 100
            kind = "hundred"
        elif w in SCALES and w != "hundred" and kind in ("unit", "tens", "hundred", "a"):
            total += current * SCALES[w]
            current, kind = 0.0, "big"
        elif w == "and" and kind in ("hundred", "big") and (nxt in UNITS or nxt in TENS):
            i += 1
            continue
        elif w == "-" and kind == "tens" and nxt in UNITS and UNITS[nxt] < 10:
            i += 1
            continue
        else:
            break
        i += 1
        used = i
    if not used or kind == "a":
        return None
    return total + current, used


def plural_like(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def parse_digits(text: str) -> float | None:
    if "," in text:
        head, *groups = text.split(".")[0].split(",")
        if not (1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)):
            return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
