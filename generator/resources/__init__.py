"""Data files shipped with the generator (taxonomies, word lists)."""
