"""Targeting: recommenders, audiences and back-tests built on customer profiles."""
