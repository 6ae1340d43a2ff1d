"""What the plugin's templates are given besides a page's own data: the corpus, the taxonomy,
and helpers that make the HTML pieces recurring across pages (an actor's name as a link, a
briefing as a list item, a mentions chart, a claim as a sentence). Each piece is made once per
build, process and link depth (a page's relative links differ only by its depth) and reused
on every page that shows it. No MkDocs here: the plugin hands in its Jinja environment."""
from __future__ import annotations

import functools
from typing import Callable

from jinja2 import Environment, pass_context
from markupsafe import Markup

from generator.mkdocs_plugin.chart import BAR_WIDTH, chart_geometry
from generator.mkdocs_plugin.corpus import Corpus, Entry, date_label, date_text
from generator.mkdocs_plugin.sentences import actor_link_html, claim_html

ITEM_TEMPLATE = "partials/briefing-item.html"  # a briefing in a list (briefing_item)


@pass_context
def link_filter(context, path: str) -> str:
    """``'actors/x/' | link``: a site-root-relative path as a link from the page being
    rendered. MkDocs' ``url`` filter does the same with the shortest relative path, at ten
    times the cost; templates here emit tens of links per page, times every page."""
    base = context.get("base_url") or "."
    if ":" in path or path.startswith(("/", "#")):
        return path
    return (path or "./") if base == "." else f"{base.rstrip('/')}/{path}"  # error pages: base "/"


def template_context(config, env: Environment, corpus: Corpus, taxonomy: dict, topic_label: Callable[[str], str],
                     facet_actors: frozenset[str], name_answer: Callable, asked: set | None) -> dict:
    """What every content template of the plugin may use, whatever the page. ``name_answer``
    is the plugin's ``(slug, canonical name, facet)`` of a name; ``asked`` (when a page cache
    records what a page asked about names) gets every name a template looks up."""
    # Pieces that recur across pages, made once per build and process for each link base
    # (a page's relative links differ only by its depth): a briefing as a list item, an
    # actor's name as a link.
    items: dict[tuple[str, str, bool], Markup] = {}
    links: dict[tuple[str, str | None, str], Markup] = {}
    item_template = env.get_template(ITEM_TEMPLATE)

    def actor_href(context, name: str | None) -> str | None:
        if asked is not None and name:
            asked.add(name)
        slug = corpus.actor_slug(name)
        return link_filter(context, f"actors/{slug}/") if slug else None

    @pass_context
    def actor_link(context, name: str, lookup: str | None = None):
        """``actor_link(name)``: the name, linked to its actor page when it has one."""
        if asked is not None:  # asked even when the link comes from the memo below
            asked.add(name)
            if lookup:
                asked.add(lookup)
        key = (name, lookup, context.get("base_url") or ".")
        html = links.get(key)
        if html is None:
            html = links[key] = actor_link_html(
                name, (actor_href(context, lookup) if lookup else None) or actor_href(context, name))
        return html

    @pass_context
    def briefing_item(context, entry: Entry, compact: bool = False) -> Markup:
        """``briefing_item(entry, compact)``: one briefing of a list (partials/briefing-item.html)."""
        base = context.get("base_url") or "."
        key = (entry.url, base, bool(compact))
        html = items.get(key)
        if html is None:
            html = items[key] = Markup(item_template.render(
                {"entry": entry, "compact": compact, "base_url": base, "topic_label": topic_label}))
        return html

    chart_template = env.get_template("partials/chart.svg")

    @functools.lru_cache(maxsize=1 << 14)
    def chart_svg(bars: tuple) -> Markup:
        """``chart_svg(bars)``: an actor's mentions chart (partials/chart.svg). Actors seen a
        few times share their chart with many others (the same few bars): each is drawn once."""
        return Markup(chart_template.render({"chart": chart_geometry(bars), "bar_width": BAR_WIDTH}))

    @pass_context
    def claim_html_in(context, claim):
        """``claim_html(c)``: the claim as a sentence, its speaker linked."""
        return claim_html(claim, lambda name, lookup: actor_link(context, name, lookup))

    return {
        "actor_link": actor_link, "claim_html": claim_html_in, "briefing_item": briefing_item,
        "chart_svg": lambda bars: chart_svg(tuple(bars)),
        "config": config, "corpus": corpus, "taxonomy": taxonomy, "topic_label": topic_label,
        "actor_url": lambda name: (f"actors/{slug}/" if (slug := name_answer(name, asked)[0]) else None),
        # Dates recur across pages (a few thousand days make a decade): each is written once.
        "date_label": functools.lru_cache(maxsize=1 << 14)(date_label),
        "date_text": functools.lru_cache(maxsize=1 << 14)(date_text),
        # The facet value for an actor: its site-wide canonical name, when it is a facet at all.
        "actor_facet": lambda name: (n if (n := name_answer(name, asked)[1]) in facet_actors else None),
    }

