"""Reported statements inside one sentence: "X said (that) …", "…, X said", "according to X",
"per X", "X's denial that …", and the relaying outlet ("…, NY Post reported")."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from generator.extract.claims.lexicon import (
    ADVERBS, CHANNEL_NOUNS, CUE_CLASS, DAYS, DETERMINERS, NEGATORS, NOMINAL, OBJECT_VERBS, PASSIVE_AUX,
    PREPOSITIONS, STANCE, STUDY_NOUNS, SUBORDINATORS, WH_CUES, is_outlet,
)
from generator.extract.claims.clauses import (
    _coordinated_cue, _issuer, _owner, _proposition, _with_subject,
)
from generator.extract.claims.relay import _channel_pp, _np_ref
from generator.extract.doc_facts import token_lowers, token_texts
from generator.extract.claims.speakers import (
    Ref, find_subject, name_ref, np_forward, run_fwd, sentence_subject, span_text,
)

_END_PUNCT = {".", ",", ";", ":", "!", "?", "…", "-", "—", "–"}
_MARKS = {'"', "“", "”", "„", "«", "»", "‘", "’", "'"}
_TIME_NOUNS = DAYS | {"week", "month", "year", "morning", "afternoon", "evening", "night", "weekend"}
_LOOSE_TIME = {"yesterday", "today", "tonight", "earlier", "later", "also", "again", "publicly",
               "repeatedly", "recently", "previously", "separately", "privately", "once", "too"}
_VERBISH = PASSIVE_AUX | {"has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
                          "should", "do", "does", "did", "not", "'s"}
_WH = {"what", "which", "who", "whom", "whether", "how", "why", "where", "when", "if"}
_NON_CLAUSE = PREPOSITIONS | {"and", "but", "or", "so", "as", "nothing", "anything", "goodbye", "hello"}


@dataclass
class Draft:
    start: int  # character span of the claim text
    end: int
    kind: str
    cue: str | None
    ref: Ref | None
    sent: int
    pos: int  # character offset of the cue (or the text) for resolution order
    via: str | None = None
    inherit: bool = False
    para: int = -1
    quote: object = None
    relay_only: bool = False
    extra: dict = field(default_factory=dict)


def _is_cue_token(doc: Doc, i: int, ss: int) -> str | None:
    cls = CUE_CLASS.get(token_lowers(doc)[i])
    if cls is None:
        return None
    t = doc[i]
    if t.text[:1].isupper() and i != ss:
        return None
    if (not t.whitespace_ and i + 1 < len(doc) and doc[i + 1].text in ("-", "–")) or \
            (i > 0 and doc[i - 1].text in ("-", "–") and not doc[i - 1].whitespace_):
        return None  # part of a compound ("counter-measures", "well-known")
    return cls


def _skip_time(doc: Doc, p: int, se: int) -> int:
    while p < se:
        w = doc[p].lower_
        if w in _LOOSE_TIME:
            p += 1
        elif w in ("on", "last", "this", "late", "early") and p + 1 < se and doc[p + 1].lower_ in _TIME_NOUNS:
            p += 2
            if p < se and doc[p].lower_ in _TIME_NOUNS:
                p += 1
        elif w in DAYS:
            p += 1
        else:
            break
    return p


def _clause_end(doc: Doc, p: int, se: int, quote_opens: set[int], first_comma_stop: bool) -> int:
    k = p
    while k < se:
        t = doc[k]
        if k in quote_opens and k > p:
            return k
        if t.lower_ in ("and", "but") and k > p and _coordinated_cue(doc, k + 1, se):
            return k  # "said P and added that Q": the second cue opens a claim of its own
        if t.text in (",", ";", "—", "–") and k > p:
            n = k + 1
            while n < se and doc[n].text in _MARKS and not doc[n - 1].whitespace_ and n not in quote_opens:
                n += 1  # '…measures," as per X': the closing mark stays with the clause
            stop = n if n > k + 1 else k
            if first_comma_stop and t.text == ",":
                return stop
            nxt = doc[n].lower_ if n < se else ""
            if t.text == "," and _relay_at(doc, n, se):
                return stop
            cls = CUE_CLASS.get(nxt)
            if cls and nxt.endswith("ing"):
                return stop
        k += 1
    return se


def _relay_at(doc: Doc, k: int, se: int) -> bool:
    """Does a relay phrase start at token k: "according to X", "as per X", "per X", "X reported"."""
    if k >= se:
        return False
    w = doc[k].lower_
    if w == "according" and k + 1 < se and doc[k + 1].lower_ == "to":
        return True
    if w == "as" and k + 1 < se and doc[k + 1].lower_ == "per":
        return True
    if w == "per" and k + 1 < se and doc[k + 1].text[:1].isupper():
        return True
    # "X said." / "said X." closing the sentence
    for i in range(k, min(se, k + 8)):
        if CUE_CLASS.get(doc[i].lower_) and not doc[i].lower_.endswith("ing"):
            rest = _skip_time(doc, i + 1, se)
            if rest >= se or doc[rest].text in _END_PUNCT:
                return True
            if i == k:  # inverted: ", said KCNA."
                r = run_fwd(doc, rest, se)
                return bool(r) and (r[1] >= se or doc[r[1]].text in _END_PUNCT)
            return False
        if doc[i].text in _END_PUNCT or doc[i].text in _MARKS:
            return False
    return False


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while e > s and (doc[e - 1].text in _END_PUNCT or doc[e - 1].is_space):
        e -= 1
    while s < e and (doc[s].is_space or doc[s].text in (",", ":")):
        s += 1
    return s, e


def _words(doc: Doc, s: int, e: int) -> int:
    return sum(1 for i in range(s, e) if doc[i].is_alpha or doc[i].like_num)


def sentence_claims(doc: Doc, ss: int, se: int, sent_idx: int, in_quote: list[bool],
                    quote_opens: set[int], quote_closes: set[int], used_cues: frozenset[int] = frozenset()) -> list[Draft]:
    """Attributions of one sentence (token span [ss, se)). Quotations are found elsewhere."""
    out: list[Draft] = []
    relays: list[tuple[str, Ref | None, int, int]] = []  # (outlet, ref, start, end) of a relay phrase
    lowers = token_lowers(doc)
    leading_sub = lowers[ss] in SUBORDINATORS if ss < se else False
    texts = token_texts(doc)
    first_comma = next((k for k in range(ss, se) if texts[k] == ","), se)

    def draft(s, e, cue, ref, pos_tok, kind="attribution"):
        s, e = _trim(doc, s, e)
        if e <= s or _words(doc, s, e) < 3:
            return None
        d = Draft(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), kind, cue, ref, sent_idx, doc[pos_tok].idx)
        d.extra["tok"] = (s, e)
        out.append(d)
        return d

    i = ss
    while i < se:
        w = lowers[i]
        if in_quote[i]:
            i += 1
            continue
        # ---- according to X / (as) per X
        if (w == "according" and i + 1 < se and doc[i + 1].lower_ == "to") or \
                (w == "per" and i + 1 < se and (doc[i + 1].text[:1].isupper() or doc[i + 1].lower_ == "the")
                 and (i == ss or doc[i - 1].text == "," or doc[i - 1].lower_ == "as")):
            np_lo = i + 2 if w == "according" else i + 1
            cue_s = i - 1 if w == "per" and i > ss and doc[i - 1].lower_ == "as" else i
            cue = span_text(doc, cue_s, np_lo)
            ref, np_end = _np_ref(doc, np_lo, se)
            via = ref.text if ref and is_outlet(span_text(doc, np_lo, np_end)) else None
            speaker = ref  # an outlet with no other source is the speaker as well as the via
            if np_end < se and doc[np_end].lower_ == "quoting" or (np_end + 1 < se and doc[np_end + 1].lower_ == "quoting"):
                q = np_end if doc[np_end].lower_ == "quoting" else np_end + 1
                speaker, np_end = _np_ref(doc, q + 1, se)
                via = ref.text if ref else None
            leading = all(doc[k].is_punct or doc[k].is_space for k in range(ss, cue_s))
            if leading:
                body_s = np_end + 1 if np_end < se and doc[np_end].text == "," else np_end
                body_e = _clause_end(doc, body_s, se, quote_opens, False)
                relays.append((via, speaker, body_s, body_e))
            else:
                body_e = cue_s - 1 if cue_s - 1 >= ss and doc[cue_s - 1].text == "," else cue_s
                if body_e < cue_s and np_end + 1 < se and doc[np_end].text == "," \
                        and doc[np_end + 1].text not in _MARKS and _words(doc, ss, body_e) < 3:
                    # "The plant, according to officials, will close": the clause runs on after it
                    body_e = _clause_end(doc, np_end + 1, se, quote_opens, False)
                relays.append((via, speaker, ss, body_e))
            relays[-1] += (cue, i)
            i = max(np_end, i + 1)
            continue
        # ---- X's denial that …
        if w in NOMINAL and i + 1 < se and doc[i + 1].lower_ == "that" and i - 1 >= ss:
            ref = _owner(doc, ss, i)
            if ref is not None:
                e = _clause_end(doc, i + 2, se, quote_opens, False)
                d = draft(i + 2, e, texts[i], ref, i)
                if d is not None:
                    d.extra["nominal"] = True
                i += 1
                continue
        cls = None if i in used_cues else _is_cue_token(doc, i, ss)
        if cls is None or cls == "quote":  # manner verbs ("enthused") only beside quotations
            i += 1
            continue
        prev_ref = next((x.ref for x in reversed(out) if x.ref is not None), None)
        d = _verb_claim(doc, i, cls, ss, se, leading_sub and i < first_comma, quote_opens, quote_closes, in_quote, draft,
                        prev_ref)
        i = d if d else i + 1
    # "…, NY Post reported." after another claim: the outlet relays it
    outlets = [d for d in out if d.extra.get("outlet_speaker")]
    for o in outlets:
        others = [d for d in out if d is not o and not d.extra.get("outlet_speaker")]
        if others:
            for d in others:
                d.via = d.via or o.ref.text
            out.remove(o)
    # relay phrases: a via for the sentence's other claims, or a claim of their own
    for via, ref, bs, be, cue, pos in relays:
        others = [d for d in out if not d.relay_only and not d.extra.get("nominal")]
        if others and via:
            for d in others:
                d.via = d.via or via
            continue
        if others and any(d.extra["tok"][0] <= bs + 2 or d.extra["tok"][1] >= be - 2 for d in others):
            for d in others:
                if d.ref is None and ref is not None:
                    d.ref = ref
            continue
        d = draft(bs, be, cue, ref, pos)
        if d:
            d.via = via
    return out


def _verb_claim(doc, i, cls, ss, se, in_leading_sub, quote_opens, quote_closes, in_quote, draft, prev_ref=None):
    w = doc[i].lower_
    prev = i - 1
    while prev >= ss and ((doc[prev].lower_ in ADVERBS and doc[prev].lower_ not in ("has", "have", "had"))
                          or (doc[prev].text in _MARKS and prev - 1 >= ss and doc[prev - 1].text == ","
                              and not doc[prev - 1].whitespace_)):
        prev -= 1
    pw = doc[prev].lower_ if prev >= ss else ""
    if pw in NEGATORS:
        return None  # "did not say", "never confirmed": nothing was claimed
    adjective = w in ("concerned", "worried")
    if adjective != (pw in PASSIVE_AUX):
        return None
    if pw in SUBORDINATORS or pw == "to" or pw in DETERMINERS or pw in ("'s", "’s"):
        return None
    participle = w.endswith("ing")
    with_subject = _with_subject(doc, ss, prev) if participle else None
    channel = participle and pw in CHANNEL_NOUNS  # "issued a statement saying ..."
    if participle and pw != "," and with_subject is None and not channel:
        return None
    p = i + 1
    via = None
    has_that = False
    # listener / object ("told reporters", "warned Moscow", "asks to the regional government")
    if w in OBJECT_VERBS and p < se and doc[p].lower_ != "that":
        k = p
        while k < se and k - p < 7 and doc[k].lower_ not in ("that", "to") and doc[k].text not in _END_PUNCT \
                and doc[k].text not in _MARKS:
            k += 1
        if k < se and doc[k].lower_ in ("that", "to") and k > p:
            if doc[k - 1].lower_ in NEGATORS:
                return None  # "asked not to be named"
            obj = span_text(doc, p, k)
            r = run_fwd(doc, p, k)
            if r and is_outlet(obj):
                via = span_text(doc, *r)
            if doc[k].lower_ == "that" or cls == "to":
                p = k
        else:
            r = run_fwd(doc, p, se)
            if r:
                if is_outlet(span_text(doc, *r)):
                    via = span_text(doc, *r)
                p = r[1]
            elif p < se and doc[p].is_alpha and doc[p].lower_ not in PREPOSITIONS:
                p += 1
    for _ in range(3):
        p = _skip_time(doc, p, se)
        pp = _channel_pp(doc, p, se)
        if pp:
            p, outlet = pp
            via = via or outlet
        elif p < se and doc[p].text == "," and p + 1 < se and (p + 1 in quote_opens or doc[p + 1].text in _MARKS):
            p += 1
    if p < se and doc[p].lower_ == "that":
        if p + 1 < se and doc[p + 1].text in ("'s", "’s"):
            return None  # "I think that's …": a demonstrative, not a reported clause
        has_that, p = True, p + 1
    elif p < se and doc[p].text == ":":
        has_that, p = True, p + 1
    subj_lo = ss
    for k in range(i - 1, ss - 1, -1):
        if k in quote_closes:
            subj_lo = k + 1
            break
    # end of sentence right after the cue: "…, NY Post reported." / "…, said KCNA."
    rest = p
    if subj_lo > ss and all(doc[k].is_punct or doc[k].is_space or in_quote[k] for k in range(subj_lo, min(i, subj_lo + 1))):
        return None  # '"…," he said' / '"…," said X': the quote pass owns the cue
    if rest >= se or doc[rest].text in _END_PUNCT or (doc[rest].text in _MARKS and rest in quote_closes):
        if cls in ("to", "stance"):
            return None  # "… lead to dropped calls.": these cues need a clause after them
        return _trailing(doc, i, ss, se, subj_lo, quote_closes, draft, via)
    if p < se and (p in quote_opens or (p + 1 < se and p + 1 in quote_opens and doc[p].text in (",", ":"))):
        return None  # a quotation follows: the quote pass owns it
    if in_quote[p] if p < se else False:
        return None
    inverted = pw == "," and cls != "to"
    if inverted and not participle:  # ", said Julien Talavan, a spokesman …" after a clause
        r = run_fwd(doc, p, se)
        if r and (r[1] >= se or doc[r[1]].text in (".", "!", "?") or (doc[r[1]].text == "," and r[1] + 1 < se
                                                                      and not doc[r[1] + 1].text[:1].isupper())):
            e = r[1]
            while e < se and doc[e].text not in (".", "!", "?"):
                e += 1
            body_e = prev
            if prev > ss and all(not in_quote[k] for k in range(ss, prev)):
                draft(ss, body_e, doc[i].text, name_ref(doc, *r), i)
            return e
    if cls == "stance" and not has_that:
        k = _proposition(doc, p, se, STANCE.get(w))
        if k is None:
            return None
        has_that, p = True, k
    if not has_that and p < se and doc[p].lower_ in ("how", "why", "what") and w in WH_CUES:
        has_that = True  # "noted how …", "explained why …": the wh-clause is what was said
    if cls == "that" and not has_that and not adjective:
        return None
    if cls == "to" and not has_that and p < se and doc[p].lower_ in ("with", "on", "upon"):
        k = next((k for k in range(p + 1, min(se, p + 8)) if doc[k].lower_ == "to" or doc[k].text in _END_PUNCT), se)
        if k < se and doc[k].lower_ == "to":  # "pleaded with residents to ...", "called on the council to ..."
            p = k
    if cls == "to" and not has_that and (p >= se or doc[p].lower_ != "to"):
        return None
    if not has_that and (p >= se or doc[p].is_punct or doc[p].lower_ in _WH or doc[p].lower_ in _VERBISH
                         or (doc[p].lower_ in _NON_CLAUSE and not (cls == "to" and doc[p].lower_ == "to"))):
        return None
    study_subject = False
    if cls == "study":  # "found that ..." from anyone; "found ..." only from a study, poll, report
        k = i - 1
        while k >= ss and doc[k].lower_ in ADVERBS:
            k -= 1
        study_subject = k >= ss and doc[k].lower_ in STUDY_NOUNS
        if not study_subject and not has_that:
            return None
    rel = prev
    while rel > ss and doc[rel].lower_ in ADVERBS:
        rel -= 1
    relative = doc[rel].lower_ in ("who", "which") and rel - 1 > ss and doc[rel - 1].text == ","
    # "X, who had told reporters that P, resigned": the relative clause ends at its comma
    e = _clause_end(doc, p, se, quote_opens, in_leading_sub or (relative and doc[p - 1].text != ":"))
    if with_subject is not None:
        ref = with_subject
    elif channel:
        ref = _issuer(doc, ss, prev)
    elif participle and prev - 1 >= subj_lo and CUE_CLASS.get(doc[prev - 1].lower_) and not doc[prev - 1].lower_.endswith("ing"):
        ref = find_subject(doc, subj_lo, prev - 1)  # '"…," he adds, noting that …': the cue's own subject
    elif participle:
        ref = sentence_subject(doc, ss, i)
    elif relative:  # "X, who told reporters that …": the relative pronoun's antecedent
        ref = find_subject(doc, subj_lo, rel - 1)
    elif pw in ("and", "but"):  # "X said P and added Q", "X wrote to Y and said": X, not Y
        ref = prev_ref or sentence_subject(doc, subj_lo, i)
    else:
        ref = find_subject(doc, subj_lo, prev if adjective else i)
        if cls == "study" and study_subject and ref is not None and ref.kind != "name":
            ref = None
    d = draft(p, e, doc[i].text, ref, i)
    if d is not None:
        d.via = via
    return e if d is not None else None


def _trailing(doc, i, ss, se, subj_lo, quote_closes, draft, via):
    """"…, X said." and "…, said X." with the reported clause before the comma."""
    if subj_lo > ss:  # a quotation closed earlier in the sentence: its speaker, not a new claim
        return None
    prev = i - 1
    if prev >= ss and doc[prev].text == ",":  # ", said X."
        r = run_fwd(doc, i + 1, se)
        ref = name_ref(doc, *r) if r else np_forward(doc, i + 1, se)
        comma = prev
    else:
        comma = next((k for k in range(i - 1, ss - 1, -1) if doc[k].text == ","), None)
        if comma is None or i - comma > 9:
            return None
        ref = find_subject(doc, comma + 1, i)
    if comma is None or comma - 1 in quote_closes or comma in quote_closes or comma <= ss:
        return None
    d = draft(subj_lo if subj_lo < comma else ss, comma, doc[i].text, ref, i)
    if d is not None:
        d.via = via
        if ref is not None and ref.kind == "name" and is_outlet(ref.text):
            d.extra["outlet_speaker"] = True
            d.via = d.via or ref.text
    return None

