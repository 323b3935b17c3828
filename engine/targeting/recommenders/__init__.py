"""Recommenders behind one estimator-style interface (see :mod:`.base`).

Each is fitted on :class:`~engine.profiles.sequences.EventSequences` (sessions or customer
histories) and scores every training item; :mod:`.session_eval` runs the session protocol.
"""
