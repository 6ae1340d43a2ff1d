"""Options of the ``briefings`` MkDocs plugin (``plugins: - briefings: {...}`` in mkdocs.yml)."""
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BriefingsConfig(Config):
    enabled = c.Type(bool, default=True)
    briefings_dir = c.Type(str, default="briefings")
    home_latest = c.Type(int, default=20)  # briefings listed on the home page
    archive_page_size = c.Type(int, default=50)  # briefings per page of a month or topic listing
    actor_min_briefings = c.Type(int, default=2)  # an actor page needs this many briefings, or key somewhere
    actor_claims_max = c.Type(int, default=50)  # claims listed on an actor page
    actor_briefings_max = c.Type(int, default=50)  # newest briefings listed on an actor page (the rest: search)
    actors_index_max = c.Type(int, default=200)  # actors listed per type on the actors index (most briefings first)
    search_actor_facets = c.Type(int, default=250)  # actor values in the search facet (recurring key actors)
    render_workers = c.Type(int, default=0)  # processes rendering briefing/actor/listing pages (0: every core; `serve`: 1)
    related_max = c.Type(int, default=5)  # related briefings (sharing key actors) on a briefing page
    actor_cooccurring_max = c.Type(int, default=12)  # actors listed as seen beside an actor on its page
    feed_entries = c.Type(int, default=20)  # newest briefings in each Atom feed (site, topic, actor)
    search_index = c.Type(bool, default=True)  # run Pagefind over the built site (search page + facets)
    search_cache = c.Type(str, default=".search-cache")  # each shard's bundle + manifest, kept between builds (relative: beside mkdocs.yml)
    search_shard_pages = c.Type(int, default=4000)  # at most this many pages per Pagefind run: a larger year in parts of whole months, a larger month in parts of it
    search_names_max = c.Type(int, default=1000)  # actors in the "go to actor" name index (most briefings first)
    page_cache = c.Type(str, default="")  # rendered pages + manifest kept between builds, e.g. ".site-cache" (relative: beside mkdocs.yml); "": none
