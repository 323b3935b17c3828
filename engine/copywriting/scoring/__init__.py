"""Scores for one ad variant, each in 0..1 (1 = better) so the user can read and compare them.

One module per score; :mod:`engine.copywriting.scoring.variant` puts them together.
"""
