"""Claims: who said what, as direct quotations and reported statements.

``match_claims(doc)`` is pure (reads the Doc, returns ``list[Claim]`` in text order); the
component stores it as ``doc._.claims``. Steps:

1. Quotation pairing per paragraph (``quotes``); scare quotes, quoted titles and one-
   or two-word fragments are not claims.
2. Reported statements per sentence (``attrib``): reporting cues, "according to",
   "per", "X's denial that", with the relaying outlet as ``via``.
3. A quotation's speaker from the cue after it (", he said", ", according to X", ", in the
   words of X") or before it ("said:", "told reporters, ", "X continued:"), else from the
   sentence before it when that one introduces a speaker ("X issued a statement."), else
   from the claim before it in the paragraph. A negated cue ("did not say") makes no claim.
4. Speakers resolved in text order: actors (``doc._.actors``) give canonical names;
   without them, a surname takes the fuller name found in the document; pronouns and "the
   president" take the person they refer to. A described speaker ("officials from the
   White House") is kept as written and linked to its actor (``speaker_actor``); an outlet
   is the speaker of its own reporting and otherwise only the ``via``; the cue gives the
   ``stance`` ("denied that", "rejected claims that" -> denied).

Every step is linear in the article: lookups go through indexes built once per Doc.
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.extract.claims.attrib import Draft, _with_subject, sentence_claims
from generator.extract.claims.lexicon import (
    ADVERBS, CHANNEL_NOUNS, CUE_CLASS, DETERMINERS, NEGATORS, PASSIVE_AUX, is_outlet,
)
from generator.extract.claims.relay import _np_ref

from generator.extract.claims.quotes import DOUBLE, Quote, find_quotes
from generator.extract.claims.resolve import Resolver, _para_opens_with_quote
from generator.extract.doc_facts import doc_text, sentence_bounds, token_starts
from generator.extract.claims.speakers import (
    Ref, find_subject, name_ref, np_forward, run_back, run_fwd, sentence_subject, speaker_after,
)
from generator.model import Claim

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_AUX = frozenset("has have had is was were are will would did does do can could may might must".split())


def _para_chars(doc: Doc) -> list[tuple[int, int, bool]]:
    paras = doc._.paragraphs if Doc.has_extension("paragraphs") else None
    if not paras:
        return [(0, len(doc_text(doc)), False)] if len(doc) else []
    out = []
    for s, e, heading in paras:
        if e > s:
            out.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), heading))
    return out


def _is_claim_quote(text: str, q: Quote, para_start: int) -> bool:
    if q.cont_prev:
        return True
    inner = text[q.start:q.end]
    words = _WORD.findall(inner)
    if len(words) <= 2:
        return False
    caps = sum(w[0].isupper() for w in words)
    if len(words) <= 10 and caps / len(words) >= 0.6 and not re.search(r"[.!?]\s", inner):
        return False  # a title or a name
    before = text[para_start:q.open].rstrip()
    if not before:
        return True
    last = before[-1]
    if last in ",:;—–-([.!?" or last in DOUBLE or last in "’'":
        return True
    m = re.search(r"([^\W\d_]+)$", before)
    return bool(m) and (m.group(1).lower() in CUE_CLASS or m.group(1).lower() == "that")


class _Ctx:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = token_starts(doc)
        self.sents = sentence_bounds(doc) if len(doc) else []
        self.sent_of = [0] * len(doc)
        for n, (s, e) in enumerate(self.sents):
            for k in range(s, e):
                self.sent_of[k] = n

    def tok(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def _quote_draft(ctx: _Ctx, q: Quote, in_quote: list[bool], opens: set[int], closes: set[int],
                 prev_close: int | None, next_open: int | None) -> Draft:
    doc = ctx.doc
    qo = ctx.tok(q.open)
    s_lo = ctx.sents[ctx.sent_of[qo]][0]
    l_lo = max(s_lo, prev_close + 1) if prev_close is not None else s_lo
    ref = cue = via = cue_tok = None
    found = False
    if q.close is not None:
        qc = ctx.tok(q.close)
        s_hi = ctx.sents[ctx.sent_of[qc]][1]
        r_hi = min(s_hi, next_open) if next_open is not None else s_hi
        for c in range(qc + 1, min(r_hi, qc + 16)):
            t = doc[c]
            if t.text in (".", "!", "?") or t.text in DOUBLE:
                break
            source = _source_phrase(doc, c, r_hi)
            if source is not None and all(doc[k].is_punct or doc[k].is_space for k in range(qc + 1, c)):
                ref, cue, end = source  # '"…," according to X' / '"…," in the words of X'
                found, cue_tok = True, c
                if ref is not None and is_outlet(ref.text):
                    via = ref.text
                break
            if CUE_CLASS.get(t.lower_) and not t.lower_.endswith("ing") and not (t.text[0].isupper() and c != qc + 1):
                if all(doc[k].is_punct or doc[k].is_space for k in range(qc + 1, c)):
                    ref = speaker_after(doc, c + 1, r_hi)
                else:
                    ref = find_subject(doc, qc + 1, c)
                    r = run_fwd(doc, c + 1, r_hi)
                    if r and is_outlet(doc[r[0]:r[1]].text):
                        via = doc[r[0]:r[1]].text
                cue, found, cue_tok = t.text, True, c
                break
    if not found:
        for c in range(qo - 1, max(l_lo, qo - 10) - 1, -1):
            t = doc[c]
            if in_quote[c] or t.text in (".", "!", "?"):  # a cue before a full stop is the last sentence's
                break
            source = _source_phrase(doc, c, qo)
            if source is not None:  # 'According to X, "…"' / 'In the words of X: "…"'
                ref, cue, _end = source
                found, cue_tok = True, c
                break
            if CUE_CLASS.get(t.lower_) and not (t.text[0].isupper() and c != s_lo):
                if t.lower_.endswith("ing"):
                    ref = _with_subject(doc, s_lo, c - 1) or sentence_subject(doc, s_lo, c)
                else:
                    ref = find_subject(doc, l_lo, c)
                if ref is None and prev_close is not None and all(
                        doc[k].is_punct or doc[k].is_space for k in range(l_lo, c)):
                    ref = speaker_after(doc, c + 1, qo)  # '"…," said X, "…"': the speaker follows the cue
                if ref is None and c - 1 >= l_lo and doc[c - 1].lower_ in ("and", "but"):
                    ref = sentence_subject(doc, s_lo, c)
                r = run_fwd(doc, c + 1, qo)
                if r and is_outlet(doc[r[0]:r[1]].text):
                    via = doc[r[0]:r[1]].text
                cue, found, cue_tok = t.text, True, c
                break
    if not found and ctx.text[:q.open].rstrip().endswith(":"):
        v = next((k for k in range(l_lo, qo) if doc[k].lower_ in _AUX and not in_quote[k]), None)
        colon = qo - 1
        while colon > l_lo and doc[colon].text != ":":
            colon -= 1
        if v is not None:
            ref = find_subject(doc, l_lo, v)
        else:
            r = run_back(doc, l_lo, colon)
            ref = name_ref(doc, *r) if r else None
            if ref is None and colon - 1 > l_lo and doc[colon - 1].is_lower and doc[colon - 1].is_alpha:
                r = run_back(doc, l_lo, colon - 1)  # 'X continued:', 'X went on:'
                if r:
                    ref = name_ref(doc, *r)
                elif doc[colon - 2].lower_ in ("he", "she", "they", "it", "we"):
                    ref = Ref("pron", doc[colon - 2].lower_, colon - 2, colon - 1)
                else:  # 'X responded with a statement on his blog:', 'X spoke about the incident:'
                    ref = sentence_subject(doc, s_lo, colon)
        found = ref is not None
    if not found and _opens_sentence(ctx, doc, qo):
        ref = _introducer(ctx, doc, qo)  # 'X issued a statement.' then the quotation
        found = ref is not None
    d = Draft(q.start, q.end, "quote", cue, ref, ctx.sent_of[qo], q.start, via=via)
    d.extra["negated"] = cue_tok is not None and _negated(doc, cue_tok, s_lo)
    d.inherit = not found
    d.quote = q
    d.extra["cue_tok"] = cue_tok
    return d


def _negated(doc: Doc, cue: int, lo: int) -> bool:
    """A negator before the cue, adverbs and auxiliaries skipped ("did not say", "never said")."""
    k = cue - 1
    while k >= lo and doc[k].lower_ in ADVERBS:
        k -= 1
    return k >= lo and doc[k].lower_ in NEGATORS


def _source_phrase(doc: Doc, c: int, hi: int) -> tuple[Ref | None, str, int] | None:
    """"according to X" or "in the words of X" starting at token c: (speaker, cue, end)."""
    w = doc[c].lower_
    if w == "according" and c + 1 < hi and doc[c + 1].lower_ == "to":
        ref, end = _np_ref(doc, c + 2, hi)
        return ref, doc[c:c + 2].text, end
    if w == "in" and c + 3 < hi and doc[c + 1].lower_ == "the" and doc[c + 2].lower_ == "words" \
            and doc[c + 3].lower_ == "of":
        ref, end = _np_ref(doc, c + 4, hi)
        return ref, doc[c:c + 4].text, end
    return None


def _opens_sentence(ctx: _Ctx, doc: Doc, qo: int) -> bool:
    s = ctx.sents[ctx.sent_of[qo]][0]
    return all(doc[k].is_punct or doc[k].is_space for k in range(s, qo))


def _introducer(ctx: _Ctx, doc: Doc, qo: int) -> Ref | None:
    """The speaker a sentence before a quotation introduces: its subject, when it issued or
    made a statement, letter or remarks ("The council issued a statement on Monday.") or ends
    in a colon. Only the sentence right before, and only if it has no quotation of its own."""
    n = ctx.sent_of[qo]
    if n == 0:
        return None
    ps, pe = ctx.sents[n - 1]
    words = [doc[k] for k in range(ps, pe)]
    if any(t.text in DOUBLE for t in words):
        return None
    ends_colon = pe - 1 >= ps and doc[pe - 1].text == ":"
    channel = next((k for k in range(ps, pe) if doc[k].lower_ in CHANNEL_NOUNS), None)
    cue = next((k for k in range(ps, pe) if _introducing_cue(doc, k, ps, pe)), None)
    if cue is not None and channel is None:  # 'X denied the allegations.' then the quotation
        return find_subject(doc, ps, cue)
    if channel is None and not ends_colon:
        return None
    ref = sentence_subject(doc, ps, channel if channel is not None else pe - 1)
    if ref is not None and ref.kind == "desc" and channel is not None and ref.end > channel:
        return None  # the subject is the document itself ("A statement was read out.")
    return ref


def _introducing_cue(doc: Doc, k: int, ps: int, pe: int) -> bool:
    """A reporting verb in active voice that reports no clause of its own ("X commented on the
    falls.", "X denied the allegations."), so the quotation after the sentence is what was said."""
    w = doc[k].lower_
    if CUE_CLASS.get(w) in (None, "quote") or doc[k].text[:1].isupper() or w.endswith("ing"):
        return False
    b = k - 1
    while b >= ps and doc[b].lower_ in ADVERBS:
        b -= 1
    if b >= ps and (doc[b].lower_ in PASSIVE_AUX or doc[b].lower_ in DETERMINERS or doc[b].lower_ in NEGATORS
                    or doc[b].lower_ == "to"):
        return False  # "are predicted to", "the report", "did not comment", "declined to comment"
    return not any(doc[m].lower_ in ("that", "whether") for m in range(k + 1, min(pe, k + 4)))


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """Of drafts overlapping by half the shorter one, keep a quotation over an attribution and
    the longer of two of a kind. Drafts are visited by start, so only those still open at the
    current start can clash: the pass is linear in the number of drafts."""
    drafts.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Draft | None] = []
    active: list[int] = []  # indexes into kept whose draft ends after the current start
    for d in drafts:
        active = [n for n in active if kept[n] is not None and kept[n].end > d.start]
        clash = None
        for n in active:
            k = kept[n]
            inter = min(d.end, k.end) - max(d.start, k.start)
            if inter > 0 and inter >= 0.5 * min(d.end - d.start, k.end - k.start):
                clash = n
                break
        if clash is None:
            kept.append(d)
            active.append(len(kept) - 1)
        elif (d.kind == "quote" and kept[clash].kind != "quote") or \
                (d.kind == kept[clash].kind and (d.end - d.start) > (kept[clash].end - kept[clash].start)):
            kept[clash] = d
    out = [d for d in kept if d is not None]
    out.sort(key=lambda d: (d.start, d.end))
    return out


