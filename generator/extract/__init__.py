"""Extractors: one module per front-matter field, each a spaCy component over the shared Doc.

Each module keeps a pure ``match_<field>(doc)`` (unit-testable on a small Doc) and a
``briefings_<field>`` component that stores the result on ``doc._.<field>``. The order they
run in, and what each reads, is declared in ``generator.nlp.COMPONENTS``.
"""
