"""Renderers: formatting only. They never decide a status; the judging core does."""
