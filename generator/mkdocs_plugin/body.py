"""A briefing's body rendered as text, whatever is in the file.

The writer escapes article text (``generator.writer._escape``), but a briefing on disk may be
older than that escaping, or edited by hand. So the body is rendered with a second wall:

- the site's Markdown extensions without ``attr_list`` (``{: onclick=…}`` would set any
  attribute on any element);
- no raw HTML: Python-Markdown's HTML block and inline HTML handlers are removed, so ``<tag>``
  in a body is shown as text, never passed through;
- a last tree pass keeps only harmless attributes (``href``, ``src``, ``alt``, ``title``,
  ``id``, ``class``) and drops links and images whose URL has a scheme other than http(s)
  or mailto (``javascript:``, ``data:``, …).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

UNSAFE_EXTENSIONS = {"attr_list", "markdown.extensions.attr_list", "md_in_html", "markdown.extensions.md_in_html"}
SAFE_ATTRIBUTES = {"href", "src", "alt", "title", "id", "class"}
URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme ("java\tscript:")


def _unsafe_url(url: str) -> bool:
    m = _SCHEME.match(_INVISIBLE.sub("", url))
    return bool(m) and m.group(1).lower() not in SAFE_SCHEMES


class _AttributeFilter(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                if name.lower() not in SAFE_ATTRIBUTES or (name.lower() in URL_ATTRIBUTES
                                                           and _unsafe_url(element.attrib[name])):
                    del element.attrib[name]


class _TextOnly(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block", strict=False)
        md.inlinePatterns.deregister("html", strict=False)
        md.treeprocessors.register(_AttributeFilter(md), "briefings_attribute_filter", -100)  # after all others


def body_markdown(extensions: list, extension_configs: dict) -> markdown.Markdown:
    """A Markdown converter for briefing bodies: the site's extensions minus the unsafe ones,
    plus the walls above. Reuse it with ``.reset().convert(text)``."""
    names = [e for e in extensions if not (isinstance(e, str) and e in UNSAFE_EXTENSIONS)]
    configs = {k: v for k, v in (extension_configs or {}).items() if k not in UNSAFE_EXTENSIONS}
    return markdown.Markdown(extensions=[*names, _TextOnly()], extension_configs=configs)
