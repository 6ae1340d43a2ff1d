"""The one place the ``nlp`` object is built, and the one parse per article.

Default: spaCy's blank English (tokenizer) + the project's components, each a small step
over the shared ``Doc``:

    briefings_sentences  paragraph-aware sentence boundaries; crossheads are their own sentence
    briefings_actors     doc._.actors, doc._.actor_mentions
    briefings_claims     doc._.claims         (reads actors)
    briefings_figures    doc._.figures
    briefings_timeline   doc._.timeline, doc._.periods
    briefings_topics     doc._.topics, doc._.topic_evidence
    briefings_summary    doc._.title, doc._.summary (reads actors)

A trained pipeline can be plugged in with ``load_nlp(base="en_core_web_sm")`` (``briefings
generate --model NAME``): its components run first, and the actors component reads its
``doc.ents`` as extra evidence for candidates, name boundaries and types.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from generator.errors import ReaderError
from generator.readers.article import RawArticle
from generator.readers.files import MAX_ARTICLE_CHARS

EXTENSIONS = {
    "article": None,  # the RawArticle the Doc was parsed from (dateline, outlet, paragraphs)
    "paragraphs": None,  # [(start_token, end_token, is_heading)]
    "actors": None,  # list[Actor]
    "actor_mentions": None,  # [(start_token, end_token, actor_index)]
    "claims": None,
    "figures": None,
    "timeline": None,
    "periods": None,
    "topics": None,
    "topic_evidence": None,
    "title": None,
    "summary": None,
}

COMPONENTS = (
    "briefings_sentences",
    "briefings_actors",
    "briefings_claims",
    "briefings_figures",
    "briefings_timeline",
    "briefings_topics",
    "briefings_summary",
)

_UNREAD_TRAINED = ("parser", "senter", "tagger", "morphologizer", "attribute_ruler", "lemmatizer")

_registered = False


def register_all() -> None:
    """Declare the Doc extensions and import the components (idempotent, no I/O)."""
    global _registered
    if _registered:
        return
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # Importing the modules registers their @Language.component functions.
    from generator.extract import actors, claims, figures, sentences, summary, timeline, topics  # noqa: F401

    _registered = True


@lru_cache(maxsize=8)
def load_nlp(base: str | None = None, components: tuple[str, ...] = COMPONENTS) -> Language:
    """Build the pipeline: ``base`` is a spaCy package name, or None for blank English;
    ``components`` picks ours (in their declared order), e.g. for an extractor's unit tests."""
    register_all()
    # our splitter owns sentence boundaries (a parsed Doc refuses them) and nothing reads tags
    # or lemmas: of a trained pipeline only the entity recogniser (and its embedding) runs
    nlp = spacy.load(base, exclude=_UNREAD_TRAINED) if base else spacy.blank("en")
    for name in COMPONENTS:
        if name in components:
            nlp.add_pipe(name)
    nlp.max_length = MAX_ARTICLE_CHARS  # the readers refuse longer articles, each in one line
    return nlp


def model_problem(name: str) -> str | None:
    """Why ``name`` cannot be used as a base pipeline (one line), or None when it loads."""
    try:
        load_nlp(name)
    except (OSError, ImportError, ValueError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return f"cannot load this spaCy pipeline ({first[:200]})"
    return None


def parse_text(text: str, dateline: str = "2021-12-09", nlp: Language | None = None) -> Doc:
    """Parse a snippet as if it were an article with that dateline (tests, notebooks)."""
    from generator.readers.text import parse_text_article

    return parse(parse_text_article(f"date {dateline} {text}".encode("utf-8"), "snippet.txt"), nlp)


def parse(article: RawArticle, nlp: Language | None = None) -> Doc:
    """Exactly one Doc per article: tokenise, then run every component on it."""
    nlp = nlp or load_nlp()
    text = article.text
    if len(text) > nlp.max_length:  # a reader that did not check: one line, never spaCy's E088
        raise ReaderError(article.source_path, f"article too long: {len(text):,} characters "
                                               f"(the limit is {nlp.max_length:,})")
    doc = nlp.make_doc(text)
    doc._.article = article
    doc._.paragraphs = _paragraph_tokens(doc, article)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _paragraph_tokens(doc: Doc, article: RawArticle) -> list[tuple[int, int, bool]]:
    result = []
    for start, end, heading in article.paragraph_spans():
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            result.append((span.start, span.end, heading))
    return result