def match_claims(doc: Doc) -> list[Claim]:
    """All claims of the article, in text order."""
    if not len(doc):
        return []
    ctx = _Ctx(doc)
    text = ctx.text
    paras = _para_chars(doc)
    body = [(a, b) for a, b, h in paras if not h]
    para_starts = [a for a, _ in body]
    quotes = find_quotes(text, body)
    in_quote = [False] * len(doc)
    opens: set[int] = set()
    closes: set[int] = set()
    claim_quotes: list[Quote] = []
    for q in quotes:
        lo = ctx.tok(q.open)
        hi = ctx.tok(q.close) if q.close is not None else ctx.tok(max(q.end - 1, q.open))
        for k in range(lo, hi + 1):
            in_quote[k] = True
        if _is_claim_quote(text, q, body[q.para][0]):
            claim_quotes.append(q)
            opens.add(lo)
            if q.close is not None:
                closes.add(hi)
    headings = {ctx.tok(a) for a, _, h in paras if h}
    drafts: list[Draft] = []
    q_open_toks = [ctx.tok(q.open) for q in claim_quotes]
    for n, q in enumerate(claim_quotes):
        same_para_prev = n > 0 and claim_quotes[n - 1].para == q.para and claim_quotes[n - 1].close is not None
        prev_close = ctx.tok(claim_quotes[n - 1].close) if same_para_prev else None
        nxt = q_open_toks[n + 1] if n + 1 < len(claim_quotes) else None
        drafts.append(_quote_draft(ctx, q, in_quote, opens, closes, prev_close, nxt))
    used = frozenset(d.extra["cue_tok"] for d in drafts if d.extra.get("cue_tok") is not None)
    for n, (ss, se) in enumerate(ctx.sents):
        if ss in headings:
            continue
        drafts.extend(sentence_claims(doc, ss, se, n, in_quote, opens, closes, used))
    drafts = [d for d in drafts if not d.extra.get("negated")]  # 'He did not say "…"'
    for d in drafts:
        d.para = max(0, bisect.bisect_right(para_starts, d.start) - 1)
    drafts = _dedupe(drafts)
    _attribute_ahead(text, drafts)
    return Resolver(doc, text).resolve(drafts)


def _attribute_ahead(text: str, drafts: list[Draft]) -> None:
    """A quotation opening its paragraph with no cue of its own takes the first explicit
    attribution that follows in the same paragraph, or at the end of the quotation when it runs
    on into the next paragraphs ('"…' ¶ '"…," Henning said.'), before the previous paragraph's."""
    for n, d in enumerate(drafts):
        q = d.quote
        if not d.inherit or q is None or q.cont_prev or not _para_opens_with_quote(text, d):
            continue
        open_on = q.close is None
        for m in drafts[n + 1:]:
            mq = m.quote
            if m.para != d.para and not (open_on and mq is not None and mq.cont_prev):
                break
            if not m.inherit and m.ref is not None:
                d.extra["ahead_ref"], d.extra["ahead_pos"] = m.ref, m.ref.start
                break
            open_on = mq is not None and mq.close is None


@Language.component("briefings_claims", assigns=["doc._.claims"])
def claims_component(doc: Doc) -> Doc:
    doc._.claims = match_claims(doc)
    return doc
