"""MkDocs plugin: briefing front matter -> page context; generated index pages (home,
archives, actors, topics). Templates in ``site_templates/`` do all the markup."""
