"""Extractors: one package per front-matter field, each a spaCy component over the shared Doc.

    actors/    candidates, kinds (typing), merge, roles + salience, lexicon
    claims/    quotes, attrib (reported speech), speakers, relay, anaphora, resolve, lexicon
    figures/   numbers, rules
    timeline/  rules (date patterns, calendar arithmetic)
    topics/    IPTC Media Topics matcher
    summary/   title and summary
    sentences.py  sentence boundaries (not a field: every other component reads them)
    doc_facts.py  token texts, offsets and sentence bounds of a Doc as plain lists, built once

Each package keeps a pure ``match_<field>(doc)`` (unit-testable on a small Doc) and a
``briefings_<field>`` component that stores the result on ``doc._.<field>``. The order they
run in, and what each reads, is declared in ``generator.nlp.COMPONENTS``.
"""
