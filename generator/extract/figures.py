"""Placeholder: replaced by the real extractor."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("briefings_figures")
def figures_component(doc: Doc) -> Doc:
    return doc
