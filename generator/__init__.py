"""Briefings: news articles in, structured briefings and a searchable static site out."""

__version__ = "0.1.0"
